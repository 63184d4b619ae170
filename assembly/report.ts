// The MTA report log's entries, read from bytes (line-scan.ts calls readReportLine for each line
// of a report log; LineScanner.parseReportBytes in src/ingest/line-scanner.ts reads a single line).
//
// The vendor documents only the fields of a report entry (date, sender, recipient, result code;
// shared/reference/log-format.md, "MTA report log"), not their layout. Our accepted layout is
// assumed ("Report log layout" under "Our decisions"): fields separated by tabs, commas or runs of
// spaces, and found by their SHAPE, so an extra column or a `[MTA]`-style prefix does not break it.
//
// Shapes (all assumed):
// - date-time: the first `YYYY/MM/DD HH:MM:SS` that stands as a field of its own;
// - address: a field holding an `@`, bare or wrapped in `<>`, or the bare `<>` (empty sender). The
//   first two are sender and recipient; later ones (a message-id column) are ignored. If only one
//   is found it is the recipient and the sender is empty. An empty field between two tab/comma
//   separators directly before the first address also stands for an empty sender;
// - code: a field `[-+]?\d{1,4}`; the first one after the recipient, else the last one before it.
// A line whose date is followed by a `[000]` / `[000-00000]` thread field is a service-log line
// (log-format.md, "Line formats") and is refused, so SMTP replies such as `250 <a@b>` in a level-3
// MTA log are not taken for report entries.

import { at, grow } from './bytes';
import { intern } from './strings';
import { NO_TIME, parseDateTime } from './time';

const TAB = 0x09;
const CR = 0x0d;
const SPACE = 0x20;
const COMMA = 0x2c;
const PLUS = 0x2b;
const MINUS = 0x2d;
const LT = 0x3c;
const GT = 0x3e;
const AT = 0x40;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
/** Length of the `YYYY/MM/DD HH:MM:SS` date-time. */
const DATE_LEN = 19;

/**
 * What parseReport found, as 7 i32: time (u32), then the sender, recipient and domain as
 * addresses in memory (sender start and end; recipient start and end; domain start, which ends
 * with the recipient), then the code. An empty sender has start == end.
 */
const fields = memory.data(7 * 4);

export function reportFields(): usize {
  return fields;
}

@inline
function isSeparator(c: i32): bool {
  return c == TAB || c == COMMA || c == SPACE || c == CR;
}

// ---- what parseReport found so far on the line (module state: parseReport is not reentrant) ----

/** Addresses found: 0, 1 (the sender, or the recipient if it stays alone) or 2. */
let addresses = 0;
let senderStart: usize = 0;
let senderEnd: usize = 0;
let recipientStart: usize = 0;
let recipientEnd: usize = 0;
let domainStart: usize = 0;
/** The last code-shaped field, and the one before the recipient / the first after it. */
let lastCode = 0;
let haveLastCode = false;
let codeBefore = 0;
let haveCodeBefore = false;
let codeAfter = 0;
let haveCodeAfter = false;

/** The field [fieldStart, fieldEnd) as the last scan saw it: its last `@`, angle brackets, non-ASCII bytes. */
let fieldAt: isize = -1;
let fieldAngles = 0;
let fieldHigh = false;

/**
 * Parses [start, end) (one line, no terminator) as a report entry: fills `fields` and returns
 * true, or returns false (leaving `fields` as they were). Never reads outside [start, end).
 */
