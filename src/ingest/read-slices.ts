import type { Encoding } from '../model/file-info';
import { FileError } from './file-error';
import { LineParser } from './line-parser';
import type { ParsedBatch } from './parsed-batch';
import { FIRST_SLICE_BYTES, READ_AHEAD, SLICE_BYTES } from './flow-control';

/** Anything we can read in slices: a browser `File`/`Blob`, or bytes already in memory. */
export interface SliceSource {
  name: string;
  size: number;
  /**
   * Where these bytes start in the file they were cut from, when they are a part of a bigger one
   * (the command line's windows): the checks of a file's start are then the whole file's.
   */
  offset?: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

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
 * The file's slices in order: 1 MiB, then `sliceSize` each, with the next slices already
 * requested while the current one is handed on, so reading overlaps parsing and indexing. (The
 * alternatives tried, a stream reader and FileReaderSync among them, are in bench/README.md.)
 */
export async function* readChunks(src: SliceSource, sliceSize = SLICE_BYTES): AsyncGenerator<Uint8Array> {
  const ends: number[] = [];
  for (let pos = 0; pos < src.size;) {
    pos = Math.min(src.size, pos + (pos === 0 ? Math.min(FIRST_SLICE_BYTES, sliceSize) : sliceSize));
    ends.push(pos);
  }
  const pending: Array<Promise<Uint8Array>> = [];
  let requested = 0;
  const request = () => {
    if (requested < ends.length) {
      const start = requested === 0 ? 0 : ends[requested - 1];
      pending.push(src.read(start, ends[requested++]));
    }
  };
  // The small first slice is read alone, so nothing competes with the first rows.
  request();
  for (let i = 0; i < ends.length; i++) {
    const chunk = await pending.shift()!;
    const start = i === 0 ? 0 : ends[i - 1];
    if (chunk.length < ends[i] - start) {
      throw new FileError(src.name, { code: 'truncated', read: start + chunk.length, size: src.size });
    }
    if (chunk.length > ends[i] - start) throw new FileError(src.name, { code: 'changed' });
    while (requested < ends.length && requested <= i + READ_AHEAD) request();
    yield chunk;
  }
}

/** Reads one file and parses each slice: stage one of the pipeline. */
export async function* parseSlices(
  src: SliceSource,
  sliceSize = SLICE_BYTES,
  encoding?: Encoding,
): AsyncGenerator<ParsedBatch> {
  const parser = new LineParser(src.name, encoding, src.offset);
  if (src.size === 0) {
    yield parser.push(new Uint8Array(0), true);
    return;
  }
  let pos = 0;
  for await (const chunk of readChunks(src, sliceSize)) {
    pos += chunk.length;
    yield parser.push(chunk, pos >= src.size);
  }
}
