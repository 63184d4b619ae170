import { FileError } from '../ingest/file-error';
import type { ParsedBatch } from '../ingest/parsed-batch';
import { blobSource, readChunks, type SliceSource } from '../ingest/read-slices';
import { freeNow } from '../lib/free-now';
import type { FromParser, ToParser } from './protocol';
import { FRESH_PARSER_AFTER_BYTES, MAX_IN_FLIGHT, MAX_SPARE } from '../ingest/flow-control';

export type ParseFile = ((file: File, sliceSize: number) => AsyncIterable<ParsedBatch>) & {
  /** How many files it parses at once (1 when absent). */
  parallel?: number;
  /** The batch was applied to the index: its buffers may serve again (optional). */
  applied?: (batch: ParsedBatch) => void;
  /**
   * No more files come in this load: each parser ends as soon as it is free, giving back its
   * memory (optional).
   */
  release?: () => void;
  /** Gets ready for the next load, once this one is done (optional). */
  prepare?: () => void;
};

/**
 * Runs the parsing half of indexing in workers of their own, `count` files at once, each file on
 * one worker. This (engine) thread has the slices read and hands each one over; the parser is the
 * busier half, so two of them keep the cores busy across file boundaries and while the engine
 * indexes.
 */
export function parseInWorkers(
  createWorker: () => Worker,
  count = 1,
  sourceOf: (file: File) => SliceSource = blobSource,
): ParseFile {
  let workers: Worker[] = [];
  let releasing = false;
  const prepare = () => {
    releasing = false;
    while (workers.length < count) workers.push(createWorker());
  };
  /**
   * Ends a free worker, from here: a worker's own `self.close()` only asks this thread to end it,
   * which waited while this thread finished the index, and the worker's WebAssembly memory (~35 MB)
   * stayed through the load's peak. Its memory, pooled buffers included, goes with its thread.
   */
  const end = (w: Worker) => {
    w.terminate();
    workers = workers.filter((x) => x !== w);
  };
  // Started with the engine, not on the first file, so a drop does not wait for them to boot.
  prepare();
  /**
   * Applied batches' column buffers, handed to whichever parser gets the next slice: its columns
   * then go into pages already in use. (Handed back to the parser that made them, most went to one
   * that had moved on or ended, and every batch faulted in fresh pages: ~0.3 GB a GiB.)
   */
  const spare: ArrayBuffer[] = [];
  /** Workers with a file whose last batch has not come back yet. */
  const busy = new Set<Worker>();
  let seq = 0;
  const parse: ParseFile = async function* (file, sliceSize) {
    prepare();
    const mySeq = ++seq;
    // A free worker: the caller starts a file once another one's last batch is in.
    const w = workers.find((x) => !busy.has(x)) ?? workers[mySeq % workers.length];
    busy.add(w);
    // Freed once per file: later on, the worker may already have the next file.
    let freed = false;
    const queue: FromParser[] = [];
    // The reading loop and the batch loop both wait on events here; every event wakes both.
    const waiters = new Set<() => void>();
    const notify = () => {
      for (const resolve of waiters) resolve();
      waiters.clear();
    };
    const next = () => new Promise<void>((resolve) => waiters.add(resolve));
    w.onmessage = (e: MessageEvent<FromParser>) => {
      if (e.data.seq !== mySeq) return;
      queue.push(e.data);
      notify();
    };
    w.onerror = (e) => {
      queue.push({
        type: 'error',
        seq: mySeq,
        fileName: file.name,
        problem: { code: 'parser-crashed', detail: e.message },
      });
      notify();
    };
    const send = (msg: ToParser, transfer: Transferable[] = []) => w.postMessage(msg, transfer);
    send({ type: 'begin', seq: mySeq, fileName: file.name });

    let inFlight = 0;
    let stopped = false;
    let readError: unknown;
    const reading = (async () => {
      try {
        if (file.size === 0) {
          send({ type: 'chunk', seq: mySeq, chunk: new Uint8Array(0), atEnd: true });
          return;
        }
        let pos = 0;
        for await (const chunk of readChunks(sourceOf(file), sliceSize)) {
          while (inFlight >= MAX_IN_FLIGHT && !stopped) await next();
          if (stopped) return;
          pos += chunk.length;
          inFlight++;
          const columns = spare.pop();
          send(
            { type: 'chunk', seq: mySeq, chunk, atEnd: pos >= file.size, columns },
            columns ? [chunk.buffer, columns] : [chunk.buffer],
          );
        }
      } catch (e) {
        readError = e;
        notify();
      }
    })();

    try {
      for (;;) {
        while (queue.length === 0 && readError === undefined) await next();
        if (readError !== undefined) throw readError;
        const msg = queue.shift()!;
        if (msg.type === 'error') throw new FileError(msg.fileName, msg.problem);
        inFlight--;
        notify();
        const last = msg.batch.chunkStart + msg.batch.chunk.length >= file.size;
        // The worker is done with this file before the caller hears of its last batch, since
        // that is when the caller starts the next file.
        if (last) freeWorker();
        yield msg.batch;
        if (last) return;
      }
    } finally {
      stopped = true;
      notify();
      freeWorker();
      await reading;
    }

    function freeWorker(): void {
      if (freed) return;
      freed = true;
      busy.delete(w);
      // Its WebAssembly memory grew to this file's needs and cannot shrink: a parser with no more
      // files to parse ends now, and after a big file a fresh worker (it boots while the other
      // one parses) keeps two parsers from holding two peaks of memory at once.
      if (releasing) {
        end(w);
        // The last file is parsed: no slice will take a spare buffer any more.
        if (busy.size === 0) for (const b of spare.splice(0)) freeNow(b);
      } else if (file.size >= FRESH_PARSER_AFTER_BYTES && workers.includes(w)) {
        end(w);
        workers.push(createWorker());
      }
    }
  };
  parse.parallel = count;
  // Applied: the columns were copied into the index, so their buffer can serve again, and the
  // rest (all but the slice, which the index keeps) is freed now rather than when collected.
  parse.applied = (batch) => {
    const columns = batch.offset.buffer as ArrayBuffer;
    const slicesToCome = !releasing || busy.size > 0;
    if (columns.byteLength > 0 && spare.length < MAX_SPARE && slicesToCome) spare.push(columns);
    else freeNow(columns);
    const { sessions, report } = batch;
    if (sessions)
      for (const a of [sessions.rows, sessions.rcpts, sessions.stringBytes, sessions.stringEnds])
        freeNow(a.buffer);
    if (report)
      for (const a of [report.line, report.newStrings.bytes, report.newStrings.ends]) freeNow(a.buffer);
  };
  // The parsers' memory grew to what their biggest file needed (WebAssembly memory cannot
  // shrink): ending each one once it has parsed its last file gives it back while the engine
  // still applies and finishes the index, when the load peaks. Fresh ones boot once the load is
  // done (prepare), not while the engine finishes the index.
  parse.release = () => {
    releasing = true;
    for (const w of workers) if (!busy.has(w)) end(w);
  };
  parse.prepare = prepare;
  return parse;
}
