/**
 * A time bin's label on a chart's axis: days for wide bins, month-day and minutes for narrow
 * ones. Times are the log's own naive server time, counted as UTC.
 */
export function binLabel(t: number, width: number): string {
  const iso = new Date(t * 1000).toISOString();
  return width >= 86400 ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}
