/**
 * One line of the MTA report log, read on its own. The reading itself is the WebAssembly
 * scanner's (assembly/report.ts, where the accepted layouts are described): a report log's lines
 * are read there as they are scanned, and this is the way in for a single line, for the tests
 * and for one-off use.
 */
import type { EpochSec } from '../model/units';
import { LineScanner } from './line-scanner';

/** Result of {@link parseReportLine}: absolute byte offsets into the caller's buffer. */
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

/**
 * Parses `b[start..end)` (one line, no terminator) as a report entry. Fills `out` and returns true,
 * or returns false (leaving `out` untouched) if the line is not a report entry. Offsets outside
 * `b` are clamped. It takes over the thread's scanner: not while a file is being scanned here.
 */
export function parseReportLine(b: Uint8Array, start: number, end: number, out: ReportFields): boolean {
  if (!(start >= 0)) start = 0;
  if (!(end <= b.length)) end = b.length;
  if (end <= start) return false;
  return new LineScanner().parseReportBytes(b.subarray(start, end), start, out);
}
