import { LineKind } from '../model/line-kind';
import type { FileKind } from '../model/file-info';
import type { ScannedLines } from './line-scanner';

/**
 * A report log is recognised by content, never by name (log-format.md, "Files"): it is one if
 * more than half of its first `sample` non-empty lines read as report entries and they outnumber
 * the lines with a service-log envelope (assumed rule). `lines` are the first lines as the service
 * scanner read them; `isReportLine` tells whether the line at those file offsets is an entry.
 */
export function detectKind(
  lines: ScannedLines,
  sample: number,
  isReportLine: (start: number, end: number) => boolean,
): FileKind {
  let seen = 0;
  let reports = 0;
  let envelopes = 0;
  for (let i = 0; i < lines.count && seen < sample; i++) {
    const start = lines.offset[i];
    const end = lines.end[i];
    if (end === start) continue;
    seen++;
    if (isReportLine(start, end)) reports++;
    else if (lines.kind[i] !== LineKind.Unparsed) envelopes++;
  }
  return reports * 2 > seen && reports > envelopes ? 'report' : 'service';
}
