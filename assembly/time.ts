// Timestamps: `YYYY/MM/DD HH:MM:SS` as seconds since 1970 (log-format.md, "Line formats"), for
// service lines (line-scan.ts) and report entries (report.ts) alike.

import { at, isDigit } from './bytes';

export const NO_TIME: u32 = 0xffffffff;

@inline
function two(p: usize): i32 {
  return (at(p) - 48) * 10 + at(p + 1) - 48;
}

/** Days from 1970-01-01 (Howard Hinnant's days_from_civil); y ≥ 1970 here, so no negative eras. */
function daysFromCivil(y: i32, m: i32, d: i32): i32 {
  y -= m <= 2 ? 1 : 0;
  const era = y / 400;
  const yoe = y - era * 400;
  const doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/** The last date seen (`YYYY/MM/DD`, as 10 raw bytes) and its day number: consecutive lines share it. */
let cachedDate: u64 = 0;
let cachedDateTail: u16 = 0;
let cachedDays: i32 = -1;

/** Forgets the cached date (a new file). */
export function resetTime(): void {
  cachedDays = -1;
}

/** `YYYY/MM/DD HH:MM:SS` at p (19 readable bytes) as seconds since 1970, or NO_TIME. */
export function parseDateTime(p: usize): u32 {
  const date = load<u64>(p);
  const tail = load<u16>(p, 8);
  if (cachedDays < 0 || date != cachedDate || tail != cachedDateTail) {
    const days = parseDate(p);
    if (days < 0) return NO_TIME;
    cachedDate = date;
    cachedDateTail = tail;
    cachedDays = days;
  }
  if (at(p + 10) != 0x20 || at(p + 13) != 0x3a || at(p + 16) != 0x3a) return NO_TIME;
  if (!isDigit(at(p + 11)) || !isDigit(at(p + 12)) || !isDigit(at(p + 14)) || !isDigit(at(p + 15))) return NO_TIME;
  if (!isDigit(at(p + 17)) || !isDigit(at(p + 18))) return NO_TIME;
  const h = two(p + 11);
  const mi = two(p + 14);
  const s = two(p + 17);
  if (h > 23 || mi > 59 || s > 60) return NO_TIME;
  return <u32>cachedDays * 86400 + <u32>(h * 3600 + mi * 60 + s);
}

/** Days since 1970 of `YYYY/MM/DD` at p, or -1. Values are range-checked: month 13 is no date. */
function parseDate(p: usize): i32 {
  if (at(p + 4) != 0x2f || at(p + 7) != 0x2f) return -1;
  if (!isDigit(at(p)) || !isDigit(at(p + 1)) || !isDigit(at(p + 2)) || !isDigit(at(p + 3))) return -1;
  if (!isDigit(at(p + 5)) || !isDigit(at(p + 6)) || !isDigit(at(p + 8)) || !isDigit(at(p + 9))) return -1;
  const y = two(p) * 100 + two(p + 2);
  const mo = two(p + 5);
  const d = two(p + 8);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
  return daysFromCivil(y, mo, d);
}

