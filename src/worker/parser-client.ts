import type { Encoding } from '../model/file-info';
import { FileError } from '../ingest/file-error';
import type { ParsedBatch } from '../ingest/parsed-batch';
import type { FromParser, ToParser } from './protocol';

export type ParseFile = (file: File, sliceSize: number, encoding?: Encoding) => AsyncIterable<ParsedBatch>;

/**
 * Runs stage one (reading and parsing) in a worker of its own, so it overlaps with stage two in
 * the engine worker: the two halves of indexing use both cores. Files are parsed one at a time;
 * each batch is acknowledged once indexed, which keeps at most a couple in flight.
 */
export function parseInWorker(createWorker: () => Worker): ParseFile {
  // Started with the engine, not on the first file, so a drop does not wait for it to boot.
  const w = createWorker();
  return async function* (file, sliceSize, encoding) {
    const queue: FromParser[] = [];
    let wake: (() => void) | undefined;
    w.onmessage = (e: MessageEvent<FromParser>) => {
      queue.push(e.data);
      wake?.();
    };
    w.onerror = (e) => {
      queue.push({ type: 'error', fileName: file.name, message: `the parser crashed: ${e.message}` });
      wake?.();
    };
    w.postMessage({ type: 'parse', file, sliceSize, encoding } satisfies ToParser);
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const msg = queue.shift()!;
      switch (msg.type) {
        case 'batch':
          yield msg.batch;
          w.postMessage({ type: 'ack' } satisfies ToParser);
          break;
        case 'end':
          return;
        case 'error':
          throw new FileError(msg.fileName, msg.message);
      }
    }
  };
}
