/** What every chart of the page draws alike: its time and count axes, its time brush. */
import { formatCount } from '../format';

/**
 * A time bin's label on a chart's axis: days for wide bins, month-day and minutes for narrow
 * ones. Times are the log's own naive server time, counted as UTC.
 */
export function binLabel(t: number, width: number): string {
  const iso = new Date(t * 1000).toISOString();
  return width >= 86400 ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** The props of a chart's count axis: whole numbers, grouped digits. */
export const COUNT_AXIS = {
  width: 48,
  fontSize: 11,
  allowDecimals: false,
  tickFormatter: (n: number) => formatCount(n),
} as const;

/** The props of a chart's time axis over bins `width` seconds wide (data key `t`). */
export const timeAxis = (width: number) => ({
  dataKey: 't',
  fontSize: 11,
  minTickGap: 40,
  tickFormatter: (t: number) => binLabel(t, width),
});

/**
 * The props of a brush over bins starting at `from`, `width` seconds wide: dragging its ends
 * calls `onRange` with the time range they cover (`to` excluded).
 */
export const timeBrush = (from: number, width: number, onRange: (from: number, to: number) => void) => ({
  dataKey: 't',
  height: 16,
  travellerWidth: 8,
  tickFormatter: (t: number) => binLabel(t, width),
  onDragEnd: (range: unknown) => {
    const { startIndex, endIndex } = range as { startIndex?: number; endIndex?: number };
    if (startIndex === undefined || endIndex === undefined) return;
    onRange(from + startIndex * width, from + (endIndex + 1) * width);
  },
});
