/**
 * The load state: one tagged union, one engine client, a tiny external store that React reads with
 * useSyncExternalStore. Handlers check `loadId` so a late message from a replaced load can never
 * overwrite the state of the current one (the client drops them too; this is belt and braces).
 */
import { useSyncExternalStore } from 'react';
import type { Encoding } from '../model/file-info';
import type { FailedFile, LoadProblem } from '../model/file-problems';
import type { LoadSummary, RowView } from '../query/types';
import type { ViewWindow } from '../query/view-query';
import { EngineClient } from '../worker/client';
import type { FileProgress } from '../worker/protocol';
import { loadBudget } from './load-budget';
import { markFirstRowsPainted, resetProbe, updateProbe } from './probe';

export type { FileProgress, LoadSummary, RowView, ViewWindow };

/** The log table's view: the rows the filter keeps, in timeline order once indexed (file order while loading). */
export const LOG_VIEW = 1;
/** The deliveries table's view: the MTA report log's entries. */
export const REPORT_VIEW = 2;

interface LoadCommon {
  /** Increases with every load: views key their caches and scroll positions on it. */
  loadId: number;
  /** Files the engine gave up on; kept in every state while the other files load. */
  fileErrors: readonly FailedFile[];
}

export type LoadState =
  | (LoadCommon & { status: 'idle'; cancelled?: boolean })
  | (LoadCommon & {
      status: 'loading';
      files: readonly FileProgress[];
      rowCount: number;
      bytesDone: number;
      bytesTotal: number;
      /** performance.now() when the load started: the base of the MB/s figure. */
      startedAt: number;
      /** performance.now() of the latest progress report. */
      updatedAt: number;
    })
  | (LoadCommon & {
      status: 'ready';
      summary: LoadSummary;
      rowCount: number;
      /** Bumped when shown text changes without a new load (an encoding override): rows refetch. */
      textRevision: number;
    })
  | (LoadCommon & { status: 'error'; cause: LoadProblem });

export type LoadStatus = LoadState['status'];

let state: LoadState = { status: 'idle', loadId: 0, fileErrors: [] };
const listeners = new Set<() => void>();
let client: EngineClient | undefined;

/** Created on first use so merely importing the store (tests, SSR-less tooling) starts no worker. */
export function engine(): EngineClient {
  if (!client) {
    client = new EngineClient();
    client.openView(LOG_VIEW, { source: 'rows' });
    client.openView(REPORT_VIEW, { source: 'report' });
  }
  return client;
}

/** Boots the engine worker ahead of the first drop (called once the page is up). */
export function warmUpEngine(): void {
  engine().warmUp();
}

function setState(next: LoadState): void {
  state = next;
  updateProbe({
    state: next.status,
    rowCount: next.status === 'loading' || next.status === 'ready' ? next.rowCount : 0,
    fileErrors: next.fileErrors.length,
  });
  for (const listener of listeners) listener();
}

