import type { Encoding } from '../model/file-info';
import type { FailedFile } from '../model/file-problems';
import type { ConversationView } from '../query/conversation';
import type { Journey } from '../query/journey';
import type { Finding, FindingThresholds } from '../query/finding-types';
import type { ExportFormat } from '../query/export-rows';
import type { LoadSummary, Summary } from '../query/types';
import type { ViewQuery, ViewWindow } from '../query/view-query';
import type { FileProgress, FromWorker, ToWorker } from './protocol';
import { assertNever } from './protocol';

export interface LoadHandlers {
  onProgress(p: { files: FileProgress[]; rowCount: number }): void;
  onFileError(e: FailedFile): void;
  onDone(summary: LoadSummary): void;
  /** What the overview adds to the summary, just after the load is done. */
  onOverview(counts: Required<Pick<Summary, 'findings' | 'linesOverTime'>>): void;
  /** The engine itself failed: the browser's words for it. */
  onFailed(detail: string): void;
}

/** What the engine says of a view: its size (final once `done`), facets, or why it could not run. */
export type ViewState = Omit<Extract<FromWorker, { type: 'view-state' }>, 'type'>;

interface OpenView {
  version: number;
  /** The one read in flight: a newer read of the same view settles it with null. */
  pending?: { requestId: number; resolve: (w: ViewWindow | null) => void };
}

const createEngineWorker = () =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'pmail-engine' });

/**
 * The page's bridge to the engine worker. Newest wins: a reply to an older load, to an older
 * version of a view or to a read that a newer one of the same view replaced is dropped (the
 * read's promise settles with null). Views are independent: reading one never disturbs another.
 * Cancelling terminates the worker (the only way to stop a read mid-slice); the next load starts
 * a fresh one, and the views are opened again on it.
 */
export class EngineClient {
  private worker: Worker | undefined;
  private jobId = 0;
  private requestId = 0;
  private handlers: LoadHandlers | undefined;
  private busy = false;
  private readonly encodingSet = new Latest<Summary['files']>();
  private readonly views = new Map<number, OpenView & { query: ViewQuery }>();
  private readonly viewListeners = new Set<(s: ViewState) => void>();
  private readonly conversations = new Latest<ConversationView | null>();
  private readonly journeys = new Latest<Journey | null>();
  private readonly findingLists = new Latest<Finding[]>();
  private pendingExport: { id: number; parts: Blob; resolve: (b: Blob | null) => void } | undefined;

  constructor(private readonly createWorker: () => Worker = createEngineWorker) {}

  /** Starts the worker ahead of the first load, so a drop does not wait for it to boot. */
  warmUp(): void {
    this.ensureWorker();
  }

  load(files: File[], budget: number, handlers: LoadHandlers): void {
    // An idle worker is reused (it replaces its index); a busy one is stopped mid-read.
    if (this.busy) this.cancel();
    this.busy = true;
    this.handlers = handlers;
    this.send({ type: 'load', jobId: ++this.jobId, files, budget });
  }

  cancel(): void {
    this.busy = false;
    if (this.worker) {
      this.worker.terminate();
      this.worker = undefined;
    }
    this.handlers = undefined;
    for (const view of this.views.values()) settle(view, null);
    this.encodingSet.drop();
  }

  /** Opens view `viewId`, or replaces its query (its reads in flight settle with null). */
  openView(viewId: number, query: ViewQuery): void {
    const old = this.views.get(viewId);
    if (old) settle(old, null);
    const version = (old?.version ?? 0) + 1;
    this.views.set(viewId, { version, query });
    this.send({ type: 'view', viewId, version, query });
  }

  /** Items start .. start+count-1 of a view; null when a newer read or version replaced this one. */
  read(viewId: number, start: number, count: number): Promise<ViewWindow | null> {
    const view = this.views.get(viewId);
    if (!view) return Promise.resolve(null);
    settle(view, null);
    const requestId = ++this.requestId;
    return new Promise((resolve) => {
      view.pending = { requestId, resolve };
      this.send({ type: 'read', viewId, version: view.version, requestId, start, count });
    });
  }

  /** Stops computing a view (a long query the user no longer wants); its index stays. */
  stopView(viewId: number): void {
    if (this.views.has(viewId)) this.send({ type: 'stop', viewId });
  }

  closeView(viewId: number): void {
    const view = this.views.get(viewId);
    if (!view) return;
    settle(view, null);
    this.views.delete(viewId);
    this.send({ type: 'close', viewId });
  }

  /** Session `session` as a conversation; null when a newer request replaced this one. */
  conversation(session: number): Promise<ConversationView | null> {
    const id = ++this.requestId;
    return this.conversations.ask(id, () => this.send({ type: 'conversation', requestId: id, session }));
  }

