import type { Encoding } from '../model/file-info';
import { LINE_STEP, type RowSource } from '../model/log-index';
import { rowSpan } from './row-bytes';

/** A term's bytes in one encoding, and which of them fold case (ASCII letters, never a trail byte). */
export interface EncodedTerm {
  bytes: Uint8Array;
  folds: Uint8Array;
}

/** The term's bytes in each encoding a file of the index has. */
export type TermEncoder = (term: string, encoding: Encoding) => Promise<Uint8Array>;

/** A Shift_JIS (CP932) lead byte: the byte after it is its trail, whatever it looks like. */
const isSjisLead = (b: number) => (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);

const isUpper = (b: number) => b >= 0x41 && b <= 0x5a;
const isLower = (b: number) => b >= 0x61 && b <= 0x7a;

/**
 * The term as searched in a file of `encoding`: its bytes lower-cased where they are ASCII letters
 * of their own. In Shift_JIS a trail byte can be a letter's byte (0x41–0x7A): it must match as it
 * is (log-format.md, "Encoding": folding must not touch trail bytes).
 */
export function prepareTerm(bytes: Uint8Array, encoding: Encoding): EncodedTerm {
  const folds = new Uint8Array(bytes.length);
  const lowered = bytes.slice();
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (encoding === 'shift_jis' && isSjisLead(b)) {
      i++; // its trail byte stays as it is
      continue;
    }
    if (isUpper(b) || isLower(b)) {
      folds[i] = 1;
      lowered[i] = b | 0x20;
    }
  }
  return { bytes: lowered, folds };
}

/**
 * Marks in `rows` (a bit per row of the index) every row of file `f` that holds `term`: the file's
 * bytes are searched as they are, nothing is decoded. A match counts only where it starts on a
 * character boundary, found by walking from the row's start (a Shift_JIS trail byte followed by a
 * lead byte can look like another character); in UTF-8 every lead byte is a boundary.
 */
export function markTextRows(index: RowSource, f: number, term: EncodedTerm, rows: Uint32Array): void {
  const file = index.files[f];
  const bytes = index.fileBytes[f];
  const { bytes: want, folds } = term;
  if (want.length === 0 || file.lines === 0) return;
  // The platform's own search finds the term's rarest byte in this file (both cases of a letter);
  // each hit is then checked whole. A common first byte would make most of the file candidates.
  const a = anchorOf(want, folds, byteFrequencies(bytes));
  const anchor = want[a];
  const anchorOther = folds[a] ? anchor & ~0x20 : anchor;
  const sjis = file.encoding === 'shift_jis';
  let chunkStart = 0;
  let lastRow = -1;
  for (const chunk of bytes.chunks) {
    let x = chunk.indexOf(anchor);
    let y = anchorOther === anchor ? -1 : chunk.indexOf(anchorOther);
    while (x >= 0 || y >= 0) {
      const i = y < 0 || (x >= 0 && x < y) ? x : y;
      if (i === x) x = chunk.indexOf(anchor, x + 1);
      else y = chunk.indexOf(anchorOther, y + 1);
      const pos = chunkStart + i - a;
      if (pos < 0 || !matchesAt(chunk, i - a, pos, bytes, want, folds)) continue;
      const row = rowAt(index, f, pos);
      if (row === lastRow) continue;
      if (sjis && !startsCharacter(index, f, row, pos)) continue;
      rows[row >>> 5] |= 1 << (row & 31);
      lastRow = row;
    }
    chunkStart += chunk.length;
  }
}

/** Bytes of a file sampled for its byte frequencies: enough to know its common bytes. */
const SAMPLE_BYTES = 1 << 20;
const frequencies = new WeakMap<object, Uint32Array>();

/** How often each byte value occurs in the first megabyte of the file, counted once per file. */
function byteFrequencies(bytes: RowSource['fileBytes'][number]): Uint32Array {
  let counts = frequencies.get(bytes);
  if (!counts) {
    counts = new Uint32Array(256);
    let left = SAMPLE_BYTES;
    for (const chunk of bytes.chunks) {
      const n = Math.min(left, chunk.length);
      for (let i = 0; i < n; i++) counts[chunk[i]]++;
      left -= n;
      if (left === 0) break;
    }
    frequencies.set(bytes, counts);
  }
  return counts;
}

/**
 * The position of the term's rarest byte in this file (a folded letter counting both cases),
 * the first of equals: each occurrence of it is a candidate checked whole.
 */
function anchorOf(want: Uint8Array, folds: Uint8Array, counts: Uint32Array): number {
  const cost = (k: number) => counts[want[k]] + (folds[k] ? counts[want[k] & ~0x20] : 0);
  let best = 0;
  for (let k = 1; k < want.length; k++) if (cost(k) < cost(best)) best = k;
  return best;
}

/** Whether the term is at file position `pos` (chunk index `i`, negative when it starts in an earlier chunk). */
function matchesAt(
  chunk: Uint8Array,
  i: number,
  pos: number,
  bytes: RowSource['fileBytes'][number],
  want: Uint8Array,
  folds: Uint8Array,
): boolean {
  const inChunk = i >= 0 && i + want.length <= chunk.length;
  for (let k = 0; k < want.length; k++) {
    // A match that crosses slices reads across them (rare: slices are megabytes).
    const c = inChunk ? chunk[i + k] : pos + k < bytes.length ? bytes.byteAt(pos + k) : -1;
    if ((folds[k] ? c | 0x20 : c) !== want[k]) return false;
  }
  return true;
}

/** The row of file f whose bytes hold position `pos`: from the kept row starts, then line by line. */
function rowAt(index: RowSource, f: number, pos: number): number {
  const file = index.files[f];
  const starts = index.lineStarts.at;
  // Kept starts are those of rows k × LINE_STEP; the file's own are from its first row on.
  let lo = Math.ceil(file.firstRow / LINE_STEP);
  let hi = Math.floor((file.firstRow + file.lines - 1) / LINE_STEP);
  let row = file.firstRow;
  let start = file.firstLineAt;
  if (lo <= hi && starts[lo] <= pos) {
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    row = lo * LINE_STEP;
    start = starts[lo];
  }
  const bytes = index.fileBytes[f];
  const last = file.firstRow + file.lines - 1;
  for (;;) {
    if (row === last) return row;
    const nl = bytes.indexOf(0x0a, start);
    if (nl < 0 || nl >= pos) return row;
    start = nl + 1;
    row++;
  }
}

/** Whether `pos` starts a Shift_JIS character of row `row`: walking the row from its start. */
function startsCharacter(index: RowSource, f: number, row: number, pos: number): boolean {
  const bytes = index.fileBytes[f];
  let at = rowSpan(index, row).start;
  while (at < pos) at += isSjisLead(bytes.byteAt(at)) ? 2 : 1;
  return at === pos;
}
