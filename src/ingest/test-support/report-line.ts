/**
 * One line of the MTA report log, read on its own, for the tests. The reading itself is the
 * WebAssembly scanner's (assembly/report.ts, where the accepted layouts are described): the app
 * reads a report log's lines there as they are scanned.
 */
import { LineScanner, type ReportFields } from '../line-scanner';

export type { ReportFields };

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
