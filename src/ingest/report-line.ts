/**
 * One line of the MTA report log, parsed straight from bytes.
 *
 * The vendor documents only the fields of a report entry (date, sender, recipient, result code;
 * shared/reference/log-format.md, "MTA report log"), not their layout. Our accepted layout is
 * assumed ("Report log layout" under "Our decisions"): fields separated by tabs, commas or runs of
 * spaces, and found by their SHAPE, so an extra column or a `[MTA]`-style prefix does not break it.
 *
 * This runs over hundreds of MB, so it is one pass over the bytes with integer state and creates no
 * strings or objects; the caller passes a reusable {@link ReportFields}.
 */
import type { EpochSec } from '../model/units';
import { parseDateTime } from './datetime';

/** Scratch result of {@link parseReportLine}: absolute byte offsets into the caller's buffer. */
export interface ReportFields {
  time: EpochSec;
  /** The sender without its `<>`; an empty sender has senderStart === senderEnd. */
  senderStart: number;
  senderEnd: number;
  /** The recipient without its `<>`; never empty on success. */
  recipientStart: number;
  recipientEnd: number;
  /** Just after the recipient's last `@`: the domain is domainStart .. recipientEnd. */
  domainStart: number;
  code: number;
}

export function newReportFields(): ReportFields {
  return {
    time: 0,
    senderStart: 0,
    senderEnd: 0,
    recipientStart: 0,
    recipientEnd: 0,
    domainStart: 0,
    code: 0,
  };
}

const TAB = 0x09;
const CR = 0x0d;
const SPACE = 0x20;
const COMMA = 0x2c;
const MINUS = 0x2d;
const D0 = 0x30;
const D9 = 0x39;
const LT = 0x3c;
const GT = 0x3e;
const AT = 0x40;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

/** Length of the `YYYY/MM/DD HH:MM:SS` date-time (log-format.md, "Line formats"). */
const DATE_LEN = 19;

/**
 * Parses `b[start..end)` (one line, no terminator) as a report entry. Fills `out` and returns true,
 * or returns false (leaving `out` untouched) if the line is not a report entry. Never reads outside
 * [start, end) and never throws on malformed bytes.
 *
 * Shapes (all assumed, see the module comment):
 * - date-time: the first `YYYY/MM/DD HH:MM:SS` that stands as a field of its own;
 * - address: a field holding an `@`, bare or wrapped in `<>`, or the bare `<>` (empty sender). The
 *   first two are sender and recipient; later ones (a message-id column) are ignored. If only one
 *   is found it is the recipient and the sender is empty. An empty field between two tab/comma
 *   separators directly before the first address also stands for an empty sender;
 * - code: a field `-?\d{1,4}`; the first one after the recipient, else the last one before it.
 * A line whose date is followed by a `[000]` / `[000-00000]` thread field is a service-log line
 * (log-format.md, "Line formats") and is refused, so SMTP replies such as `250 <a@b>` in a level-3
 * MTA log are not taken for report entries.
 */
