import type { Encoding } from '../model/file-info';
import type { LogIndex, RowSource } from '../model/log-index';
import { decodeBytes } from '../ingest/codec';
import { indexBatches } from '../ingest/index-files';
import { DEFAULT_SLICE, blobSource, parseSlices } from '../ingest/read-slices';
import { buildRowViews } from '../query/row-view';
import { summarize, summarizeFiles } from '../query/summary';
import type { ParseFile } from './parser-client';
import type { FileProgress, FromWorker, ToWorker } from './protocol';
import { assertNever } from './protocol';

type Post = (msg: FromWorker) => void;

/**
 * Progress is posted at most this often: ten updates a second keep the bar and the row count
 * alive, and each update costs the page a render (at 50 ms, the page took ~0.4 s of CPU a GiB).
 */
const PROGRESS_INTERVAL_MS = 100;

/**
 * A turn of the event loop, without timer clamping. Batches waiting in memory resolve without one,
 * so without this a request for rows (the first rows of a load, above all) would wait behind
 * every batch already parsed. One channel serves every turn: a channel per turn left a pair of
 * ports per batch for the garbage collector.
 */
function yieldToEvents(): Promise<void> {
  turns ??= newTurnChannel();
  const channel = turns;
  return new Promise((resolve) => {
    channel.waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

let turns: (MessageChannel & { waiting: Array<() => void> }) | undefined;

function newTurnChannel(): MessageChannel & { waiting: Array<() => void> } {
  const channel = Object.assign(new MessageChannel(), { waiting: [] as Array<() => void> });
  channel.port1.onmessage = () => channel.waiting.shift()?.();
  return channel;
}

/** Stage one in this same thread: for tests, and wherever a nested worker is not available. */
export const parseInThisThread: ParseFile = (file, sliceSize, encoding) =>
  parseSlices(blobSource(file), sliceSize, encoding);

/**
 * The worker's logic, free of `self` so tests drive it directly. One load at a time: the page
 * cancels a load by terminating the worker, so there is no cancel message to handle here.
 */
export class Engine {
  private index: LogIndex | undefined;
  private loading: (() => RowSource) | undefined;

  constructor(
    private readonly post: Post,
    private readonly parseFile: ParseFile = parseInThisThread,
    private readonly sliceSize = DEFAULT_SLICE,
  ) {}

  async handle(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'load':
        return this.load(msg.jobId, msg.files, msg.encoding, msg.keepParser === true);
      case 'rows':
        return this.rows(msg.requestId, msg.start, msg.count);
      case 'set-encoding':
        return this.setEncoding(msg.requestId, msg.fileId, msg.encoding);
      default:
        assertNever(msg);
    }
  }

  private async load(
    jobId: number,
    files: File[],
    encoding: Encoding | undefined,
    keepParser: boolean,
  ): Promise<void> {
    this.index = undefined;
    this.parseFile.hold?.(keepParser);
    const t0 = performance.now();
    const progress: FileProgress[] = files.map((f) => ({
      name: f.name,
      bytesDone: 0,
      bytesTotal: f.size,
      state: 'waiting',
    }));
    let lastPost = -Infinity;
    let firstRowsPosted = false;
    const failed: Array<{ name: string; message: string }> = [];
    let parsedMs = 0;
    try {
      const index = await indexBatches(
        files.map(blobSource),
        (_src, i) => this.parseFile(files[i], this.sliceSize, encoding),
        {
          encoding,
          onProgress: (i, done, builder) => {
            this.loading = () => builder.snapshot();
            progress[i].bytesDone = done;
            progress[i].state = done === progress[i].bytesTotal ? 'done' : 'reading';
            const now = performance.now();
            const rowCount = builder.rowCount;
            // The first rows are announced at once so the table can show them without waiting.
            if (now - lastPost >= PROGRESS_INTERVAL_MS || (!firstRowsPosted && rowCount > 0)) {
              firstRowsPosted ||= rowCount > 0;
              lastPost = now;
              this.post({ type: 'progress', jobId, files: progress, rowCount });
            }
          },
          parallel: this.parseFile.parallel,
          between: yieldToEvents,
          onApplied: (batch) => this.parseFile.applied?.(batch),
          onAllStarted: () => this.parseFile.release?.(),
          onParsed: () => (parsedMs = performance.now() - t0),
          onFileError: (i, err) => {
            progress[i].state = 'error';
            failed.push({ name: err.fileName, message: err.message });
            this.post({ type: 'file-error', jobId, fileName: err.fileName, message: err.message });
          },
        },
      );
      this.loading = undefined;
      this.index = index;
      const bytes = files.reduce((n, f) => n + f.size, 0);
      const finishedMs = performance.now() - t0;
      const summary = summarize(index);
      const summarizedMs = performance.now() - t0;
      this.post({
        type: 'done',
        jobId,
        summary: {
          summary,
          failedFiles: failed,
          indexMs: summarizedMs,
          phases: { parsedMs, finishedMs, summarizedMs },
          bytes,
        },
      });
      this.parseFile.prepare?.();
    } catch (e) {
      this.loading = undefined;
      this.post({ type: 'failed', jobId, message: e instanceof Error ? e.message : String(e) });
    }
  }

  /**
   * Parsing never depended on the encoding (the envelope is ASCII; Japanese markers are matched in
   * both), so an override only changes how rows are decoded from now on. Strings already interned
   * (hosts, addresses) keep their first decoding: in practice they are ASCII.
   */
  private setEncoding(requestId: number, fileId: number, encoding: Encoding): void {
    const index = this.index;
    const file = index?.files[fileId];
    if (file) {
      file.encoding = encoding;
      file.encodingSource = 'override';
    }
    this.post({ type: 'encoding-set', requestId, files: index ? summarizeFiles(index) : [] });
  }

  private rows(requestId: number, start: number, count: number): void {
    const source = this.index ?? this.loading?.();
    if (!source) {
      this.post({ type: 'rows', requestId, start, rows: [], total: 0 });
      return;
    }
    const rows = buildRowViews(source, start, count, (b, f) => decodeBytes(b, source.files[f].encoding));
    this.post({ type: 'rows', requestId, start, rows, total: source.rows.count });
  }
}
