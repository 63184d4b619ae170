import type { Encoding } from '../model/file-info';
import { FileError } from '../ingest/file-error';
import type { ParsedBatch } from '../ingest/parsed-batch';
import { blobSource, readChunks, type SliceSource } from '../ingest/read-slices';
import type { FromParser, ToParser } from './protocol';

export type ParseFile = ((
  file: File,
  sliceSize: number,
  encoding?: Encoding,
) => AsyncIterable<ParsedBatch>) & {
  /** Frees what parsing holds once a load's files are all parsed (optional). */
  release?: () => void;
};

/**
 * Slices at the parser, not yet back as batches: enough to keep it busy while a batch is being
 * indexed, few enough to bound the memory in flight.
 */
const MAX_IN_FLIGHT = 3;

/**
 * Runs the parsing half of indexing in a worker of its own. This (engine) thread reads the file
 * and hands each slice over; reading waits on I/O tasks that need a free thread, and the engine
 * has idle time while the parser is busy, so the two halves overlap on the two cores.
 */
export function parseInWorker(
  createWorker: () => Worker,
  sourceOf: (file: File) => SliceSource = blobSource,
): ParseFile {
  // Started with the engine, not on the first file, so a drop does not wait for it to boot.
  let w = createWorker();
  let seq = 0;
  const parse: ParseFile = async function* (file, sliceSize, encoding) {
    const mySeq = ++seq;
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
        message: `the parser crashed: ${e.message}`,
      });
      notify();
    };
    const send = (msg: ToParser, transfer: Transferable[] = []) => w.postMessage(msg, transfer);
    send({ type: 'begin', seq: mySeq, fileName: file.name, encoding });

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
          send({ type: 'chunk', seq: mySeq, chunk, atEnd: pos >= file.size }, [chunk.buffer]);
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
        if (msg.type === 'error') throw new FileError(msg.fileName, msg.message);
        inFlight--;
        notify();
        yield msg.batch;
        // Applied: the columns were copied into the index, so their buffer can serve again.
        const columns = msg.batch.offset.buffer as ArrayBuffer;
        if (columns.byteLength > 0) send({ type: 'recycle', buffer: columns }, [columns]);
        if (msg.batch.chunkStart + msg.batch.chunk.length >= file.size) return;
      }
    } finally {
      stopped = true;
      notify();
      await reading;
    }
  };
  // The parser's memory grew to what the biggest file needed (its WebAssembly memory cannot
  // shrink): a fresh worker gives it all back before the index is finished, when the load peaks.
  parse.release = () => {
    w.terminate();
    w = createWorker();
  };
  return parse;
}
