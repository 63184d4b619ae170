import type { Encoding } from '../model/file-info';
import type { FailedFile } from '../model/file-problems';
import type { LogIndex, RowSource } from '../model/log-index';
import { encodeTerm } from '../ingest/encode-term';
import { indexBatches } from '../ingest/index-files';
import { blobSource } from '../ingest/read-slices';
import { openInputs } from '../ingest/open-inputs';
import { describeConversation } from '../query/conversation';
import { describeJourney } from '../query/journey';
import { findFindings } from '../query/findings';
import { CSV_HEADER, UTF8_BOM, csvLines, logBytes, type ExportFormat } from '../query/export-rows';
import { rowsAt } from '../query/row-bytes';
import { prepareSessionRows } from '../query/session-rows';
import { concatBytes } from '../lib/concat-bytes';
import { selectionIds, selectionSize } from '../query/view-selection';
import { overviewCounts, summarize } from '../query/summary';
import { summarizeFiles } from '../query/summary-files';
import { decoderOf } from '../ingest/codec';
import type { ParseFile } from './parser-client';
import type { FileProgress, FromWorker, ToWorker } from './protocol';
import { assertNever } from './protocol';
import { Views } from './views';
import { PROGRESS_INTERVAL_MS, SLICE_BYTES } from '../ingest/flow-control';

type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/** Rows per export chunk: a few MB of CSV, small enough to keep the worker answering between them. */
const EXPORT_CHUNK_ROWS = 20_000;

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

function progressOf(f: File): FileProgress {
  return { name: f.name, bytesDone: 0, bytesTotal: f.size, state: 'waiting' };
}

/**
 * The worker's logic, free of `self` so tests drive it directly. One load at a time: the page
 * cancels a load by terminating the worker, so there is no cancel message to handle here.
 */
export class Engine {
  private index: LogIndex | undefined;
  private loading: (() => RowSource) | undefined;
  private readonly views: Views;

  constructor(
    private readonly post: Post,
    private readonly parseFile: ParseFile,
    private readonly sliceSize = SLICE_BYTES,
  ) {
    this.views = new Views(
      post,
      () => (this.index ? { index: this.index } : this.loading ? { loading: this.loading() } : undefined),
      yieldToEvents,
      encodeTerm,
    );
  }

