import type { Encoding } from '../model/file-info';
import type { LogIndex } from '../model/log-index';
import { FileError, IndexBuilder } from './index-builder';

/** Anything we can read in slices: a browser `File`/`Blob`, or bytes already in memory. */
export interface SliceSource {
  name: string;
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface IndexOptions {
  /** Bytes per read; 8 MiB keeps reads large while giving frequent progress. */
  sliceSize?: number;
  encoding?: Encoding;
  onProgress?: (fileIndex: number, bytesDone: number, rowCount: number, builder: IndexBuilder) => void;
  onFileError?: (fileIndex: number, error: FileError) => void;
  /** Checked between slices; returning true stops the load. */
  cancelled?: () => boolean;
}

export const DEFAULT_SLICE = 8 << 20;

export function bytesSource(name: string, bytes: Uint8Array): SliceSource {
  return { name, size: bytes.length, read: async (s, e) => bytes.subarray(s, e) };
}

export function blobSource(file: Blob & { name: string }): SliceSource {
  return {
    name: file.name,
    size: file.size,
    read: async (s, e) => new Uint8Array(await file.slice(s, e).arrayBuffer()),
  };
}

/**
 * Reads every source in slices into one index. The next slice is requested before the current
 * one is parsed, so the browser's file read overlaps our parsing. A file that fails is rolled
 * back and reported; the others load.
 */
export async function indexSources(sources: SliceSource[], opts: IndexOptions = {}): Promise<LogIndex> {
  const slice = opts.sliceSize ?? DEFAULT_SLICE;
  const builder = new IndexBuilder();
  for (let i = 0; i < sources.length; i++) {
    if (opts.cancelled?.()) break;
    const src = sources[i];
    try {
      builder.beginFile(src.name, src.size, opts.encoding);
      let pos = 0;
      let pending = src.size > 0 ? src.read(0, Math.min(slice, src.size)) : undefined;
      while (pending) {
        const chunk = await pending;
        const next = pos + chunk.length;
        if (chunk.length === 0) throw new FileError(src.name, 'the file ended early (it may have been truncated)');
        pending = next < src.size ? src.read(next, Math.min(next + slice, src.size)) : undefined;
        builder.append(chunk);
        pos = next;
        opts.onProgress?.(i, pos, builder.rowCount, builder);
        if (opts.cancelled?.()) {
          builder.abortFile();
          return builder.finish();
        }
      }
      builder.endFile();
      opts.onProgress?.(i, src.size, builder.rowCount, builder);
    } catch (e) {
      builder.abortFile();
      const err = e instanceof FileError ? e : new FileError(src.name, e instanceof Error ? e.message : String(e));
      opts.onFileError?.(i, err);
    }
  }
  return builder.finish();
}
