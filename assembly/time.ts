// Timestamps: `YYYY/MM/DD HH:MM:SS` as seconds since 1970 (log-format.md, "Line formats"), for
// service lines (line-scan.ts) and report entries (report.ts) alike.

import { at, isDigit } from './bytes';

export const NO_TIME: u32 = 0xffffffff;
/**
 * The line has the shape of a date-time, but no such moment exists (`2023/02/29`, `2024/13/45
 * 25:61:61`, a year past 2105, where seconds since 1970 leave 32 bits). Callers keep the line's
 * fields and place it after the line before it (README, "Impossible dates").
 */
export const IMPOSSIBLE_TIME: u32 = 0xfffffffe;
/** The last year whose seconds since 1970 fit in 32 bits (2106-02-07 does not). */
const LAST_YEAR: i32 = 2105;

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

/**
 * `YYYY/MM/DD HH:MM:SS` at p (19 readable bytes) as seconds since 1970; NO_TIME when the bytes do
 * not have that shape, IMPOSSIBLE_TIME when they do but name no real moment.
 */
export function parseDateTime(p: usize): u32 {
  const date = load<u64>(p);
  const tail = load<u16>(p, 8);
  if (cachedDays < 0 || date != cachedDate || tail != cachedDateTail) {
    const days = parseDate(p);
    if (days == NOT_A_DATE) return NO_TIME;
    if (days == IMPOSSIBLE_DATE) return isTimeShape(p) ? IMPOSSIBLE_TIME : NO_TIME;
    cachedDate = date;
    cachedDateTail = tail;
    cachedDays = days;
  }
  if (!isTimeShape(p)) return NO_TIME;
  const h = two(p + 11);
  const mi = two(p + 14);
  const s = two(p + 17);
  if (h > 23 || mi > 59 || s > 60) return IMPOSSIBLE_TIME;
  return <u32>cachedDays * 86400 + <u32>(h * 3600 + mi * 60 + s);
}

/** Whether ` HH:MM:SS` follows the date at p: digits and separators, values unchecked. */
function isTimeShape(p: usize): bool {
  if (at(p + 10) != 0x20 || at(p + 13) != 0x3a || at(p + 16) != 0x3a) return false;
  if (!isDigit(at(p + 11)) || !isDigit(at(p + 12)) || !isDigit(at(p + 14)) || !isDigit(at(p + 15))) return false;
  return isDigit(at(p + 17)) && isDigit(at(p + 18));
}

const NOT_A_DATE: i32 = -1;
const IMPOSSIBLE_DATE: i32 = -2;

/**
 * Days since 1970 of `YYYY/MM/DD` at p; NOT_A_DATE when the bytes are not of that shape,
 * IMPOSSIBLE_DATE when they are but the day does not exist (month 13, February 29 of 2023, a year
 * outside 1970..2105).
 */
function parseDate(p: usize): i32 {
  if (at(p + 4) != 0x2f || at(p + 7) != 0x2f) return NOT_A_DATE;
  if (!isDigit(at(p)) || !isDigit(at(p + 1)) || !isDigit(at(p + 2)) || !isDigit(at(p + 3))) return NOT_A_DATE;
  if (!isDigit(at(p + 5)) || !isDigit(at(p + 6)) || !isDigit(at(p + 8)) || !isDigit(at(p + 9))) return NOT_A_DATE;
  const y = two(p) * 100 + two(p + 2);
  const mo = two(p + 5);
  const d = two(p + 8);
  if (y < 1970 || y > LAST_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return IMPOSSIBLE_DATE;
  return daysFromCivil(y, mo, d);
}

function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

