import type { FileWarning } from './file-problems';
import type { FileId } from './units';

export type Encoding = 'shift_jis' | 'utf-8';
/** How the encoding was chosen: a BOM, a content check, the user's choice, or the default for pure ASCII. */
export type EncodingSource = 'bom' | 'detected' | 'override' | 'default';
export type FileKind = 'service' | 'report';
/** Line-layout generation, by the server version that introduced it (log-format.md, "Line formats"). */
export type FormatGeneration = '1.26' | '1.27' | '1.88a';

/** What the engine learned about one input file. Small: one per file, not per line. */
export interface FileInfo {
  id: FileId;
  name: string;
  bytes: number;
  encoding: Encoding;
  encodingSource: EncodingSource;
  kind: FileKind;
  /** The newest layout seen in the file; null when no line had an envelope. */
  format: FormatGeneration | null;
  /** Debug level from the last service-start line, null if none was seen. */
  level: number | null;
  /**
   * Every level the file was written at, in order, each from the row its service start begins
   * (a restart at another level starts a new part: `3 → 1`). Empty when no start stated one.
   */
  levels: Array<{ row: number; level: number }>;
  /** Lines whose date does not exist (`2023/02/29`): kept, placed after the line before them. */
  impossibleDates: number;
  lines: number;
  unparsed: number;
  /** First row of this file in storage order; its rows are firstRow .. firstRow+lines-1. */
  firstRow: number;
  /** Where its first line starts in its bytes: 3 after a UTF-8 byte-order mark, else 0. */
  firstLineAt: number;
  /** Problems worth showing the user that did not stop the file from loading. */
  warnings: FileWarning[];
}