  async handle(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'load':
        return this.load(msg.jobId, msg.files, msg.budget);
      case 'view':
        return this.views.open(msg.viewId, msg.version, msg.query);
      case 'read':
        return this.views.read(msg.viewId, msg.version, msg.requestId, msg.start, msg.count);
      case 'stop':
        return this.views.stop(msg.viewId);
      case 'close':
        return this.views.close(msg.viewId);
      case 'set-encoding':
        return this.setEncoding(msg.requestId, msg.fileId, msg.encoding);
      case 'conversation':
        return this.conversation(msg.requestId, msg.session);
      case 'journey':
        return this.journey(msg.requestId, msg.entry);
      case 'findings':
        return this.post({
          type: 'findings',
          requestId: msg.requestId,
          findings: this.index ? findFindings(this.index, msg.thresholds) : [],
        });
      case 'export':
        return this.export(msg.requestId, msg.viewId, msg.format);
      default:
        assertNever(msg);
    }
  }

  private async load(jobId: number, inputs: File[], budget: number): Promise<void> {
    this.index = undefined;
    this.views.forgetSelections();
    const t0 = performance.now();
    let lastPost = -Infinity;
    const postProgress = (progress: FileProgress[], rowCount: number, now = performance.now()) => {
      lastPost = now;
      this.post({ type: 'progress', jobId, files: progress, rowCount });
    };
    const failed: FailedFile[] = [];
    const fail = (failure: FailedFile) => {
      failed.push(failure);
      this.post({ type: 'file-error', jobId, ...failure });
    };
    let parsedMs = 0;
    try {
      const unpacking = inputs.map(progressOf);
      const opened = await openInputs(inputs, {
        budget,
        onProgress: (i, bytesRead) => {
          unpacking[i].state = 'unpacking';
          unpacking[i].bytesDone = bytesRead;
          const now = performance.now();
          if (now - lastPost >= PROGRESS_INTERVAL_MS) postProgress(unpacking, 0, now);
        },
      });
      opened.failed.forEach(fail);
      const files = opened.files;
      const progress = files.map(progressOf);
      if (files.length !== inputs.length || files.some((f, i) => f !== inputs[i])) postProgress(progress, 0);
      let firstRowsPosted = false;
      const index = await indexBatches(
        files.map(blobSource),
        (_src, i) => this.parseFile(files[i], this.sliceSize),
        {
          onProgress: (i, done, builder) => {
            this.loading = () => builder.snapshot();
            progress[i].bytesDone = done;
            progress[i].state = done === progress[i].bytesTotal ? 'done' : 'reading';
            const now = performance.now();
            const rowCount = builder.rowCount;
            // The first rows are announced at once so the table can show them without waiting.
            if (now - lastPost >= PROGRESS_INTERVAL_MS || (!firstRowsPosted && rowCount > 0)) {
              firstRowsPosted ||= rowCount > 0;
              postProgress(progress, rowCount, now);
            }
          },
          parallel: this.parseFile.parallel,
          between: yieldToEvents,
          onApplied: (batch) => this.parseFile.applied?.(batch),
          onAllStarted: () => this.parseFile.release?.(),
          onParsed: () => (parsedMs = performance.now() - t0),
          onFileError: (i, err) => {
            progress[i].state = 'error';
            fail({ fileName: err.fileName, problem: err.problem });
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
          services: index.services,
        },
      });
      this.parseFile.prepare?.();
      await this.views.recompute();
      this.post({ type: 'overview', jobId, ...overviewCounts(index) });
    } catch (e) {
      this.loading = undefined;
      this.post({ type: 'failed', jobId, detail: e instanceof Error ? e.message : String(e) });
      return;
    }
    // Made now, while the user reads the overview, rather than on their first session filter. Only
    // a speed-up: should it fail (out of memory), the first filter that needs it tries again.
    const index = this.index;
    await prepareSessionRows(index, async () => {
      await yieldToEvents();
      return this.index === index;
    }).catch(() => {});
  }

  /**
   * Streams a rows view out in chunks of EXPORT_CHUNK_ROWS rows, so ten million rows never make
   * one giant string: CSV (decoded, UTF-8 with a byte-order mark) or the rows' original bytes.
   */
  private async export(requestId: number, viewId: number, format: ExportFormat): Promise<void> {
    const selection = await this.views.selectionOf(viewId);
    const index = this.index;
    const send = (bytes: Uint8Array, done: boolean) =>
      this.post({ type: 'export-chunk', requestId, bytes, done }, [bytes.buffer as ArrayBuffer]);
    if (!index || !selection) return send(new Uint8Array(0), true);
    const total = selectionSize(selection);
    const decode = decoderOf(index);
    const text = new TextEncoder();
    if (format === 'csv') send(concatBytes([UTF8_BOM, text.encode(CSV_HEADER)]), false);
    for (let start = 0; start < total; start += EXPORT_CHUNK_ROWS) {
      const count = Math.min(EXPORT_CHUNK_ROWS, total - start);
      const ids = selectionIds(index, selection, start, count, (s, n) => rowsAt(index, s, n));
      send(format === 'csv' ? text.encode(csvLines(index, ids, decode)) : logBytes(index, ids), false);
      await yieldToEvents();
    }
    send(new Uint8Array(0), true);
  }

  private journey(requestId: number, entry: number): void {
    const index = this.index;
    const journey = index && entry >= 0 && entry < index.report.count ? describeJourney(index, entry) : null;
    this.post({ type: 'journey', requestId, journey });
  }

  private conversation(requestId: number, session: number): void {
    const index = this.index;
    const conversation =
      index && session >= 0 && session < index.sessions.count
        ? describeConversation(index, session, decoderOf(index))
        : null;
    this.post({ type: 'conversation', requestId, conversation });
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
}