export function parseReportLine(b: Uint8Array, start: number, end: number, out: ReportFields): boolean {
  if (!(start >= 0)) start = 0;
  if (!(end <= b.length)) end = b.length;
  let i = start;
  // A UTF-8 BOM may still sit on the first line if the caller did not strip it (assumed harmless).
  if (end - i >= 3 && b[i] === 0xef && b[i + 1] === 0xbb && b[i + 2] === 0xbf) i += 3;

  let time = -1;
  let afterDate = false; // the previous field was the date-time
  let hardSeps = 0; // tabs/commas in the current separator run: 2+ means an empty field between
  let emptyField = -1; // offset of an empty field seen before any address, else -1
  let addrs = 0;
  let sS = 0;
  let sE = 0;
  let rS = 0;
  let rE = 0;
  let dS = 0;
  let lastInt = 0;
  let haveLast = false;
  let before = 0;
  let haveBefore = false;
  let after = 0;
  let haveAfter = false;

  while (i < end) {
    const c = b[i];
    if (c === TAB || c === COMMA) {
      hardSeps++;
      i++;
      continue;
    }
    if (c === SPACE || c === CR) {
      i++;
      continue;
    }
    if (hardSeps >= 2 && addrs === 0) emptyField = i - 1;
    hardSeps = 0;
    const ts = i;

    if (time < 0 && c >= D0 && c <= D9 && end - i >= DATE_LEN) {
      const t = parseDateTime(b, i);
      if (t >= 0 && (i + DATE_LEN === end || isSeparator(b[i + DATE_LEN]))) {
        time = t;
        i += DATE_LEN;
        afterDate = true;
        emptyField = -1;
        continue;
      }
    }

    // One field: note its last `@`, its angle brackets and whether it holds non-ASCII bytes.
    // Separator bytes are all below 0x40, so they never occur inside a Shift_JIS double-byte
    // character (trail bytes are 0x40-0xFC) nor inside a UTF-8 sequence: splitting is safe.
    let at = -1;
    let angles = 0;
    let high = false;
    while (i < end) {
      const d = b[i];
      if (d === TAB || d === COMMA || d === SPACE || d === CR) break;
      if (d === AT) at = i;
      else if (d === LT || d === GT) angles++;
      else if (d >= 0x80) high = true;
      i++;
    }
    const te = i;

    if (afterDate) {
      afterDate = false;
      if (isThreadField(b, ts, te)) return false;
    }

    // Address shapes: `<>`, `<…@…>` with no other brackets, or a bare `…@…` with none.
    let aS = -1;
    let aE = -1;
    if (c === LT && b[te - 1] === GT && angles === 2) {
      aS = ts + 1;
      aE = te - 1;
      if (aS === aE) at = -2; // `<>`: the empty address
    } else if (angles === 0) {
      aS = ts;
      aE = te;
    }
    if (aS >= 0 && at >= 0 && high) at = lastRealAt(b, aS, aE);
    if (aS >= 0 && at !== -1) {
      if (addrs === 0) {
        if (at === -2) {
          sS = sE = aS;
          addrs = 1;
        } else if (emptyField >= 0) {
          sS = sE = emptyField;
          rS = aS;
          rE = aE;
          dS = at + 1;
          addrs = 2;
        } else {
          sS = aS;
          sE = aE;
          dS = at + 1;
          addrs = 1;
        }
      } else if (addrs === 1) {
        if (at === -2) return false; // an empty recipient is no delivery
        rS = aS;
        rE = aE;
        dS = at + 1;
        addrs = 2;
      } else {
        continue; // a third address: an extra column such as a message-id
      }
      // A new recipient candidate: earlier codes now lie before it.
      before = lastInt;
      haveBefore = haveLast;
      haveAfter = false;
      continue;
    }
    emptyField = -1;

    // Code shape: -?\d{1,4} as a whole field.
    let p = ts;
    let neg = false;
    if (c === MINUS) {
      neg = true;
      p++;
    }
    const n = te - p;
    if (n >= 1 && n <= 4) {
      let v = 0;
      while (p < te) {
        const d = b[p] - D0;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
        p++;
      }
      if (p === te) {
        if (neg) v = -v;
        lastInt = v;
        haveLast = true;
        if (addrs > 0 && !haveAfter) {
          after = v;
          haveAfter = true;
        }
      }
    }
  }

  if (time < 0 || addrs === 0) return false;
  if (addrs === 1) {
    if (sS === sE) return false; // only `<>`: no recipient
    // A single address is the recipient; the sender was left out (assumed).
    rS = sS;
    rE = sE;
    sE = sS;
  }
  let code: number;
  if (haveAfter) code = after;
  else if (haveBefore) code = before;
  else return false;

  out.time = time;
  out.senderStart = sS;
  out.senderEnd = sE;
  out.recipientStart = rS;
  out.recipientEnd = rE;
  out.domainStart = dS;
  out.code = code;
  return true;
}

function isSeparator(c: number): boolean {
  return c === TAB || c === COMMA || c === SPACE || c === CR;
}

/** `[ddd]` or `[ddd-ddddd]`: the thread (and job) id of a service-log line. */
function isThreadField(b: Uint8Array, ts: number, te: number): boolean {
  if (te - ts < 3 || b[ts] !== LBRACKET || b[te - 1] !== RBRACKET) return false;
  for (let p = ts + 1; p < te - 1; p++) {
    const d = b[p];
    if (!((d >= D0 && d <= D9) || d === MINUS)) return false;
  }
  return true;
}

/**
 * The last `@` of `b[s..e)` that is a real `@`, or -1. Slow path, only for fields with non-ASCII
 * bytes: in Shift_JIS the byte 0x40 is also a trail byte (e.g. the full-width space 0x81 0x40), so
 * Japanese text in an extra column could look like an address. If the field is valid UTF-8 every
 * 0x40 is an `@`; otherwise we walk it as Shift_JIS (CP932) and skip trail bytes.
 */
function lastRealAt(b: Uint8Array, s: number, e: number): number {
  let at = -1;
  if (isUtf8(b, s, e)) {
    for (let p = s; p < e; p++) if (b[p] === AT) at = p;
    return at;
  }
  let p = s;
  while (p < e) {
    const c = b[p];
    if ((c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc)) p += 2;
    else {
      if (c === AT) at = p;
      p++;
    }
  }
  return at;
}

function isUtf8(b: Uint8Array, s: number, e: number): boolean {
  let p = s;
  while (p < e) {
    const c = b[p++];
    if (c < 0x80) continue;
    const more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0 || p + more > e) return false;
    for (let k = 0; k < more; k++) if ((b[p++] & 0xc0) !== 0x80) return false;
  }
  return true;
}
