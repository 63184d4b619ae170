import type { Encoding } from '../model/file-info';
import type { LogIndex } from '../model/log-index';
import { asFileError, type FileError } from './file-error';
import { IndexBuilder } from './index-builder';
import type { ParsedBatch } from './parsed-batch';
import { parseSlices, type SliceSource } from './read-slices';
import { MAX_AHEAD, MAX_WAITING } from './flow-control';

export { blobSource, bytesSource, type SliceSource } from './read-slices';

export interface IndexOptions {
  sliceSize?: number;
  encoding?: Encoding;
  onProgress?: (fileIndex: number, bytesDone: number, builder: IndexBuilder) => void;
  onFileError?: (fileIndex: number, error: FileError) => void;
  /** Every file is started: the parsers will get no more. */
  onAllStarted?: () => void;
  /** Every file is parsed and applied; the index is about to be finished (merged timeline, sessions). */
  onParsed?: () => void;
  /** Files parsed at once (their batches are applied in file order all the same). */
  parallel?: number;
  /** A batch was applied: the source may reuse its buffers. */
  onApplied?: (batch: ParsedBatch) => void;
  /** Awaited after each batch: lets the thread answer other messages (a page asking for rows). */
  between?: () => Promise<void>;
}

/** The batches waiting in every {@link Ahead}, and the pumps held back until some are applied. */
class WaitingBatches {
  count = 0;
  private readonly held = new Set<() => void>();

  wait(): Promise<void> {
    return new Promise<void>((r) => this.held.add(r));
  }

  taken(): void {
    this.count--;
    this.wakeAll();
  }

  wakeAll(): void {
    for (const wake of this.held) wake();
    this.held.clear();
  }
}

/**
 * A file's batches, pulled from its parser as they come, so a file started ahead keeps its
 * parser busy while the ones before it are still being applied. The file being applied may have
 * MAX_AHEAD batches waiting; the files after it share MAX_WAITING.
 */
class Ahead {
  private readonly queue: Array<IteratorResult<ParsedBatch>> = [];
  private error: { e: unknown } | undefined;
  private wake: (() => void) | undefined;
  /** Set once this file is the one being applied. */
  private current = false;

  constructor(
    private readonly it: AsyncIterator<ParsedBatch>,
    private readonly waiting: WaitingBatches,
    /** Called once the file's last batch (or its error) is in: its parser is free. */
    private readonly onLastBatch: () => void,
    private readonly size: number,
  ) {
    void this.pump();
  }

  async next(): Promise<IteratorResult<ParsedBatch>> {
    if (!this.current) {
      // Its pump may be held back by the batches of the files after it: it no longer is.
      this.current = true;
      this.waiting.wakeAll();
    }
    while (this.queue.length === 0 && !this.error) await new Promise<void>((r) => (this.wake = r));
    const r = this.queue.shift();
    if (r) {
      this.waiting.taken();
      return r;
    }
    throw this.error!.e;
  }

  /** The file failed: its batches still waiting no longer count against the others'. */
  async abandon(): Promise<void> {
    this.waiting.count -= this.queue.length;
    this.queue.length = 0;
    this.waiting.wakeAll();
    await this.it.return?.();
  }

  private push(r: IteratorResult<ParsedBatch>): void {
    this.queue.push(r);
    this.waiting.count++;
    this.wake?.();
  }

  private full(): boolean {
    return this.current ? this.queue.length >= MAX_AHEAD : this.waiting.count >= MAX_WAITING;
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        while (this.full()) await this.waiting.wait();
        const r = await this.it.next();
        this.push(r);
        const last = r.done || r.value.chunkStart + r.value.chunk.length >= this.size;
        if (last) {
          this.onLastBatch();
          // The iterator's end (its parser's clean-up), kept for next() like any batch.
          if (!r.done) this.push(await this.it.next());
          return;
        }
      }
    } catch (e) {
      this.error = { e };
      this.onLastBatch();
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
  const waiting = new WaitingBatches();
  const ahead = new Map<number, Ahead>();
  const parallel = Math.max(1, opts.parallel ?? 1);
  // Files are started in order, each as soon as a parser is free; on the load's first file, the
  // second parser starts only once the first rows are out, so nothing competes with them.
  let started = 0;
  let parsing = 0;
  let firstRowsOut = false;
  const startMore = () => {
    while (started < sources.length && parsing < (firstRowsOut ? parallel : 1)) {
      const i = started++;
      parsing++;
      let freed = false;
      const onLastBatch = () => {
        if (freed) return;
        freed = true;
        parsing--;
        startMore();
      };
      ahead.set(
        i,
        new Ahead(batchesOf(sources[i], i)[Symbol.asyncIterator](), waiting, onLastBatch, sources[i].size),
      );
      if (started === sources.length) opts.onAllStarted?.();
    }
  };
  for (let i = 0; i < sources.length; i++) {
    const src = sources[i];
    startMore();
    const batches = ahead.get(i)!;
    ahead.delete(i);
    try {
      builder.beginFile(src.name, src.size, opts.encoding);
      for (let r = await batches.next(); !r.done; r = await batches.next()) {
        const batch = r.value;
        builder.apply(batch);
        opts.onApplied?.(batch);
        opts.onProgress?.(i, batch.chunkStart + batch.chunk.length, builder);
        if (!firstRowsOut && batch.count > 0) {
          firstRowsOut = true;
          startMore();
        }
        await opts.between?.();
      }
      builder.endFile();
    } catch (e) {
      await batches.abandon();
      builder.abortFile();
      opts.onFileError?.(i, asFileError(src.name, e));
    }
  }
  opts.onParsed?.();
  return builder.finish();
}

/** Both stages in this thread: the command line, the tests and the Node benchmark use this. */
export function indexSources(sources: SliceSource[], opts: IndexOptions = {}): Promise<LogIndex> {
  return indexBatches(sources, (src) => parseSlices(src, opts.sliceSize, opts.encoding), opts);
}
