import { TIMELINE_STEP, type LogIndex, type RowSource } from '../model/log-index';
import { countTime, type TimeBins } from './time-bins';

/**
 * Rows as bits: one bit per row of the index in storage order (a 32nd of a word a row, so a
 * filter that keeps little costs little), built and read a word at a time.
 */
export type RowBits = Uint32Array;

export const newRowBits = (rows: number): RowBits => new Uint32Array(Math.ceil(rows / 32));

export const hasBit = (bits: RowBits, r: number) => (bits[r >>> 5] & (1 << (r & 31))) !== 0;

export const setBit = (bits: RowBits, r: number) => {
  bits[r >>> 5] |= 1 << (r & 31);
};

/** A word with its first `rows` bits set (all 32 for rows ≥ 32). */
export const fullWord = (rows: number) => (rows >= 32 ? -1 : (1 << rows) - 1);

/** Set bits in a 32-bit word. */
export function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/** What a row must pass to be kept, beyond the bits of its other parts. */
export interface PassTables {
  /** Rows that pass every part but services and kinds; undefined when every row does. */
  others: RowBits | undefined;
  /** A byte per service id / per kind: 1 when the filter lets it through. */
  services: Uint8Array;
  kinds: Uint8Array;
}

/** A word whose rows are of several services. Service ids stay below it (a byte column, 0 reserved). */
export const MIXED_SERVICES = 255;

/** Kind values a row can hold, as the facets count them. */
export const KIND_SLOTS = 16;

/**
 * Marks in `pass` the rows of words [w0, w1) that pass every part, and counts each one's time into
 * `bins`. `wordService` is each word's one service, or MIXED_SERVICES (WholeIndexCounts). With `matrix`, also counts the rows passing the others by (service, kind): the facets,
 * each without its own part, come from it. Returns how many rows it marked.
 */
export function markPassing(
  index: LogIndex,
  wordService: Uint8Array,
  tables: PassTables,
  w0: number,
  w1: number,
  pass: RowBits,
  bins: TimeBins | undefined,
  matrix: Uint32Array | undefined,
): number {
  const { others, services, kinds } = tables;
  const { service, kind, time, count } = index.rows;
  let marked = 0;
  if (!others) {
    // Every row is a candidate: a straight pass over two byte columns, through one table.
    const passes = new Uint8Array(256 * KIND_SLOTS);
    for (let slot = 0; slot < passes.length; slot++) {
      passes[slot] = services[slot >>> 4] & kinds[slot & (KIND_SLOTS - 1)];
    }
    // With every kind let through, a word of one service is kept or dropped whole.
    const allKinds = kinds.every((k) => k === 1);
    for (let w = w0; w < w1; w++) {
      const r0 = w << 5;
      const end = Math.min(count, r0 + 32);
      let word = 0;
      const sv = wordService[w];
      if (allKinds && sv !== MIXED_SERVICES) word = services[sv] ? fullWord(end - r0) : 0;
      else for (let r = r0, b = 0; r < end; r++, b++) word |= passes[(service[r] << 4) | kind[r]] << b;
      pass[w] = word;
      if (word === 0) continue;
      marked += popcount(word);
      if (bins) {
        for (let b = 0; b < 32; b++) if (word & (1 << b)) countTime(bins, time.at((w << 5) | b));
      }
    }
    return marked;
  }
  for (let w = w0; w < w1; w++) {
    let candidates = others[w];
    let word = 0;
    while (candidates !== 0) {
      const low = candidates & -candidates;
      candidates ^= low;
      const b = 31 - Math.clz32(low);
      const r = (w << 5) | b;
      const sv = service[r];
      const k = kind[r];
      if (matrix) matrix[sv * KIND_SLOTS + k]++;
      if (services[sv] & kinds[k]) {
        word |= low;
        if (bins) countTime(bins, time.at(r));
      }
    }
    pass[w] = word;
    marked += popcount(word);
  }
  return marked;
}

/** How many of the rows [from, to) are set. */
export function countBitsIn(bits: RowBits, from: number, to: number): number {
  if (from >= to) return 0;
  const w0 = from >>> 5;
  const w1 = (to - 1) >>> 5;
  const head = -1 << (from & 31);
  const tail = -1 >>> (31 - ((to - 1) & 31));
  if (w0 === w1) return popcount(bits[w0] & head & tail);
  let n = popcount(bits[w0] & head) + popcount(bits[w1] & tail);
  for (let w = w0 + 1; w < w1; w++) if (bits[w] !== 0) n += popcount(bits[w]);
  return n;
}

/**
 * The rows set in `bits`, counted per stretch of TIMELINE_STEP positions of the view's order
 * (the timeline once merged, storage order before): `before[k]` is how many come before position
 * k × TIMELINE_STEP, and the last entry is the total. Each stretch holds, of each file, the rows
 * between two checkpoints, so this costs a popcount per word and nothing per row.
 */
export function countPerStretch(index: RowSource, bits: RowBits): Uint32Array {
  const total = index.rows.count;
  const stretches = Math.ceil(total / TIMELINE_STEP);
  const before = new Uint32Array(stretches + 1);
  const t = index.timeline;
  let at = t ? stretchStarts(index, 0) : undefined;
  for (let k = 0; k < stretches; k++) {
    let n = 0;
    if (!t || !at) n = countBitsIn(bits, k * TIMELINE_STEP, Math.min(total, (k + 1) * TIMELINE_STEP));
    else {
      // Where this stretch ends is where the next begins.
      const after = stretchStarts(index, k + 1);
      for (let f = 0; f < t.fileCount; f++) n += countBitsIn(bits, at[f], after[f]);
      at = after;
    }
    before[k + 1] = before[k] + n;
  }
  return before;
}

/** Each file's next row at position k × TIMELINE_STEP (past the last stretch: each file's end). */
function stretchStarts(index: RowSource, k: number): Uint32Array {
  const t = index.timeline!;
  const at = k * t.fileCount;
  if (at < t.next.length) return t.next.subarray(at, at + t.fileCount);
  return Uint32Array.from(index.files, (f) => f.firstRow + f.lines);
}

/**
 * The rows set in `bits` at positions start .. start + count - 1 of the set rows in the view's
 * order: the stretch holding `start` is found from `before`, and only the stretches holding the
 * window are walked, from their checkpoints.
 */
export function setRowsAt(
  index: RowSource,
  bits: RowBits,
  before: Uint32Array,
  start: number,
  count: number,
): Uint32Array {
  const total = before[before.length - 1];
  const end = Math.min(total, start + count);
  const out = new Uint32Array(Math.max(0, end - start));
  if (out.length === 0) return out;
  // The last stretch whose first set row is at or before `start`.
  let lo = 0;
  let hi = before.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (before[mid] <= start) lo = mid;
    else hi = mid - 1;
  }
  const t = index.timeline;
  let seen = before[lo];
  let n = 0;
  for (let k = lo; n < out.length; k++) {
    if (before[k + 1] === before[k]) continue;
    const from = k * TIMELINE_STEP;
    const to = Math.min(index.rows.count, from + TIMELINE_STEP);
    const next = t ? stretchStarts(index, k).slice() : undefined;
    for (let i = from; i < to && n < out.length; i++) {
      const r = next ? next[t!.file[i]]++ : i;
      if ((bits[r >>> 5] & (1 << (r & 31))) === 0) continue;
      if (seen++ >= start) out[n++] = r;
    }
  }
  return out;
}
