import { asFileError } from '../ingest/file-error';
import { LineParser } from '../ingest/line-parser';
import { recycleColumns } from '../ingest/line-scanner';
import { batchTransferables } from '../ingest/parsed-batch';
import type { FromParser, ToParser } from './protocol';

type Post = (msg: FromParser, transfer: Transferable[]) => void;

/** The parse worker's logic: one file at a time, one batch per slice, in order. */
export function createParseHandler(post: Post): (msg: ToParser) => void {
  let parser: LineParser | undefined;
  let seq = -1;
  let fileName = '';
  return (msg) => {
    if (msg.type === 'begin') {
      seq = msg.seq;
      fileName = msg.fileName;
      parser = new LineParser(fileName);
      return;
    }
    if (msg.columns) recycleColumns(msg.columns);
    if (msg.seq !== seq || !parser) return; // the rest of a file that already failed
    try {
      const batch = parser.push(msg.chunk, msg.atEnd);
      post({ type: 'batch', seq, batch }, batchTransferables(batch));
    } catch (err) {
      parser = undefined;
      post({ type: 'error', seq, fileName, problem: asFileError(fileName, err).problem }, []);
    }
  };
}
