/** Rows sharing one base in a {@link PackedColumn}. */
export const PACK_STEP = 16;
/** log2(PACK_STEP): a row's block is `r >>> PACK_SHIFT`. */
export const PACK_SHIFT = 4;
/** A row's delta when it has no value. */
export const PACK_NONE = 0xffff;
/** A row's delta when its value is too far from its block's base: the value is an exception. */
export const PACK_ESCAPE = 0xfffe;

/**
 * A column of 32-bit values in 2.25 bytes a row instead of 4: each PACK_STEP rows share a 32-bit
 * base, and each row keeps a 16-bit delta from it. The values it is made for (times in seconds,
 * session ids) move little across 16 neighbouring lines of a file, so a value out of its block's
 * range (a clock jump, a session opened long before) is rare: it is kept aside, in row order, and
 * found by binary search. At 16 million rows this saves 28 MB a column.
 */
export class PackedColumn {
  constructor(
    /** Per block of PACK_STEP rows: what its rows' deltas add to. */
    readonly base: Uint32Array,
    /** Per row: value − base, or PACK_NONE, or PACK_ESCAPE. */
    readonly delta: Uint16Array,
    /** Rows whose delta is PACK_ESCAPE, ascending, and their values. */
    readonly exceptionRow: Uint32Array,
    readonly exceptionValue: Uint32Array,
    /** What a row without a value reads as (NO_TIME, or -1 for ids). */
    readonly none: number,
  ) {}

  get length(): number {
    return this.delta.length;
  }

  at(r: number): number {
    const d = this.delta[r];
    if (d < PACK_ESCAPE) return this.base[r >>> PACK_SHIFT] + d;
    return d === PACK_NONE ? this.none : this.exception(r);
  }

  /**
   * The least and greatest value of the column, rows without one left out; null when no row has
   * one. Block by block on the 16-bit deltas, and the exceptions apart: no row's value is made.
   */
  valueRange(): { min: number; max: number } | null {
    const { base, delta } = this;
    let min = Infinity;
    let max = -Infinity;
    for (let b = 0; b < base.length; b++) {
      let lo = PACK_ESCAPE;
      let hi = -1;
      const end = Math.min(delta.length, (b + 1) << PACK_SHIFT);
      for (let r = b << PACK_SHIFT; r < end; r++) {
        const d = delta[r];
        if (d >= PACK_ESCAPE) continue;
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
      if (hi < 0) continue;
      min = Math.min(min, base[b] + lo);
      max = Math.max(max, base[b] + hi);
    }
    this.exceptionRow.forEach((r, k) => {
      // A row whose value was taken away keeps its listed exception, unread.
      if (this.delta[r] !== PACK_ESCAPE) return;
      min = Math.min(min, this.exceptionValue[k]);
      max = Math.max(max, this.exceptionValue[k]);
    });
    return min <= max ? { min, max } : null;
  }

  private exception(r: number): number {
    const rows = this.exceptionRow;
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    if (rows[lo] !== r) throw new Error(`packed column: row ${r} has no exception`);
    return this.exceptionValue[lo];
  }
}
