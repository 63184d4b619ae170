/** Number formatting shared by the panels. A fixed locale keeps counts stable across machines. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** Decimal megabytes, as disk sizes and throughput are usually quoted. */
export function formatMB(bytes: number): string {
  return `${oneDecimal.format(bytes / 1e6)} MB`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${integer.format(bytes)} B`;
  if (bytes < 1e6) return `${oneDecimal.format(bytes / 1e3)} kB`;
  return formatMB(bytes);
}

/** MB/s, or an em dash while too little time has passed for the figure to mean anything. */
export function formatThroughput(bytes: number, ms: number): string {
  if (!(ms > 0) || bytes === 0) return '—';
  return `${oneDecimal.format(bytes / 1e6 / (ms / 1000))} MB/s`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${integer.format(ms)} ms`;
  return `${oneDecimal.format(ms / 1000)} s`;
}