  /** The findings with these thresholds; null when a newer request replaced this one. */
  findings(thresholds: FindingThresholds): Promise<Finding[] | null> {
    const id = ++this.requestId;
    return this.findingLists.ask(id, () => this.send({ type: 'findings', requestId: id, thresholds }));
  }

  /** Report entry `entry`'s journey; null when a newer request replaced this one. */
  journey(entry: number): Promise<Journey | null> {
    const id = ++this.requestId;
    return this.journeys.ask(id, () => this.send({ type: 'journey', requestId: id, entry }));
  }

  /**
   * A rows view exported as CSV or as its original lines, gathered chunk by chunk into a Blob (the
   * browser keeps its bytes, not this page's heap); null when a newer export replaced it.
   */
  exportView(viewId: number, format: ExportFormat): Promise<Blob | null> {
    this.pendingExport?.resolve(null);
    const id = ++this.requestId;
    return new Promise((resolve) => {
      this.pendingExport = { id, parts: new Blob([]), resolve };
      this.send({ type: 'export', requestId: id, viewId, format });
    });
  }

  /** Calls `listener` with each view's size as the engine computes it (current versions only). */
  onViewState(listener: (s: ViewState) => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  /** Overrides one file's encoding; resolves with the updated file list (null if superseded). */
  setEncoding(fileId: number, encoding: Encoding): Promise<Summary['files'] | null> {
    const id = ++this.requestId;
    return this.encodingSet.ask(id, () =>
      this.send({ type: 'set-encoding', requestId: id, fileId, encoding }),
    );
  }

  private send(msg: ToWorker): void {
    this.ensureWorker().postMessage(msg);
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = this.createWorker();
      // A fresh worker (after a cancel) knows no views: open them again, each as it stands.
      for (const [viewId, view] of this.views) {
        this.worker.postMessage({
          type: 'view',
          viewId,
          version: view.version,
          query: view.query,
        } satisfies ToWorker);
      }
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
      this.worker.onerror = (e) => this.handlers?.onFailed(e.message);
    }
    return this.worker;
  }

  private receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'window': {
        const view = this.views.get(msg.viewId);
        if (view?.version === msg.version && view.pending?.requestId === msg.requestId)
          settle(view, msg.window);
        return;
      }
      case 'view-state': {
        if (this.views.get(msg.viewId)?.version !== msg.version) return;
        const { type: _, ...state } = msg;
        for (const listener of this.viewListeners) listener(state);
        return;
      }
      case 'encoding-set':
        return this.encodingSet.answer(msg.requestId, msg.files);
      case 'conversation':
        return this.conversations.answer(msg.requestId, msg.conversation);
      case 'findings':
        return this.findingLists.answer(msg.requestId, msg.findings);
      case 'journey':
        return this.journeys.answer(msg.requestId, msg.journey);
      case 'export-chunk': {
        const pending = this.pendingExport;
        if (pending?.id !== msg.requestId) return;
        pending.parts = new Blob([pending.parts, msg.bytes as Uint8Array<ArrayBuffer>]);
        if (msg.done) {
          this.pendingExport = undefined;
          pending.resolve(pending.parts);
        }
        return;
      }
      case 'progress':
        if (msg.jobId === this.jobId) this.handlers?.onProgress({ files: msg.files, rowCount: msg.rowCount });
        return;
      case 'file-error':
        if (msg.jobId === this.jobId)
          this.handlers?.onFileError({ fileName: msg.fileName, problem: msg.problem });
        return;
      case 'done':
        if (msg.jobId !== this.jobId) return;
        this.busy = false;
        this.handlers?.onDone(msg.summary);
        return;
      case 'overview':
        if (msg.jobId !== this.jobId) return;
        this.handlers?.onOverview({ findings: msg.findings, linesOverTime: msg.linesOverTime });
        return;
      case 'failed':
        if (msg.jobId !== this.jobId) return;
        this.busy = false;
        this.handlers?.onFailed(msg.detail);
        return;
      default:
        assertNever(msg);
    }
  }
}

function settle(view: OpenView, w: ViewWindow | null): void {
  const p = view.pending;
  view.pending = undefined;
  p?.resolve(w);
}

/**
 * One kind of request of which only the newest counts: asking again settles the one in flight
 * with null, and an answer to anything but the newest is dropped.
 */
class Latest<T> {
  private pending: { id: number; resolve: (value: T | null) => void } | undefined;

  ask(id: number, send: () => void): Promise<T | null> {
    this.pending?.resolve(null);
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      send();
    });
  }

  answer(id: number, value: T): void {
    if (this.pending?.id !== id) return;
    this.pending.resolve(value);
    this.pending = undefined;
  }

  drop(): void {
    this.pending?.resolve(null);
    this.pending = undefined;
  }
}
