import { setFileEncoding, useLoadSelector, type LoadSummary } from '../../state/load-store';
import { formatCount } from '../format';
import './FileList.css';
import { useMessages } from '../../i18n/lang';

type FileRow = LoadSummary['summary']['files'][number];

const ENCODING_NAMES: Record<FileRow['encoding'], string> = { shift_jis: 'Shift_JIS', 'utf-8': 'UTF-8' };
const ENCODINGS = Object.keys(ENCODING_NAMES) as Array<FileRow['encoding']>;

/** The files of the finished load: what the engine learned about each. */
export function FileList() {
  const files = useLoadSelector((s) => (s.status === 'ready' ? s.summary.summary.files : undefined));
  const messages = useMessages();
  const m = messages.fileList;
  if (!files) return null;
  const hasOldFormat = files.some((f) => f.format === '1.26');
  return (
    <details className="file-list" open>
      <summary className="file-list__summary">
        {m.files} <span className="file-list__count">({files.length})</span>
      </summary>
      <div className="file-list__scroll">
        <table className="file-list__table" data-testid="file-list">
          <thead>
            <tr>
              <th scope="col">{m.file}</th>
              <th scope="col">{m.kind}</th>
              <th scope="col">{m.encoding}</th>
              <th scope="col">{m.format}</th>
              <th scope="col">{m.level}</th>
              <th scope="col" className="num">
                {m.lines}
              </th>
              <th scope="col" className="num">
                {m.unparsed}
              </th>
              <th scope="col">{m.warnings}</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f, i) => (
              <FileRowView key={`${i}:${f.name}`} file={f} id={i} />
            ))}
          </tbody>
        </table>
      </div>
      {hasOldFormat && (
        <p className="file-list__note" data-testid="best-effort-note">
          {messages.bestEffortNote}
        </p>
      )}
    </details>
  );
}

function FileRowView({ file: f, id }: { file: FileRow; id: number }) {
  const m = useMessages();
  return (
    <tr data-testid="file-row" data-name={f.name}>
      <td className="file-list__name" title={f.name}>
        {f.name}
      </td>
      <td>{m.fileKind[f.kind]}</td>
      <td>
        <select
          className="file-list__encoding"
          aria-label={m.aria.encodingOf(f.name)}
          data-testid="encoding-select"
          value={f.encoding}
          onChange={(e) => setFileEncoding(id, e.currentTarget.value as FileRow['encoding'])}
        >
          {ENCODINGS.map((enc) => (
            <option key={enc} value={enc}>
              {ENCODING_NAMES[enc]}
            </option>
          ))}
        </select>{' '}
        <span className="file-list__muted">({m.encodingSource[f.encodingSource] ?? f.encodingSource})</span>
      </td>
      <td>
        {f.format ?? <span className="file-list__muted">none</span>}
        {f.format === '1.26' && (
          <span className="badge badge--warn" title="Sessions are cut in file order (best effort)">
            {m.bestEffort}
          </span>
        )}
      </td>
      <td>{f.levels.length ? f.levels.join(' → ') : <span className="file-list__muted">—</span>}</td>
      <td className="num">{formatCount(f.lines)}</td>
      <td className={f.unparsed > 0 ? 'num file-list__unparsed' : 'num'}>{formatCount(f.unparsed)}</td>
      <td className="file-list__warnings">
        {f.warnings.length === 0 ? (
          <span className="file-list__muted">—</span>
        ) : (
          <ul>
            {f.warnings.map((w, i) => (
              <li key={i} data-code={w.code}>
                {m.fileWarning(w)}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
