/**
 * Every message between the page and the engine worker. Requests carry a `requestId`; loads a
 * `jobId`. The client drops replies to anything but its newest request of each kind.
 */
import type { Encoding, FileInfo } from '../model/file-info';
import type { ParsedBatch } from '../ingest/parsed-batch';
import type { LoadSummary, RowView, Summary } from '../query/types';

export type ToWorker =
  /** Load these files (replacing what was loaded). The File objects themselves cross over. */
  | {
      type: 'load';
      jobId: number;
      files: File[];
      encoding?: Encoding;
      /** Profiling only (the page's `?keep-parser`): keep the parse workers through the load, so their profiles survive. */
      keepParser?: boolean;
    }
  /** Rows `start .. start+count` of the current view (timeline order once indexed). */
  | { type: 'rows'; requestId: number; start: number; count: number }
  /** The user's choice of a file's encoding: only the decoding of shown text changes, no re-parse. */
  | { type: 'set-encoding'; requestId: number; fileId: number; encoding: Encoding };

export type FromWorker =
  | { type: 'progress'; jobId: number; files: FileProgress[]; rowCount: number }
  | { type: 'file-error'; jobId: number; fileName: string; message: string }
  | { type: 'done'; jobId: number; summary: LoadSummary }
  | { type: 'failed'; jobId: number; message: string }
  | { type: 'rows'; requestId: number; start: number; rows: RowView[]; total: number }
  | { type: 'encoding-set'; requestId: number; files: Summary['files'] };

/**
 * Engine worker → one of its parse workers (stage one of indexing, a file each). The engine has the
 * file read (by its reader worker) and hands over each slice; the parser answers each with a batch
 * that carries the slice back. `seq` numbers the file, so nothing from an abandoned file can be
 * taken for the next one's.
 */
export type ToParser =
  | { type: 'begin'; seq: number; fileName: string; encoding?: Encoding }
  | {
      type: 'chunk';
      seq: number;
      chunk: Uint8Array;
      atEnd: boolean;
      /** An applied batch's column buffer, for this chunk's columns: no fresh pages each time. */
      columns?: ArrayBuffer;
    };

export type FromParser =
  | { type: 'batch'; seq: number; batch: ParsedBatch }
  | { type: 'error'; seq: number; fileName: string; message: string };

/** Engine worker ↔ its reader worker: one request per slice, answered with the slice's bytes. */
export interface ToReader {
  id: number;
  file: File;
  start: number;
  end: number;
}

export type FromReader =
  { type: 'slice'; id: number; buffer: ArrayBuffer } | { type: 'error'; id: number; message: string };

export interface FileProgress {
  name: string;
  bytesDone: number;
  bytesTotal: number;
  state: 'waiting' | 'reading' | 'done' | 'error';
}

export type { FileInfo };

export function assertNever(x: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(x)}`);
}
