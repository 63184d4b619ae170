import { concatBytes } from '../lib/concat-bytes';
import type { RowSource } from '../model/log-index';
import { rowSpan } from './row-bytes';
import { buildRowViews, type DecodeFn } from './row-view';

export type ExportFormat = 'csv' | 'log';

export const CSV_HEADER = 'time,service,thread,jobId,kind,message,file,line\r\n';
/** Excel opens a UTF-8 CSV with Japanese text right only when it starts with a byte-order mark. */
export const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and a tab or CR can hide one):
 * such a cell gets a leading apostrophe, which spreadsheets show as text. Log lines are whatever a
 * stranger typed (OWASP, "CSV injection").
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(value: string | number): string {
  const text = neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows `ids` as CSV lines (no header), decoded. */
export function csvLines(index: RowSource, ids: Iterable<number>, decode: DecodeFn): string {
  let out = '';
  for (const v of buildRowViews(index, ids, decode)) {
    const [thread, jobId = ''] = v.thread.split('-');
    const kind = v.kind;
    out += [v.time, v.service, thread, jobId, kind, v.text, v.file, v.line].map(csvCell).join(',') + '\r\n';
  }
  return out;
}

/**
 * Rows `ids` as their original bytes, each with its own line ending as the file has it (CRLF, LF,
 * or none after a file's last line), a file's first row with its byte-order mark: every row of
 * one file, exported in order, gives back the file byte for byte. Nothing is decoded.
 */
export function logBytes(index: RowSource, ids: Iterable<number>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const r of ids) {
    const { file, start, next } = rowSpan(index, r);
    const bytes = index.fileBytes[file];
    const info = index.files[file];
    if (r === info.firstRow && info.firstLineAt > 0) parts.push(bytes.range(0, info.firstLineAt));
    parts.push(bytes.range(start, next));
  }
  return concatBytes(parts);
}