export function subscribeLoad(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getLoadState(): LoadState {
  return state;
}

/** The whole state: for panels that show most of it. */
export function useLoadState(): LoadState {
  return useSyncExternalStore(subscribeLoad, getLoadState);
}

/** One derived primitive (or stable reference): re-renders only when it changes. */
export function useLoadSelector<T>(select: (s: LoadState) => T): T {
  return useSyncExternalStore(subscribeLoad, () => select(state));
}

function sumBytes(files: readonly { bytesDone: number }[]): number {
  let n = 0;
  for (const f of files) n += f.bytesDone;
  return n;
}

/** The summary's failed files and the errors reported while loading, each once. */
function mergeFileErrors(seen: readonly FailedFile[], failed: readonly FailedFile[]): FailedFile[] {
  const out = [...seen];
  for (const f of failed) {
    if (!out.some((e) => e.fileName === f.fileName && e.problem.code === f.problem.code)) out.push(f);
  }
  return out;
}

/**
 * The first rows of a load are asked for as soon as the engine reports any, while the table is
 * still mounting and measuring itself: its own first request (rows from 0, fewer than this) is then
 * answered by this one instead of waiting for another round trip to the busy engine.
 */
const FIRST_WINDOW = 200;
let firstWindow: { loadId: number; reply?: Promise<ViewWindow<RowView> | null> } | undefined;

/** Loads files, replacing whatever was loaded. Drops, the file picker and the sample all land here. */
export function loadFiles(files: File[]): void {
  const loadId = state.loadId + 1;
  if (files.length === 0) {
    engine().cancel();
    setState({ status: 'error', loadId, fileErrors: [], cause: { code: 'nothing-to-load' } });
    return;
  }
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  resetProbe(bytesTotal);
  const now = performance.now();
  setState({
    status: 'loading',
    loadId,
    fileErrors: [],
    files: files.map((f) => ({ name: f.name, bytesDone: 0, bytesTotal: f.size, state: 'waiting' })),
    rowCount: 0,
    bytesDone: 0,
    bytesTotal,
    startedAt: now,
    updatedAt: now,
  });
  const current = () => state.loadId === loadId;
  engine().load(files, loadBudget(), {
    onProgress(p) {
      if (!current() || state.status !== 'loading') return;
      if (p.rowCount > 0 && firstWindow?.loadId !== loadId) {
        firstWindow = { loadId, reply: readLogView(0, FIRST_WINDOW) };
      }
      setState({
        ...state,
        files: p.files,
        rowCount: p.rowCount,
        bytesDone: sumBytes(p.files),
        // Archives were counted by their size; their files are what is read.
        bytesTotal: p.files.reduce((n, f) => n + f.bytesTotal, 0),
        updatedAt: performance.now(),
      });
    },
    onFileError(e) {
      if (!current()) return;
      setState({ ...state, fileErrors: [...state.fileErrors, e] });
    },
    onDone(summary) {
      if (!current()) return;
      updateProbe({ indexedAt: performance.now(), bytes: summary.bytes, phases: summary.phases });
      setState({
        status: 'ready',
        loadId,
        fileErrors: mergeFileErrors(state.fileErrors, summary.failedFiles),
        summary,
        rowCount: summary.summary.lines,
        textRevision: 0,
      });
    },
    onOverview(counts) {
      if (!current() || state.status !== 'ready') return;
      setState({ ...state, summary: { ...state.summary, summary: { ...state.summary.summary, ...counts } } });
    },
    onFailed(detail) {
      if (!current()) return;
      setState({
        status: 'error',
        loadId,
        fileErrors: state.fileErrors,
        cause: { code: 'engine-failed', detail },
      });
    },
  });
}

/** Reads one file as the given encoding from now on (the file list and the shown rows follow). */
export function setFileEncoding(fileId: number, encoding: Encoding): void {
  if (state.status !== 'ready') return;
  const loadId = state.loadId;
  void engine()
    .setEncoding(fileId, encoding)
    .then((files) => {
      if (!files || state.status !== 'ready' || state.loadId !== loadId) return;
      const summary = { ...state.summary, summary: { ...state.summary.summary, files } };
      setState({ ...state, summary, textRevision: state.textRevision + 1 });
    });
}

/** Stops the load by terminating the worker: what was read so far is dropped with it. */
export function cancel(): void {
  if (state.status !== 'loading') return;
  engine().cancel();
  setState({ status: 'idle', loadId: state.loadId + 1, fileErrors: [], cancelled: true });
}

/** For failures before the engine is involved (e.g. the sample could not be fetched). */
export function failLoad(cause: LoadProblem): void {
  engine().cancel();
  setState({ status: 'error', loadId: state.loadId + 1, fileErrors: [], cause });
}

function readLogView(start: number, count: number): Promise<ViewWindow<RowView> | null> {
  return engine().read(LOG_VIEW, start, count) as Promise<ViewWindow<RowView> | null>;
}

/** A window of the log table's rows; null when a newer request superseded this one. */
export function readLogRows(start: number, count: number): Promise<ViewWindow<RowView> | null> {
  const first = firstWindow;
  if (
    first?.reply &&
    first.loadId === state.loadId &&
    state.status === 'loading' &&
    start === 0 &&
    count <= FIRST_WINDOW
  ) {
    const reply = first.reply;
    first.reply = undefined; // it answers one request
    return reply;
  }
  return readLogView(start, count);
}

export { markFirstRowsPainted };
