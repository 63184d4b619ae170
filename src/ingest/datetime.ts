import type { EpochSec } from '../model/units';

const D0 = 0x30;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function digit(b: number): number {
  const v = b - D0;
  return v >= 0 && v <= 9 ? v : -100000;
}

/**
 * Parses `YYYY/MM/DD HH:MM:SS` at `pos` straight from bytes, or returns -1.
 * The caller guarantees 19 readable bytes. Values are range-checked so a line of digits in the
 * right places but nonsense values (month 13) is not taken for a timestamp.
 */
export function parseDateTime(b: Uint8Array, pos: number): EpochSec {
  if (b[pos + 4] !== 0x2f || b[pos + 7] !== 0x2f || b[pos + 10] !== 0x20) return -1;
  if (b[pos + 13] !== 0x3a || b[pos + 16] !== 0x3a) return -1;
  const y = digit(b[pos]) * 1000 + digit(b[pos + 1]) * 100 + digit(b[pos + 2]) * 10 + digit(b[pos + 3]);
  const mo = digit(b[pos + 5]) * 10 + digit(b[pos + 6]);
  const d = digit(b[pos + 8]) * 10 + digit(b[pos + 9]);
  const h = digit(b[pos + 11]) * 10 + digit(b[pos + 12]);
  const mi = digit(b[pos + 14]) * 10 + digit(b[pos + 15]);
  const s = digit(b[pos + 17]) * 10 + digit(b[pos + 18]);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59) return -1;
  if (s < 0 || s > 60) return -1;
  return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}
