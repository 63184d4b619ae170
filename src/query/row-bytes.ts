import { LINE_STEP, TIMELINE_STEP, type RowSource } from '../model/log-index';

/**
 * The exact bytes of a row, without its line terminator: from its start up to its newline (minus
 * an optional `\r`), or to the file's end for a last line without one.
 */
export function rowBytes(index: RowSource, r: number): Uint8Array {
  const { file, start, end } = rowSpan(index, r);
  return index.fileBytes[file].range(start, end);
}

/**
 * Where row r's bytes are in its file: its start, the end of its text (before `\r\n` or `\n`),
 * and where the next line starts (after them; the file's end for a last line without one).
 */
export function rowSpan(
  index: RowSource,
  r: number,
): { file: number; start: number; end: number; next: number } {
  const f = fileOfRow(index, r);
  const b = index.fileBytes[f];
  const start = rowStart(index, f, r);
  const nl = b.indexOf(0x0a, start);
  let end = nl < 0 ? b.length : nl;
  if (nl >= 0 && end > start && b.byteAt(end - 1) === 0x0d) end--;
  return { file: f, start, end, next: nl < 0 ? b.length : nl + 1 };
}

/**
 * Where row r (of file f) starts: from the nearest kept start at or before it (LineStarts), or
 * from the file's first line, skipping one newline per row in between.
 */
function rowStart(index: RowSource, f: number, r: number): number {
  const file = index.files[f];
  const b = index.fileBytes[f];
  let known = r - (r % LINE_STEP);
  let pos: number;
  if (known >= file.firstRow) {
    pos = index.lineStarts.at[known / LINE_STEP];
  } else {
    known = file.firstRow;
    pos = file.firstLineAt;
  }
  for (; known < r; known++) pos = b.indexOf(0x0a, pos) + 1;
  return pos;
}

/**
 * The rows at positions start .. start + count - 1 of the current view: timeline order once
 * merged, storage order before. From the timeline's checkpoint before `start`, each file's next
 * row is counted on (at most TIMELINE_STEP - 1 steps, a few microseconds).
 */
export function rowsAt(index: RowSource, start: number, count: number): Uint32Array {
  const from = Math.max(0, start);
  const end = Math.min(index.rows.count, start + count);
  const out = new Uint32Array(Math.max(0, end - from));
  const t = index.timeline;
  if (!t) {
    for (let i = from; i < end; i++) out[i - from] = i;
    return out;
  }
  const k = Math.floor(from / TIMELINE_STEP);
  const next = t.next.slice(k * t.fileCount, (k + 1) * t.fileCount);
  let i = k * TIMELINE_STEP;
  for (; i < from; i++) next[t.file[i]]++;
  for (; i < end; i++) out[i - from] = next[t.file[i]]++;
  return out;
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
