import type { Encoding } from '../model/file-info';
import type { LogIndex } from '../model/log-index';
import { FileError } from './file-error';
import { IndexBuilder } from './index-builder';
import type { ParsedBatch } from './parsed-batch';
import { parseSlices, type SliceSource } from './read-slices';

export { blobSource, bytesSource, DEFAULT_SLICE, type SliceSource } from './read-slices';

export interface IndexOptions {
  sliceSize?: number;
  encoding?: Encoding;
  onProgress?: (fileIndex: number, bytesDone: number, builder: IndexBuilder) => void;
  onFileError?: (fileIndex: number, error: FileError) => void;
  /** Every file is parsed; the index is about to be finished (merged timeline, sessions). */
  onParsed?: () => void;
  /** Files parsed at once (their batches are applied in file order all the same). */
  parallel?: number;
  /** A batch was applied: the source may reuse its buffers. */
  onApplied?: (batch: ParsedBatch) => void;
  /** Awaited after each batch: lets the thread answer other messages (a page asking for rows). */
  between?: () => Promise<void>;
}

/** Batches a file started ahead may have waiting, parsed but not yet applied. */
const MAX_AHEAD = 8;

/**
 * A file's batches, pulled from its parser as they come (up to MAX_AHEAD waiting), so a file
 * started ahead keeps its parser busy while the one before it is still being applied.
 */
class Ahead {
  private readonly queue: Array<IteratorResult<ParsedBatch>> = [];
  private error: { e: unknown } | undefined;
  private wake: (() => void) | undefined;
  private space: (() => void) | undefined;

  constructor(readonly it: AsyncIterator<ParsedBatch>) {
    void this.pump();
  }

  async next(): Promise<IteratorResult<ParsedBatch>> {
    while (this.queue.length === 0 && !this.error) await new Promise<void>((r) => (this.wake = r));
    const r = this.queue.shift();
    this.space?.();
    if (r) return r;
    throw this.error!.e;
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        while (this.queue.length >= MAX_AHEAD) await new Promise<void>((r) => (this.space = r));
        const r = await this.it.next();
        this.queue.push(r);
        this.wake?.();
        if (r.done) return;
      }
    } catch (e) {
      this.error = { e };
      this.wake?.();
    }
  }
}

/** Runs a per-file batch stream into the builder; a file that fails is rolled back and reported. */
export async function indexBatches(
  sources: SliceSource[],
  batchesOf: (src: SliceSource, i: number) => AsyncIterable<ParsedBatch>,
  opts: IndexOptions = {},
): Promise<LogIndex> {
  const builder = new IndexBuilder();
  builder.expectBytes(sources.reduce((n, s) => n + s.size, 0));
  const ahead = new Map<number, Ahead>();
  const startAhead = (i: number) => {
    if (i < sources.length && !ahead.has(i))
      ahead.set(i, new Ahead(batchesOf(sources[i], i)[Symbol.asyncIterator]()));
  };
  const parallel = Math.max(1, opts.parallel ?? 1);
  for (let i = 0; i < sources.length; i++) {
    const src = sources[i];
    startAhead(i);
    // The next files, for the other parsers. On the load's first file only once its first rows
    // are out: nothing competes with them for the two cores.
    let nextStarted = false;
    const startNext = () => {
      for (let j = i + 1; j < i + parallel; j++) startAhead(j);
      nextStarted = true;
    };
    if (i > 0) startNext();
    const batches = ahead.get(i)!;
    ahead.delete(i);
    try {
      builder.beginFile(src.name, src.size, opts.encoding);
      for (let r = await batches.next(); !r.done; r = await batches.next()) {
        const batch = r.value;
        const done = batch.chunkStart + batch.chunk.length;
        // This file is all parsed: the next one starts now, so the parser does not wait while the
        // last batch is applied and the file closed.
        if (done >= src.size) startAhead(i + 1);
        builder.apply(batch);
        opts.onApplied?.(batch);
        opts.onProgress?.(i, done, builder);
        if (!nextStarted && batch.count > 0) startNext();
        await opts.between?.();
      }
      builder.endFile();
    } catch (e) {
      await batches.it.return?.();
      builder.abortFile();
      const err =
        e instanceof FileError ? e : new FileError(src.name, e instanceof Error ? e.message : String(e));
      opts.onFileError?.(i, err);
    }
  }
  opts.onParsed?.();
  return builder.finish();
}

/** Both stages in this thread: the command line, the tests and the Node benchmark use this. */
export function indexSources(sources: SliceSource[], opts: IndexOptions = {}): Promise<LogIndex> {
  return indexBatches(sources, (src) => parseSlices(src, opts.sliceSize, opts.encoding), opts);
}
