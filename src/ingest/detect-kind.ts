import { LineKind } from '../model/line-kind';
import type { FileKind } from '../model/file-info';
import type { ScannedLines } from './line-scanner';
import { newReportFields, parseReportLine } from './report-line';

/**
 * A report log is recognised by content, never by name (log-format.md, "Files"): it is one if
 * more than half of its first `sample` non-empty lines read as report entries and they outnumber
 * the lines with a service-log envelope (assumed rule). `lines` are the first lines of `work` as
 * the service scanner read them; `base` is the file offset of `work[0]`.
 */
export function detectKind(work: Uint8Array, base: number, lines: ScannedLines, sample: number): FileKind {
  const rep = newReportFields();
  let seen = 0;
  let reports = 0;
  let envelopes = 0;
  for (let i = 0; i < lines.count && seen < sample; i++) {
    const start = lines.offset[i] - base;
    const end = lines.end[i] - base;
    if (end === start) continue;
    seen++;
    if (parseReportLine(work, start, end, rep)) reports++;
    else if (lines.kind[i] !== LineKind.Unparsed) envelopes++;
  }
  return reports * 2 > seen && reports > envelopes ? 'report' : 'service';
}