export function parseReport(start: usize, end: usize): bool {
  let i = start;
  // A UTF-8 BOM may still sit on the first line if the caller did not strip it (assumed harmless).
  if (end - i >= 3 && at(i) == 0xef && at(i + 1) == 0xbb && at(i + 2) == 0xbf) i += 3;

  let time: u32 = NO_TIME;
  let afterDate = false; // the previous field was the date-time
  let hardSeparators = 0; // tabs/commas in the current separator run: 2+ means an empty field between
  let emptyField: isize = -1; // where an empty field seen before any address is, else -1
  addresses = 0;
  haveLastCode = haveCodeBefore = haveCodeAfter = false;

  while (i < end) {
    const c = at(i);
    if (c == TAB || c == COMMA) {
      hardSeparators++;
      i++;
      continue;
    }
    if (c == SPACE || c == CR) {
      i++;
      continue;
    }
    if (hardSeparators >= 2 && addresses == 0) emptyField = <isize>(i - 1);
    hardSeparators = 0;
    const fieldStart = i;

    if (time == NO_TIME && <u32>(c - 0x30) <= 9 && end - i >= <usize>DATE_LEN) {
      const t = parseDateTime(i);
      if (t != NO_TIME && (i + DATE_LEN == end || isSeparator(at(i + DATE_LEN)))) {
        time = t;
        i += DATE_LEN;
        afterDate = true;
        emptyField = -1;
        continue;
      }
    }

    const fieldEnd = scanField(i, end);
    i = fieldEnd;
    if (afterDate) {
      afterDate = false;
      if (isThreadField(fieldStart, fieldEnd)) return false;
    }
    const taken = takeAddress(fieldStart, fieldEnd, emptyField);
    if (taken == NOT_AN_ADDRESS) {
      emptyField = -1;
      takeCode(fieldStart, fieldEnd);
    } else if (taken == EMPTY_RECIPIENT) {
      return false;
    }
  }

  if (time == NO_TIME || addresses == 0) return false;
  if (addresses == 1) {
    if (senderStart == senderEnd) return false; // only `<>`: no recipient
    // A single address is the recipient; the sender was left out (assumed).
    recipientStart = senderStart;
    recipientEnd = senderEnd;
    senderEnd = senderStart;
  }
  let code: i32;
  if (haveCodeAfter) code = codeAfter;
  else if (haveCodeBefore) code = codeBefore;
  else return false;

  store<u32>(fields, time);
  store<u32>(fields, <u32>senderStart, 4);
  store<u32>(fields, <u32>senderEnd, 8);
  store<u32>(fields, <u32>recipientStart, 12);
  store<u32>(fields, <u32>recipientEnd, 16);
  store<u32>(fields, <u32>domainStart, 20);
  store<i32>(fields, code, 24);
  return true;
}

/**
 * Where the field starting at i ends, noting its last `@`, its angle brackets and whether it holds
 * non-ASCII bytes. Separator bytes are all below 0x40, so they never occur inside a Shift_JIS
 * double-byte character (trail bytes are 0x40-0xFC) nor inside a UTF-8 sequence: splitting is safe.
 */
function scanField(i: usize, end: usize): usize {
  fieldAt = -1;
  fieldAngles = 0;
  fieldHigh = false;
  while (i < end) {
    const d = at(i);
    if (isSeparator(d)) break;
    if (d == AT) fieldAt = <isize>i;
    else if (d == LT || d == GT) fieldAngles++;
    else if (d >= 0x80) fieldHigh = true;
    i++;
  }
  return i;
}

const NOT_AN_ADDRESS: i32 = 0;
const TAKEN: i32 = 1;
/** `<>` where the recipient should be: no delivery. */
const EMPTY_RECIPIENT: i32 = 2;

/**
 * Takes the field as the sender or the recipient if it has an address's shape: `<>`, `<…@…>` with
 * no other brackets, or a bare `…@…` with none. A third address (a message-id column) is skipped.
 */
function takeAddress(fieldStart: usize, fieldEnd: usize, emptyField: isize): i32 {
  let addressStart: usize;
  let addressEnd: usize;
  let atPos = fieldAt;
  if (at(fieldStart) == LT && at(fieldEnd - 1) == GT && fieldAngles == 2) {
    addressStart = fieldStart + 1;
    addressEnd = fieldEnd - 1;
    if (addressStart == addressEnd) atPos = -2; // `<>`: the empty address
  } else if (fieldAngles == 0) {
    addressStart = fieldStart;
    addressEnd = fieldEnd;
  } else {
    return NOT_AN_ADDRESS;
  }
  if (atPos >= 0 && fieldHigh) atPos = lastRealAt(addressStart, addressEnd);
  if (atPos == -1) return NOT_AN_ADDRESS;
  if (addresses == 0) {
    if (atPos == -2) {
      senderStart = senderEnd = addressStart;
      addresses = 1;
    } else if (emptyField >= 0) {
      senderStart = senderEnd = <usize>emptyField;
      recipientStart = addressStart;
      recipientEnd = addressEnd;
      domainStart = <usize>atPos + 1;
      addresses = 2;
    } else {
      senderStart = addressStart;
      senderEnd = addressEnd;
      domainStart = <usize>atPos + 1;
      addresses = 1;
    }
  } else if (addresses == 1) {
    if (atPos == -2) return EMPTY_RECIPIENT;
    recipientStart = addressStart;
    recipientEnd = addressEnd;
    domainStart = <usize>atPos + 1;
    addresses = 2;
  } else {
    return TAKEN; // a third address: an extra column such as a message-id
  }
  // A new recipient candidate: earlier codes now lie before it.
  codeBefore = lastCode;
  haveCodeBefore = haveLastCode;
  haveCodeAfter = false;
  return TAKEN;
}

