/// <reference lib="webworker" />
import { FileError } from '../ingest/file-error';
import { LineParser } from '../ingest/line-parser';
import { batchTransferables } from '../ingest/parsed-batch';
import type { FromParser, ToParser } from './protocol';

// A thin shell around LineParser: one file at a time, one batch per slice, in order.
let parser: LineParser | undefined;
let seq = -1;

self.onmessage = (e: MessageEvent<ToParser>) => {
  const msg = e.data;
  if (msg.type === 'begin') {
    seq = msg.seq;
    parser = new LineParser(msg.fileName, msg.encoding);
    return;
  }
  if (msg.seq !== seq || !parser) return; // the rest of a file that already failed
  try {
    const batch = parser.push(msg.chunk, msg.atEnd);
    self.postMessage({ type: 'batch', seq, batch } satisfies FromParser, batchTransferables(batch));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const fileName = err instanceof FileError ? err.fileName : 'file';
    parser = undefined;
    self.postMessage({ type: 'error', seq, fileName, message } satisfies FromParser);
  }
};
