import { verbOfDetail } from '../model/command-verbs';
import { LINE_KIND_NAMES, LineKind, formatReplyCode, type LineKind as Kind } from '../model/line-kind';
import type { RowSource } from '../model/log-index';
import { fileOfRow, rowBytes } from './row-bytes';
import type { RowView } from './types';

export type DecodeFn = (bytes: Uint8Array, fileId: number) => string;

/** Where the message starts after `[TAG] YYYY/MM/DD HH:MM:SS ` and an optional `[thread]`. */
export function splitEnvelope(line: Uint8Array): { thread: string; msgStart: number } {
  let i = line.indexOf(0x5d); // end of the tag
  if (i < 0) return { thread: '', msgStart: 0 };
  i += 2 + 19;
  if (i >= line.length) return { thread: '', msgStart: Math.min(i, line.length) };
  i++;
  if (line[i] === 0x5b) {
    const close = line.indexOf(0x5d, i);
    if (close > i && close - i <= 14) {
      const inner = line.subarray(i + 1, close);
      if (inner.every((c) => (c >= 0x30 && c <= 0x39) || c === 0x2d)) {
        const thread = String.fromCharCode(...inner);
        return { thread, msgStart: line[close + 1] === 0x20 ? close + 2 : close + 1 };
      }
    }
  }
  return { thread: '', msgStart: i };
}

/** How far into a line its date-time is looked for: a report line may have a column before it. */
const DATE_SEARCH_BYTES = 128;
const DATE_SHAPE = 'dddd/dd/dd dd:dd:dd';

/**
 * The line's first `YYYY/MM/DD HH:MM:SS`, as written. The table shows this rather than the time
 * column, which holds the line before's time for a date that does not exist (`2023/02/29`).
 */
export function writtenDateTime(line: Uint8Array): string {
  const last = Math.min(line.length, DATE_SEARCH_BYTES) - DATE_SHAPE.length;
  for (let i = 0; i <= last; i++) {
    let k = 0;
    for (; k < DATE_SHAPE.length; k++) {
      const c = line[i + k];
      const want = DATE_SHAPE.charCodeAt(k);
      if (want === 0x64 /* d */ ? c < 0x30 || c > 0x39 : c !== want) break;
    }
    if (k === DATE_SHAPE.length) return String.fromCharCode(...line.subarray(i, i + k));
  }
  return '';
}

function kindLabel(kind: Kind, detail: number): string {
  if (kind === LineKind.Command) return `command ${verbOfDetail(detail)}`;
  if (kind === LineKind.Reply) return `reply ${formatReplyCode(detail)}`;
  return LINE_KIND_NAMES[kind] ?? 'unparsed';
}

/** Builds the given rows of one visible window. Only these few lines are ever decoded. */
export function buildRowViews(index: RowSource, rows: Iterable<number>, decode: DecodeFn): RowView[] {
  const out: RowView[] = [];
  const { kind, detail, service, session } = index.rows;
  for (const r of rows) {
    const k = kind[r] as Kind;
    const f = fileOfRow(index, r);
    const line = rowBytes(index, r);
    const parsedEnvelope = k !== LineKind.Unparsed && k !== LineKind.Report;
    const { thread, msgStart } = parsedEnvelope ? splitEnvelope(line) : { thread: '', msgStart: 0 };
    out.push({
      row: r,
      time: k === LineKind.Unparsed ? '' : writtenDateTime(line),
      service: index.services[service[r]] ?? '',
      thread,
      kind: kindLabel(k, detail[r]),
      text: decode(line.subarray(msgStart), f),
      session: session.at(r),
      file: index.files[f].name,
      line: r - index.files[f].firstRow + 1,
    });
  }
  return out;
}
