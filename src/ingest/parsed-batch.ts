import type { Encoding, EncodingSource, FileKind } from '../model/file-info';
import type { FileSessions, LevelChange } from './line-scanner';

/** What the parser has learned about the file so far. */
export interface FileFacts {
  encoding: Encoding;
  encodingSource: EncodingSource;
  kind: FileKind;
  sawNoThread: boolean;
  sawThread: boolean;
  sawJob: boolean;
  /** Level of the last service-start line that stated one, or null. */
  level: number | null;
  /** The levels service starts stated, where they changed (file line numbers). */
  levels: LevelChange[];
  /** Lines whose date-time does not exist, and the first of them (-1 for none). */
  impossibleDates: { count: number; firstLine: number };
  /** Connect lines and delivery starts so far: without any, thread lines form no sessions. */
  sessionStarters: number;
  /** The file has no LF but separates its lines with CR alone: it reads as one line. */
  crOnly: boolean;
}

/**
 * The lines parsed from one slice of a file: columns of typed arrays (transferable between
 * workers), all offsets absolute in the file. Stage one of the pipeline (the parser) makes it;
 * stage two (the index builder) turns it into rows, sessions and report entries.
 */
export interface ParsedBatch {
  /** The slice's own bytes and where they sit in the file: the builder keeps them. */
  chunkStart: number;
  chunk: Uint8Array;
  count: number;
  offset: Uint32Array;
  time: Uint32Array;
  /** Parser-local service tag ids; {@link newTags} names those first seen in this batch. */
  tag: Uint8Array;
  kind: Uint8Array;
  detail: Uint16Array;
  /** Service logs: the line's session in {@link sessions} (the file's own numbering), -1 for none. */
  session: Int32Array;
  newTags: string[];
  facts: FileFacts;
  /** On a service log's last batch: every session of the file. */
  sessions?: FileSessions;
  /** A report log's entries in this batch. */
  report?: ReportBatch;
}

/**
 * The report entries of a batch, read by the parser. String ids are the file's own (numbered in
 * the order first seen, -1 for none); {@link newStrings} holds those first seen in this batch.
 */
export interface ReportBatch {
  count: number;
  /** The entry's line, as an index into the batch's lines (its time is that line's). */
  line: Uint32Array;
  sender: Int32Array;
  recipient: Int32Array;
  domain: Int32Array;
  code: Int32Array;
  /** String k (counting on from the previous batch's) is bytes[ends[k - 1] .. ends[k]), from 0 for the first. */
  newStrings: { bytes: Uint8Array; ends: Uint32Array };
}

/** The typed arrays of a batch, for `postMessage(batch, transferables(batch))`. */
export function batchTransferables(b: ParsedBatch): ArrayBuffer[] {
  const arrays = [b.chunk, b.offset, b.time, b.tag, b.kind, b.detail, b.session];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) buffers.add(a.buffer as ArrayBuffer);
  const sessions = b.sessions;
  if (sessions)
    for (const a of Object.values(sessions)) if (ArrayBuffer.isView(a)) buffers.add(a.buffer as ArrayBuffer);
  const report = b.report;
  if (report) {
    for (const a of [report.line, report.newStrings.bytes, report.newStrings.ends])
      buffers.add(a.buffer as ArrayBuffer);
  }
  return [...buffers];
}
