import type { Encoding } from '../model/file-info';
import type { LoadSummary, RowView, Summary } from '../query/types';
import type { FileProgress, FromWorker, ToWorker } from './protocol';
import { assertNever } from './protocol';

export interface LoadHandlers {
  onProgress(p: { files: FileProgress[]; rowCount: number }): void;
  onFileError(e: { fileName: string; message: string }): void;
  onDone(summary: LoadSummary): void;
  onFailed(message: string): void;
}

export interface RowWindow {
  start: number;
  rows: RowView[];
  total: number;
}

const createEngineWorker = () =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'pmail-engine' });

/** `npm run bench:profile` opens the page with `?keep-parser` (see ToWorker 'load'). */
const KEEP_PARSER =
  typeof location !== 'undefined' && new URLSearchParams(location.search).has('keep-parser');

/**
 * The page's bridge to the engine worker. Newest wins: a reply to an older load or an older row
 * request is dropped. Cancelling terminates the worker (the only way to stop a read mid-slice);
 * the next load starts a fresh one.
 */
export class EngineClient {
  private worker: Worker | undefined;
  private jobId = 0;
  private requestId = 0;
  private handlers: LoadHandlers | undefined;
  private busy = false;
  private pendingEncoding: { id: number; resolve: (files: Summary['files'] | null) => void } | undefined;
  private pendingRows: { id: number; resolve: (w: RowWindow | null) => void } | undefined;

  constructor(private readonly createWorker: () => Worker = createEngineWorker) {}

  /** Starts the worker ahead of the first load, so a drop does not wait for it to boot. */
  warmUp(): void {
    this.ensureWorker();
  }

  load(files: File[], handlers: LoadHandlers): void {
    // An idle worker is reused (it replaces its index); a busy one is stopped mid-read.
    if (this.busy) this.cancel();
    this.busy = true;
    this.handlers = handlers;
    this.send({ type: 'load', jobId: ++this.jobId, files, keepParser: KEEP_PARSER });
  }

  cancel(): void {
    this.busy = false;
    if (this.worker) {
      this.worker.terminate();
      this.worker = undefined;
    }
    this.handlers = undefined;
    this.settleRows(null);
    this.pendingEncoding?.resolve(null);
    this.pendingEncoding = undefined;
  }

  rows(start: number, count: number): Promise<RowWindow | null> {
    this.settleRows(null);
    const id = ++this.requestId;
    return new Promise((resolve) => {
      this.pendingRows = { id, resolve };
      this.send({ type: 'rows', requestId: id, start, count });
    });
  }

  /** Overrides one file's encoding; resolves with the updated file list (null if superseded). */
  setEncoding(fileId: number, encoding: Encoding): Promise<Summary['files'] | null> {
    this.pendingEncoding?.resolve(null);
    const id = ++this.requestId;
    return new Promise((resolve) => {
      this.pendingEncoding = { id, resolve };
      this.send({ type: 'set-encoding', requestId: id, fileId, encoding });
    });
  }

  private settleRows(w: RowWindow | null): void {
    const p = this.pendingRows;
    this.pendingRows = undefined;
    p?.resolve(w);
  }

  private send(msg: ToWorker): void {
    this.ensureWorker().postMessage(msg);
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = this.createWorker();
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
      this.worker.onerror = (e) => this.handlers?.onFailed(`the engine worker crashed: ${e.message}`);
    }
    return this.worker;
  }

  private receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'rows':
        if (this.pendingRows?.id === msg.requestId) {
          this.settleRows({ start: msg.start, rows: msg.rows, total: msg.total });
        }
        return;
      case 'encoding-set':
        if (this.pendingEncoding?.id === msg.requestId) {
          this.pendingEncoding.resolve(msg.files);
          this.pendingEncoding = undefined;
        }
        return;
      case 'progress':
        if (msg.jobId === this.jobId) this.handlers?.onProgress({ files: msg.files, rowCount: msg.rowCount });
        return;
      case 'file-error':
        if (msg.jobId === this.jobId)
          this.handlers?.onFileError({ fileName: msg.fileName, message: msg.message });
        return;
      case 'done':
        if (msg.jobId !== this.jobId) return;
        this.busy = false;
        this.handlers?.onDone(msg.summary);
        return;
      case 'failed':
        if (msg.jobId !== this.jobId) return;
        this.busy = false;
        this.handlers?.onFailed(msg.message);
        return;
      default:
        assertNever(msg);
    }
  }
}
