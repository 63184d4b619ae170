import type { FileKind } from '../model/file-info';
import { newEnvelope, parseEnvelope } from './envelope';
import { newReportFields, parseReportLine } from './report-line';

/**
 * A report log is recognised by content, never by name (log-format.md, "Files"): it is one if
 * more than half of its first `sample` non-empty lines read as report entries and they outnumber
 * the lines with a service-log envelope (assumed rule). `newlines` holds the first `lineCount`
 * newline positions of `work`; bytes after the last one count as a line too.
 */
export function detectKind(
  work: Uint8Array,
  newlines: Uint32Array,
  lineCount: number,
  sample: number,
): FileKind {
  const env = newEnvelope();
  const rep = newReportFields();
  let lines = 0;
  let reports = 0;
  let envelopes = 0;
  let pos = 0;
  for (let i = 0; i <= lineCount && lines < sample && pos < work.length; i++) {
    const nl = i < lineCount ? newlines[i] : work.length;
    const end = nl > pos && work[nl - 1] === 0x0d ? nl - 1 : nl;
    if (end > pos) {
      lines++;
      if (parseReportLine(work, pos, end, rep)) reports++;
      else if (parseEnvelope(work, pos, end, env)) envelopes++;
    }
    pos = nl + 1;
  }
  return reports * 2 > lines && reports > envelopes ? 'report' : 'service';
}
