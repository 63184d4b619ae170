import { FileError } from '../ingest/file-error';
import { LineParser } from '../ingest/line-parser';
import { dropColumns, recycleColumns } from '../ingest/line-scanner';
import { batchTransferables } from '../ingest/parsed-batch';
import type { FromParser, ToParser } from './protocol';

type Post = (msg: FromParser, transfer: Transferable[]) => void;

/**
 * The parse worker's logic: one file at a time, one batch per slice, in order. `close` ends the
 * worker (self.close) once asked to.
 */
export function createParseHandler(post: Post, close: () => void = () => {}): (msg: ToParser) => void {
  let parser: LineParser | undefined;
  let seq = -1;
  return (msg) => {
    if (msg.type === 'close') {
      // Pooled buffers are freed here and now: left to the worker's teardown, their memory
      // outlived the worker in Chromium until some later garbage collection.
      dropColumns();
      parser = undefined;
      close();
      return;
    }
    if (msg.type === 'begin') {
      seq = msg.seq;
      parser = new LineParser(msg.fileName, msg.encoding);
      return;
    }
    if (msg.columns) recycleColumns(msg.columns);
    if (msg.seq !== seq || !parser) return; // the rest of a file that already failed
    try {
      const batch = parser.push(msg.chunk, msg.atEnd);
      post({ type: 'batch', seq, batch }, batchTransferables(batch));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const fileName = err instanceof FileError ? err.fileName : 'file';
      parser = undefined;
      post({ type: 'error', seq, fileName, message }, []);
    }
  };
}
