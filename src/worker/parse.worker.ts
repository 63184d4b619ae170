/// <reference lib="webworker" />
import { blobSource, parseSlices } from '../ingest/read-slices';
import { FileError } from '../ingest/file-error';
import { batchTransferables } from '../ingest/parsed-batch';
import type { Encoding } from '../model/file-info';
import type { FromParser, ToParser } from './protocol';

/** Batches posted but not yet indexed: enough to keep both cores busy, few enough to bound memory. */
const MAX_IN_FLIGHT = 2;

let credits = MAX_IN_FLIGHT;
let wake: (() => void) | undefined;

const post = (msg: FromParser, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<ToParser>) => {
  const msg = e.data;
  if (msg.type === 'ack') {
    credits++;
    wake?.();
    return;
  }
  void parse(msg.file, msg.sliceSize, msg.encoding);
};

async function parse(file: File, sliceSize: number, encoding: Encoding | undefined) {
  credits = MAX_IN_FLIGHT;
  try {
    for await (const batch of parseSlices(blobSource(file), sliceSize, encoding)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      post({ type: 'batch', batch }, batchTransferables(batch));
    }
    post({ type: 'end' });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    post({ type: 'error', fileName: e instanceof FileError ? e.fileName : file.name, message });
  }
}
