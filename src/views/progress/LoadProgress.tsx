import { isFiltering, stopFilter, useExplore } from '../../state/explore-store';
import { cancel, useLoadState, type FileProgress, type LoadState } from '../../state/load-store';
import { formatBytes, formatCount, formatDuration, formatMB, formatThroughput } from '../format';
import './LoadProgress.css';
import { useMessages } from '../../i18n/lang';
import type { FailedFile } from '../../model/file-problems';

/** The status strip under the header: progress while loading, totals after, errors always. */
export function LoadProgress() {
  const state = useLoadState();
  const m = useMessages();
  return (
    <section className="load-status" aria-label={m.aria.loadStatus} data-status={state.status}>
      <StatusLine state={state} />
      {state.status === 'loading' && <FileProgressList files={state.files} />}
      <FileErrors errors={state.fileErrors} />
    </section>
  );
}

function StatusLine({ state }: { state: LoadState }) {
  const m = useMessages();
  switch (state.status) {
    case 'idle':
      return state.cancelled ? <p className="load-status__line">{m.loadingCancelled}</p> : null;
    case 'loading':
      return <LoadingLine state={state} />;
    case 'ready':
      return <ReadyLine state={state} />;
    case 'error':
      return (
        <p className="load-status__line load-status__error" role="alert" data-testid="load-error">
          {m.loadingFailed} {m.loadProblem(state.cause)}
        </p>
      );
  }
}

function LoadingLine({ state }: { state: Extract<LoadState, { status: 'loading' }> }) {
  const m = useMessages();
  const percent = state.bytesTotal > 0 ? Math.floor((state.bytesDone / state.bytesTotal) * 100) : 0;
  return (
    <div className="load-status__line">
      <div
        className="progress"
        role="progressbar"
        aria-label={m.aria.bytesRead}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${formatMB(state.bytesDone)} of ${formatMB(state.bytesTotal)}`}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <span className="load-status__figure">
        {formatMB(state.bytesDone)} / {formatMB(state.bytesTotal)}
      </span>
      <span className="load-status__figure">
        {formatThroughput(state.bytesDone, state.updatedAt - state.startedAt)}
      </span>
      <span className="load-status__figure" data-testid="loading-rows">
        {m.rowsSoFar(formatCount(state.rowCount))}
      </span>
      <button type="button" className="button button--small" onClick={cancel}>
        {m.cancel}
      </button>
    </div>
  );
}

function ReadyLine({ state }: { state: Extract<LoadState, { status: 'ready' }> }) {
  const { summary, indexMs, bytes } = state.summary;
  const filtering = useExplore((s) => isFiltering(s.filter));
  const matching = useExplore((s) => s.shown);
  const done = useExplore((s) => s.done);
  const queryMs = useExplore((s) => s.queryMs);
  const m = useMessages();
  const shown = filtering ? matching : state.rowCount;
  return (
    <p className="load-status__line">
      <strong
        className="load-status__count"
        data-testid="row-count"
        data-count={state.rowCount}
        data-shown={shown}
        data-done={!filtering || done}
      >
        {m.linesOf(formatCount(shown), formatCount(state.rowCount))}
        {filtering && !done && m.counting}
      </strong>
      {filtering && done && queryMs !== undefined && (
        <span className="load-status__figure" data-testid="query-time" title={m.engineTime}>
          {formatDuration(queryMs)}
        </span>
      )}
      {filtering && !done && (
        <button type="button" className="button button--small" data-testid="stop-query" onClick={stopFilter}>
          {m.stop}
        </button>
      )}
      <span className="load-status__figure">{m.filesAndSize(summary.files.length, formatMB(bytes))}</span>
      <span className="load-status__figure" data-testid="index-time">
        {m.indexedIn(formatDuration(indexMs))}
      </span>
      <span className="load-status__figure">{formatThroughput(bytes, indexMs)}</span>
    </p>
  );
}

function FileProgressList({ files }: { files: readonly FileProgress[] }) {
  const m = useMessages();
  return (
    <ul className="file-progress" aria-label={m.aria.filesBeingRead} data-testid="file-progress">
      {files.map((f, i) => (
        <li key={`${i}:${f.name}`} className="file-progress__item" data-state={f.state}>
          <span className="file-progress__name" title={f.name}>
            {f.name}
          </span>
          <span className="file-progress__bytes">
            {formatBytes(f.bytesDone)} / {formatBytes(f.bytesTotal)}
          </span>
          <span className="badge" data-state={f.state}>
            {m.fileState[f.state]}
          </span>
        </li>
      ))}
    </ul>
  );
}

function FileErrors({ errors }: { errors: readonly FailedFile[] }) {
  const m = useMessages();
  if (errors.length === 0) return null;
  return (
    <ul className="file-errors" aria-label={m.aria.filesNotRead}>
      {errors.map((e, i) => (
        <li
          key={`${i}:${e.fileName}`}
          className="file-errors__item"
          data-testid="file-error"
          data-code={e.problem.code}
          role="alert"
        >
          <strong className="file-errors__name">{e.fileName}</strong>: {m.fileProblem(e.problem)}
        </li>
      ))}
    </ul>
  );
}
