import type { EpochSec } from '../model/units';

// The report log's timestamps, read in the engine. Service logs are read by the WebAssembly
// scanner, which has its own copy of this (assembly/line-scan.ts, parseDateTime): the two
// languages cannot share it. The fixtures and report tests pin both to the same results.

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Consecutive lines almost always share a date: remember the last one to skip the calendar math.
let cachedDateKey = -1;
let cachedDays = 0;

/**
 * Parses `YYYY/MM/DD HH:MM:SS` at `pos` straight from bytes, or returns -1.
 * The caller guarantees 19 readable bytes. Values are range-checked so a line of digits in the
 * right places but nonsense values (month 13) is not taken for a timestamp.
 */
export function parseDateTime(b: Uint8Array, p: number): EpochSec {
  if (b[p + 4] !== 0x2f || b[p + 7] !== 0x2f || b[p + 10] !== 0x20) return -1;
  if (b[p + 13] !== 0x3a || b[p + 16] !== 0x3a) return -1;
  // A byte below '0' gives a negative value, which `>>> 0` turns into a huge one.
  for (let i = 0; i < DIGIT_OFFSETS.length; i++) if ((b[p + DIGIT_OFFSETS[i]] - 48) >>> 0 > 9) return -1;
  const y = two(b, p) * 100 + two(b, p + 2);
  const mo = two(b, p + 5);
  const d = two(b, p + 8);
  const h = two(b, p + 11);
  const mi = two(b, p + 14);
  const s = two(b, p + 17);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return -1;
  const key = (y * 16 + mo) * 32 + d;
  if (key !== cachedDateKey) {
    cachedDays = daysFromCivil(y, mo, d);
    cachedDateKey = key;
  }
  return cachedDays * 86400 + h * 3600 + mi * 60 + s;
}

const DIGIT_OFFSETS = Uint8Array.of(0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18);
const two = (b: Uint8Array, i: number) => (b[i] - 48) * 10 + b[i + 1] - 48;
