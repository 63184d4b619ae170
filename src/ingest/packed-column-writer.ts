import { PACK_ESCAPE, PACK_NONE, PACK_SHIFT, PACK_STEP, PackedColumn } from '../lib/packed-column';
import { GrowableColumns } from './growable';

/** A block's base before any of its rows had a value (as int32: the base is never 2^32 − 1). */
const UNSET = -1;
/** A block's base sits this far below its first value, so later rows may also go back in time. */
const HALF = 0x8000;

/**
 * Builds a {@link PackedColumn} a batch of rows at a time, growing like the other row columns.
 * Each block's base is taken from its first value, HALF below it: deltas then cover that value
 * ± 9 hours for times, ± 32768 for ids, and only rows outside that become exceptions.
 *
 * Values come in as int32 bit patterns, -1 meaning "no value" (NO_TIME's pattern, and the ids'
 * "none"), and the arithmetic stays in int32: times past 2^30 would otherwise be heap numbers in
 * V8, which made this loop half as slow again.
 */
export class PackedColumnWriter {
  private readonly rows = new GrowableColumns<{ delta: Uint16Array }>({ delta: Uint16Array });
  private readonly blocks = new GrowableColumns<{ base: Int32Array }>({ base: Int32Array });
  private readonly exceptions = new GrowableColumns<{ row: Uint32Array; value: Uint32Array }>({
    row: Uint32Array,
    value: Uint32Array,
  });

  /** `none`: what a row without a value reads as (NO_TIME, or -1 for ids). */
  constructor(private readonly none: number) {}

  /** Ensures room for `n` rows in all. */
  reserve(n: number): void {
    this.rows.reserve(n);
    this.blocks.reserve(Math.ceil(n / PACK_STEP));
  }

  /**
   * Appends a row for each of `values` (int32 bit patterns): `values[i] + offset` as an unsigned
   * value, or no value where `values[i]` is -1. Runs for every row of a load.
   */
  append(values: Int32Array, offset = 0): void {
    const n = values.length;
    const first = this.addRows(n);
    const delta = this.rows.cols.delta;
    const bases = this.blocks.cols.base;
    // A block at a time, its base read once, and the rare exception out of line: this loop runs
    // for every row of a load, twice.
    for (let i = 0; i < n;) {
      const b = (first + i) >>> PACK_SHIFT;
      const stop = Math.min(n, ((b + 1) << PACK_SHIFT) - first);
      let base = bases[b];
      for (; i < stop; i++) {
        const raw = values[i];
        if (raw === -1) {
          delta[first + i] = PACK_NONE;
          continue;
        }
        const v = (raw + offset) | 0;
        if (base === UNSET) base = bases[b] = v >>> 0 > HALF ? (v - HALF) | 0 : 0;
        // In range when v ≥ base unsigned and v − base (exact once that holds) is below PACK_ESCAPE.
        const d = (v - base) | 0;
        if (d >= 0 && d < PACK_ESCAPE && v >>> 0 >= base >>> 0) delta[first + i] = d;
        else this.escape(first + i, v);
      }
    }
  }

  /** Row `r`'s value is out of its block's reach: kept aside. */
  private escape(r: number, v: number): void {
    this.rows.cols.delta[r] = PACK_ESCAPE;
    const k = this.exceptions.pushMany(1);
    this.exceptions.cols.row[k] = r;
    this.exceptions.cols.value[k] = v;
  }

  /** Appends `n` rows without a value. */
  appendNone(n: number): void {
    const first = this.addRows(n);
    this.rows.cols.delta.fill(PACK_NONE, first, first + n);
  }

  /** Takes row `r`'s value away (an exception it had stays listed, unread). */
  clear(r: number): void {
    this.rows.cols.delta[r] = PACK_NONE;
  }

  /** Forgets the rows from `n` on (a file that failed). The block holding row `n` keeps its base. */
  truncate(n: number): void {
    if (n >= this.rows.count) return;
    this.rows.count = n;
    this.blocks.count = Math.ceil(n / PACK_STEP);
    const rows = this.exceptions.cols.row;
    while (this.exceptions.count > 0 && rows[this.exceptions.count - 1] >= n) this.exceptions.count--;
  }

  /** The column as it stands (views, no copy). */
  view(): PackedColumn {
    const ex = this.exceptions.trimmed();
    const base = this.blocks.trimmed().base;
    return new PackedColumn(
      new Uint32Array(base.buffer, base.byteOffset, base.length),
      this.rows.trimmed().delta,
      ex.row,
      ex.value,
      this.none,
    );
  }

  /** Adds `n` rows, and the blocks they start (their base unset); returns the first row. */
  private addRows(n: number): number {
    const first = this.rows.pushMany(n);
    const blocks = Math.ceil((first + n) / PACK_STEP);
    if (blocks > this.blocks.count) {
      const k = this.blocks.pushMany(blocks - this.blocks.count);
      this.blocks.cols.base.fill(UNSET, k, blocks);
    }
    return first;
  }
}
