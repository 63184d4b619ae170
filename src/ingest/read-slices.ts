import type { Encoding } from '../model/file-info';
import { FileError } from './file-error';
import { LineParser } from './line-parser';
import type { ParsedBatch } from './parsed-batch';

/** Anything we can read in slices: a browser `File`/`Blob`, or bytes already in memory. */
export interface SliceSource {
  name: string;
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

/** Bytes per read; 8 MiB keeps reads large while giving frequent progress. */
export const DEFAULT_SLICE = 8 << 20;
const FIRST_SLICE = 1 << 20;

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
 * Reads one file in slices and parses each: stage one of the pipeline. The next slice is
 * requested before the current one is parsed, so reading overlaps parsing.
 */
export async function* parseSlices(
  src: SliceSource,
  sliceSize = DEFAULT_SLICE,
  encoding?: Encoding,
): AsyncGenerator<ParsedBatch> {
  const parser = new LineParser(src.name, encoding);
  if (src.size === 0) {
    yield parser.push(new Uint8Array(0), true);
    return;
  }
  let pos = 0;
  // A small first slice puts the first rows on screen sooner; later slices are large for throughput.
  let pending: Promise<Uint8Array> | undefined = src.read(0, Math.min(FIRST_SLICE, sliceSize, src.size));
  while (pending) {
    const chunk: Uint8Array = await pending;
    if (chunk.length === 0)
      throw new FileError(src.name, 'the file ended early (it may have been truncated)');
    const next: number = pos + chunk.length;
    pending = next < src.size ? src.read(next, Math.min(next + sliceSize, src.size)) : undefined;
    yield parser.push(chunk, next >= src.size);
    pos = next;
  }
}
