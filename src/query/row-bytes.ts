import type { RowSource } from '../model/log-index';

/**
 * The exact bytes of a row, without its line terminator. A row ends where the next row of the same
 * file starts (minus `\n` and an optional `\r`); the last row of a file ends at its newline, or at
 * the file's end when it has none.
 */
export function rowBytes(index: RowSource, r: number): Uint8Array {
  const { offset } = index.rows;
  const f = fileOfRow(index, r);
  const b = index.fileBytes[f];
  const start = offset[r];
  const file = index.files[f];
  let end: number;
  if (r + 1 < file.firstRow + file.lines) {
    end = offset[r + 1] - 1;
    if (end > start && b.byteAt(end - 1) === 0x0d) end--;
  } else {
    // The file's last row so far: while loading, bytes of the next, unfinished line may follow it.
    const nl = b.indexOf(0x0a, start);
    end = nl < 0 ? b.length : nl;
    if (nl >= 0 && end > start && b.byteAt(end - 1) === 0x0d) end--;
  }
  return b.range(start, end);
}

/** Row index at position `i` of the current view (timeline order once merged, storage order before). */
export function rowAt(index: RowSource, i: number): number {
  return index.timeline ? index.timeline[i] : i;
}

/** The file a row belongs to: files hold contiguous row ranges, so a binary search finds it. */
export function fileOfRow(index: Pick<RowSource, 'files'>, r: number): number {
  const files = index.files;
  let lo = 0;
  let hi = files.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (files[mid].firstRow <= r) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
