import { LineKind } from '../model/line-kind';
import { NO_TIME } from '../model/units';
import type { ScannedLines } from './line-scanner';
import type { ReportBatch } from './parsed-batch';
import { newReportFields, parseReportLine } from './report-line';
import { ByteInterner } from './string-table';

/**
 * Reads a report log's entries in the parse worker, batch by batch: the index builder then only
 * copies them, instead of reading every entry on its own thread after every other file.
 * Addresses are interned here, as bytes, with ids local to the file; each batch hands over the
 * strings first seen in it.
 */
export class ReportReader {
  private readonly strings = new ByteInterner();
  private stringsSent = 0;
  private readonly fields = newReportFields();

  /**
   * The entries of `lines`, whose offsets are file offsets and whose bytes are in `bytes` from
   * file offset `base` on. Rewrites the lines' columns for a report log: kind Report (or Unparsed)
   * with the entry's time, no tag, detail or session.
   */
  read(lines: ScannedLines, bytes: Uint8Array, base: number): ReportBatch {
    const n = lines.count;
    const buf = new ArrayBuffer(n * 4 * 5);
    const line = new Uint32Array(buf, 0, n);
    const sender = new Int32Array(buf, n * 4, n);
    const recipient = new Int32Array(buf, n * 8, n);
    const domain = new Int32Array(buf, n * 12, n);
    const code = new Int32Array(buf, n * 16, n);
    const e = this.fields;
    let k = 0;
    for (let i = 0; i < n; i++) {
      lines.tag[i] = 0;
      lines.detail[i] = 0;
      lines.session[i] = -1;
      if (!parseReportLine(bytes, lines.offset[i] - base, lines.end[i] - base, e)) {
        lines.kind[i] = LineKind.Unparsed;
        lines.time[i] = NO_TIME;
        continue;
      }
      lines.kind[i] = LineKind.Report;
      lines.time[i] = e.time;
      line[k] = i;
      sender[k] = this.intern(bytes, e.senderStart, e.senderEnd);
      recipient[k] = this.intern(bytes, e.recipientStart, e.recipientEnd);
      domain[k] = this.intern(bytes, e.domainStart, e.recipientEnd);
      code[k] = e.code;
      k++;
    }
    const newStrings = this.strings.since(this.stringsSent);
    this.stringsSent = this.strings.count;
    return { count: k, line, sender, recipient, domain, code, newStrings };
  }

  /** -1 for an empty range (an empty sender, a domain-less address). */
  private intern(b: Uint8Array, start: number, end: number): number {
    return end > start ? this.strings.intern(b, start, end) : -1;
  }
}
