import type { Encoding, EncodingSource, FileKind } from '../model/file-info';
import type { FileSessions } from './line-scanner';

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
}

/**
 * The lines parsed from one slice of a file: columns of typed arrays (transferable between
 * workers), all offsets absolute in the file. Stage one of the pipeline (the parser) makes it;
 * stage two (the index builder) turns it into rows, sessions and report entries. In a report log
 * only the line bounds are meaningful: the builder reads the entries (the engine's thread has
 * the time to spare).
 */
export interface ParsedBatch {
  /** The slice's own bytes and where they sit in the file: the builder keeps them. */
  chunkStart: number;
  chunk: Uint8Array;
  count: number;
  offset: Uint32Array;
  /** Line end, without its terminator. */
  end: Uint32Array;
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
}

/** The typed arrays of a batch, for `postMessage(batch, transferables(batch))`. */
export function batchTransferables(b: ParsedBatch): ArrayBuffer[] {
  const arrays = [b.chunk, b.offset, b.end, b.time, b.tag, b.kind, b.detail, b.session];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) buffers.add(a.buffer as ArrayBuffer);
  const sessions = b.sessions;
  if (sessions)
    for (const a of Object.values(sessions)) if (ArrayBuffer.isView(a)) buffers.add(a.buffer as ArrayBuffer);
  return [...buffers];
}
