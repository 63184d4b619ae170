import type { LogIndex } from '../model/log-index';
import type { Summary } from './types';

/** The files of an index as the summary lists them. */
export function summarizeFiles(index: Pick<LogIndex, 'files'>): Summary['files'] {
  return index.files.map((f) => ({
    name: f.name,
    encoding: f.encoding,
    encodingSource: f.encodingSource,
    kind: f.kind,
    format: f.format,
    level: f.level,
    levels: f.levels.map((part) => part.level),
    impossibleDates: f.impossibleDates,
    lines: f.lines,
    unparsed: f.unparsed,
    warnings: f.warnings,
  }));
}
