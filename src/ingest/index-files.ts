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
}

/** Runs a per-file batch stream into the builder; a file that fails is rolled back and reported. */
export async function indexBatches(
  sources: SliceSource[],
  batchesOf: (src: SliceSource, i: number) => AsyncIterable<ParsedBatch>,
  opts: IndexOptions = {},
): Promise<LogIndex> {
  const builder = new IndexBuilder();
  builder.expectBytes(sources.reduce((n, s) => n + s.size, 0));
  const start = (i: number) => {
    const it = batchesOf(sources[i], i)[Symbol.asyncIterator]();
    const first = it.next();
    first.catch(() => {}); // observed when the file's turn comes
    return { i, it, first };
  };
  let next: ReturnType<typeof start> | undefined;
  for (let i = 0; i < sources.length; i++) {
    const src = sources[i];
    let it: AsyncIterator<ParsedBatch> | undefined;
    try {
      builder.beginFile(src.name, src.size, opts.encoding);
      const ahead = next?.i === i ? next : undefined;
      next = undefined;
      it = ahead?.it ?? batchesOf(src, i)[Symbol.asyncIterator]();
      let pending = ahead?.first ?? it.next();
      for (let r = await pending; !r.done; r = await pending) {
        const batch = r.value;
        const done = batch.chunkStart + batch.chunk.length;
        // This file is all parsed: the next one starts now, so the parser does not wait while the
        // last batch is applied and the file closed.
        if (done >= src.size && i + 1 < sources.length) next = start(i + 1);
        builder.apply(batch);
        opts.onProgress?.(i, done, builder);
        pending = it.next();
      }
      builder.endFile();
    } catch (e) {
      await it?.return?.();
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
