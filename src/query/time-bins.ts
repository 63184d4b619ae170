import type { LogIndex } from '../model/log-index';
import { NO_TIME } from '../model/units';

/** Matching lines over time: counts[k] lines from `from + k × width` on. */
export interface TimeBins {
  from: number;
  width: number;
  counts: number[];
}

/** Bars the histogram aims at: enough to see a burst, few enough to count in one pass. */
const TARGET_BINS = 120;
/** Bin widths people read at a glance, in seconds. */
const NICE_WIDTHS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400];

const ranges = new WeakMap<LogIndex, { min: number; max: number } | null>();

/** The earliest and latest time of the index's lines (null when none has one), computed once. */
function timeRange(index: LogIndex): { min: number; max: number } | null {
  let range = ranges.get(index);
  if (range === undefined) {
    range = index.rows.time.valueRange();
    ranges.set(index, range);
  }
  return range;
}

/** Empty bins fitted to [from, to]: a nice width, starting on a multiple of it. */
export function emptyBins(from: number, to: number): TimeBins {
  const span = Math.max(1, to - from + 1);
  const width = NICE_WIDTHS.find((w) => span / w <= TARGET_BINS) ?? Math.ceil(span / TARGET_BINS);
  const start = Math.floor(from / width) * width;
  return {
    from: start,
    width,
    counts: Array.from({ length: Math.floor((to - start) / width) + 1 }, () => 0),
  };
}

/** Bins for a filter's time range, or the whole index's; undefined when no line has a time. */
export function binsFor(
  index: LogIndex,
  from: number | undefined,
  to: number | undefined,
): TimeBins | undefined {
  const range = timeRange(index);
  if (!range) return undefined;
  const lo = Math.max(range.min, from ?? range.min);
  const hi = Math.min(range.max, to === undefined ? range.max : to - 1);
  return hi < lo ? undefined : emptyBins(lo, hi);
}

/** Counts a line's time into `bins` (nothing for a line without a time or out of range). */
export function countTime(bins: TimeBins, t: number): void {
  if (t === NO_TIME) return;
  const k = Math.floor((t - bins.from) / bins.width);
  if (k >= 0 && k < bins.counts.length) bins.counts[k]++;
}
