import type { EpochSec } from '../model/units';

/** Formats an {@link EpochSec} back to the log's own `YYYY/MM/DD HH:MM:SS`. */
export function formatDateTime(t: EpochSec): string {
  const dt = new Date(t * 1000);
  const p = (n: number) => (n < 10 ? '0' + n : String(n));
  return (
    `${dt.getUTCFullYear()}/${p(dt.getUTCMonth() + 1)}/${p(dt.getUTCDate())} ` +
    `${p(dt.getUTCHours())}:${p(dt.getUTCMinutes())}:${p(dt.getUTCSeconds())}`
  );
}
