/**
 * Every message between the page and the engine worker. Loads carry a `jobId`, views a `viewId`
 * and the `version` of their query, other requests a `requestId`. The client drops replies to
 * anything but its newest load, each view's newest version and its newest read.
 */
import type { Encoding, FileInfo } from '../model/file-info';
import type { FailedFile } from '../model/file-problems';
import type { ParsedBatch } from '../ingest/parsed-batch';
import type { ConversationView } from '../query/conversation';
import type { Journey } from '../query/journey';
import type { Finding, FindingThresholds } from '../query/finding-types';
import type { ExportFormat } from '../query/export-rows';
import type { LoadSummary, Summary } from '../query/types';
import type { ReportFacets, RowFacets, ViewQuery, ViewWindow } from '../query/view-query';

export type ToWorker =
  /** Load these files (replacing what was loaded). The File objects themselves cross over. */
  /** `budget`: the bytes this page can index, archives counted by what they unpack to. */
  | { type: 'load'; jobId: number; files: File[]; budget: number }
  /** Opens view `viewId`, or replaces its query: `version` counts the page's changes to it. */
  | { type: 'view'; viewId: number; version: number; query: ViewQuery }
  /** Items `start .. start+count` of a view, as its `version` defines it. */
  | { type: 'read'; viewId: number; version: number; requestId: number; start: number; count: number }
  /** Stops computing a view (its query stays; the index is untouched). */
  | { type: 'stop'; viewId: number }
  /** Forgets a view. */
  | { type: 'close'; viewId: number }
  /** The user's choice of a file's encoding: only the decoding of shown text changes, no re-parse. */
  | { type: 'set-encoding'; requestId: number; fileId: number; encoding: Encoding }
  /** One session as a conversation: its header, its lines and its neighbours. */
  | { type: 'conversation'; requestId: number; session: number }
  /** The overview's findings again, with the thresholds the user set. */
  | { type: 'findings'; requestId: number; thresholds: FindingThresholds }
  /** One report entry's way through the server: accepted, delivered, picked up. */
  | { type: 'journey'; requestId: number; entry: number }
  /** A rows view's rows as CSV or as their original bytes, streamed back in chunks. */
  | { type: 'export'; requestId: number; viewId: number; format: ExportFormat };

export type FromWorker =
  | { type: 'progress'; jobId: number; files: FileProgress[]; rowCount: number }
  | ({ type: 'file-error'; jobId: number } & FailedFile)
  | { type: 'done'; jobId: number; summary: LoadSummary }
  /** Just after `done`: what the overview adds to the summary, counted once the load is out of the way. */
  | ({ type: 'overview'; jobId: number } & Required<Pick<Summary, 'findings' | 'linesOverTime'>>)
  /** The engine itself failed (a bug, or out of memory): the browser's words are all there is. */
  | { type: 'failed'; jobId: number; detail: string }
  /** A view's size: `done` once its query was evaluated over the whole index. */
  | {
      type: 'view-state';
      viewId: number;
      version: number;
      total: number;
      done: boolean;
      facets?: RowFacets;
      /** Report views: the counts the deliveries charts draw. */
      deliveries?: ReportFacets;
      /** With `done`: how long the engine took to compute the view, from its request. */
      ms?: number;
      /** Why the query could not be run (a pattern RE2 does not accept). */
      error?: string;
    }
  | { type: 'window'; viewId: number; version: number; requestId: number; window: ViewWindow }
  | { type: 'encoding-set'; requestId: number; files: Summary['files'] }
  | { type: 'conversation'; requestId: number; conversation: ConversationView | null }
  | { type: 'journey'; requestId: number; journey: Journey | null }
  | { type: 'findings'; requestId: number; findings: Finding[] }
  /** A piece of an export (transferred); the last one has `done`. */
  | { type: 'export-chunk'; requestId: number; bytes: Uint8Array; done: boolean };

/**
 * Engine worker → one of its parse workers (stage one of indexing, a file each). The engine has the
 * file read (by its reader worker) and hands over each slice; the parser answers each with a batch
 * that carries the slice back. `seq` numbers the file, so nothing from an abandoned file can be
 * taken for the next one's.
 */
export type ToParser =
  | { type: 'begin'; seq: number; fileName: string }
  | {
      type: 'chunk';
      seq: number;
      chunk: Uint8Array;
      atEnd: boolean;
      /** An applied batch's column buffer, for this chunk's columns: no fresh pages each time. */
      columns?: ArrayBuffer;
    };

export type FromParser =
  { type: 'batch'; seq: number; batch: ParsedBatch } | ({ type: 'error'; seq: number } & FailedFile);

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
  state: 'waiting' | 'unpacking' | 'reading' | 'done' | 'error';
}

export type { FileInfo };

export function assertNever(x: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(x)}`);
}
