import type { RowSource } from '../model/log-index';

/**
 * The exact bytes of a row, without its line terminator. A row ends where the next row of the same
 * file starts (minus `\n` and an optional `\r`); the last row of a file ends at the file's end,
 * minus a final `\n`/`\r\n` if there is one.
 */
export function rowBytes(index: RowSource, r: number): Uint8Array {
  const { file, offset, count } = index.rows;
  const f = file[r];
  const b = index.fileBytes[f];
  const start = offset[r];
  let end: number;
  if (r + 1 < count && file[r + 1] === f) {
    end = offset[r + 1] - 1;
    if (end > start && b[end - 1] === 0x0d) end--;
  } else {
    end = b.length;
    if (end > start && b[end - 1] === 0x0a) {
      end--;
      if (end > start && b[end - 1] === 0x0d) end--;
    }
  }
  return b.subarray(start, end);
}

/** Row index at position `i` of the current view (timeline order once merged, storage order before). */
export function rowAt(index: RowSource, i: number): number {
  return index.timeline ? index.timeline[i] : i;
}