/**
 * Takes the field as a code if it has a code's shape, `[-+]?\d{1,4}` as a whole field (`+0` is
 * written for delivered by some setups: assumed).
 */
function takeCode(fieldStart: usize, fieldEnd: usize): void {
  let p = fieldStart;
  const sign = at(p);
  if (sign == MINUS || sign == PLUS) p++;
  const digits = fieldEnd - p;
  if (digits < 1 || digits > 4) return;
  let value = 0;
  for (; p < fieldEnd; p++) {
    const d = at(p) - 0x30;
    if (d < 0 || d > 9) return;
    value = value * 10 + d;
  }
  if (sign == MINUS) value = -value;
  lastCode = value;
  haveLastCode = true;
  if (addresses > 0 && !haveCodeAfter) {
    codeAfter = value;
    haveCodeAfter = true;
  }
}

/** `[ddd]` or `[ddd-ddddd]`: the thread (and job) id of a service-log line. */
function isThreadField(ts: usize, te: usize): bool {
  if (te - ts < 3 || at(ts) != LBRACKET || at(te - 1) != RBRACKET) return false;
  for (let p = ts + 1; p < te - 1; p++) {
    const d = at(p);
    if (!(<u32>(d - 0x30) <= 9 || d == MINUS)) return false;
  }
  return true;
}

/**
 * The last `@` of [s, e) that is a real `@`, or -1. Slow path, only for fields with non-ASCII
 * bytes: in Shift_JIS the byte 0x40 is also a trail byte (e.g. the full-width space 0x81 0x40), so
 * Japanese text in an extra column could look like an address. If the field is valid UTF-8 every
 * 0x40 is an `@`; otherwise we walk it as Shift_JIS (CP932) and skip trail bytes.
 */
function lastRealAt(s: usize, e: usize): isize {
  let found: isize = -1;
  if (isUtf8(s, e)) {
    for (let p = s; p < e; p++) if (at(p) == AT) found = <isize>p;
    return found;
  }
  let p = s;
  while (p < e) {
    const c = at(p);
    if ((c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc)) p += 2;
    else {
      if (c == AT) found = <isize>p;
      p++;
    }
  }
  return found;
}

function isUtf8(s: usize, e: usize): bool {
  let p = s;
  while (p < e) {
    const c = at(p++);
    if (c < 0x80) continue;
    const more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0 || p + <usize>more > e) return false;
    for (let k = 0; k < more; k++) if ((at(p++) & 0xc0) != 0x80) return false;
  }
  return true;
}

// ---- a report log's entries, as the scan reads them ---------------------------------------------

/** i32 per entry: the line's index in the scan's output, sender, recipient, domain (string ids, -1 for none), code. */
export const ENTRY_FIELDS: i32 = 5;
let entries: usize = 0;
let entryCap: i32 = 0;
let entryCount: i32 = 0;

/** Forgets the entries (and, with `all`, their region: the heap was reset). */
export function resetEntries(all: bool): void {
  entryCount = 0;
  if (all) {
    entries = 0;
    entryCap = 0;
  }
}
export function entryCountNow(): i32 {
  return entryCount;
}
export function entryRows(): usize {
  return entries;
}

/** The time of the entry parseReport read last (IMPOSSIBLE_TIME when its date does not exist). */
export function reportTime(): u32 {
  return load<u32>(fields);
}

/**
 * Reads line `index` at [p, end) as a report entry: whether it is one. An entry is added to the
 * entries with its strings interned; its time is {@link reportTime}.
 */
export function readReportLine(p: usize, end: usize, index: i32): bool {
  if (!parseReport(p, end)) return false;
  if (entryCount == entryCap) {
    const cap = max(entryCap * 2, 4096);
    entries = grow(entries, <usize>(entryCount * ENTRY_FIELDS) << 2, <usize>(cap * ENTRY_FIELDS) << 2);
    entryCap = cap;
  }
  const e = entries + (<usize>(entryCount * ENTRY_FIELDS) << 2);
  store<i32>(e, index);
  store<i32>(e, senderEnd > senderStart ? intern(senderStart, senderEnd) : -1, 4);
  store<i32>(e, recipientEnd > recipientStart ? intern(recipientStart, recipientEnd) : -1, 8);
  store<i32>(e, recipientEnd > domainStart ? intern(domainStart, recipientEnd) : -1, 12);
  store<i32>(e, load<i32>(fields, 24), 16);
  entryCount++;
  return true;
}
