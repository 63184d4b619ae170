import type { ChunkedBytes } from '../lib/chunked-bytes';
import type { PackedColumn } from '../lib/packed-column';
import type { FileInfo } from './file-info';
import type { EpochSec, FileId, RowIndex, SessionId, StringId } from './units';

/**
 * Every input line is one row. Columns are indexed by {@link RowIndex} (storage order: files one
 * after another, each in its own line order, so a row's file is found from `FileInfo.firstRow`).
 * Where a row's bytes are is in {@link LineStarts}. 8.5 bytes a row: at 10 million rows the
 * columns stay near 85 MB.
 */
export interface RowColumns {
  count: number;
  /** Seconds ({@link EpochSec}); NO_TIME when the line had no parsable time. */
  time: PackedColumn;
  /** Id into {@link LogIndex.services}. 0 is reserved for "none" (unparsed lines). */
  service: Uint8Array;
  /** A {@link LineKind}. */
  kind: Uint8Array;
  /** Command: verb id + 1 into COMMAND_VERBS; Reply: reply code; ServiceStart: debug level or 0xffff. */
  detail: Uint16Array;
  /** A {@link SessionId}; -1 when the line belongs to no connection (server-level lines, unparsed lines outside a session). */
  session: PackedColumn;
}

/** How a connection ended, ordered by severity so the worst event seen wins. */
export const Outcome = { Ok: 0, Error: 1, Rejected: 2, RelayDenied: 3, AuthFailed: 4 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];
export const OUTCOME_NAMES: Record<Outcome, string> = {
  0: 'ok',
  1: 'error',
  2: 'rejected',
  3: 'relay denied',
  4: 'auth failed',
};

/** Bit flags on a session. */
export const SessionFlag = {
  /** Lines of a thread seen before any `Connect from`: the start is not in this file. */
  Partial: 1,
  /** Ended by `Disconnect from`. */
  Closed: 2,
  /** Cut in file order from a ≤1.26 file without thread ids: right only if connections did not overlap. */
  BestEffort: 4,
  /** Ok in the end (a message accepted, a login succeeded), after errors on the way. */
  Warnings: 8,
  /** A `Connect to` of this delivery failed (another host may have been reached after it). */
  FailedConnect: 16,
} as const;

/** One connection: columns indexed by {@link SessionId}. String columns hold a StringId or -1. */
export interface SessionColumns {
  count: number;
  service: Uint16Array;
  file: Uint16Array;
  thread: Int32Array;
  jobId: Int32Array;
  firstRow: Uint32Array;
  lastRow: Uint32Array;
  firstTime: Uint32Array;
  lastTime: Uint32Array;
  peerHost: Int32Array;
  peerIp: Int32Array;
  helo: Int32Array;
  authUser: Int32Array;
  mailFrom: Int32Array;
  outcome: Uint8Array;
  flags: Uint8Array;
  lineCount: Uint32Array;
  /**
   * An MTA session's entry in the report log (its index in {@link ReportColumns}), -1 for none: the
   * entry whose code decided the session's outcome (see ingest/match-deliveries.ts).
   */
  delivery: Int32Array;
  /** RCPT TO addresses: session s owns rcptAddr[rcptStart[s] .. rcptStart[s+1]). */
  rcptStart: Uint32Array;
  rcptAddr: Int32Array;
}

/** MTA report log entries, one per report row. */
export interface ReportColumns {
  count: number;
  row: Uint32Array;
  time: Uint32Array;
  sender: Int32Array;
  recipient: Int32Array;
  domain: Int32Array;
  code: Int32Array;
}

/** Rows between two entries of {@link LineStarts}. */
export const LINE_STEP = 16;

/**
 * Where rows start in their file's bytes, for every LINE_STEP-th row only: row r with
 * r % LINE_STEP === 0 starts at `at[r / LINE_STEP]` (its file's offset; files are limited to
 * 4 GiB). The rows between are found by counting newlines from there (query/row-bytes.ts): at most
 * 15 short lines to skip, for a 16th of the memory of an offset per row (4 MB instead of 64 at
 * 16 million rows). A row ends at its newline, minus an optional `\r`.
 */
export interface LineStarts {
  at: Uint32Array;
}

/** Positions between two checkpoints of a {@link Timeline}. */
export const TIMELINE_STEP = 4096;

/**
 * The rows in timeline order (merged by time across files, each file keeping its own order), kept
 * as the file each position takes its next row from: a byte a row (two past 256 files) instead of
 * a four-byte row id, since within a file the order is the file's own. Every TIMELINE_STEP
 * positions a checkpoint keeps each file's next row, so a position's row is found by counting
 * from the checkpoint before it (query/row-bytes.ts, rowsAt).
 */
export interface Timeline {
  /** The file (its index in LogIndex.files) of the row at each position. */
  file: Uint8Array | Uint16Array;
  fileCount: number;
  /** At position k × TIMELINE_STEP, file f's next row is next[k × fileCount + f]. */
  next: Uint32Array;
}

export interface LogIndex {
  files: FileInfo[];
  /** Raw bytes of each file, indexed by FileId, in the slices they were read in: the source of truth for every row's text. */
  fileBytes: ChunkedBytes[];
  rows: RowColumns;
  lineStarts: LineStarts;
  /** The merged timeline; null while files are still loading: rows are then shown in storage order. */
  timeline: Timeline | null;
  sessions: SessionColumns;
  report: ReportColumns;
  /** Interned strings (hosts, addresses, verbs…) by StringId. */
  strings: string[];
  /** Service tags by id; id 0 is the empty "none" tag. */
  services: string[];
}

export type { EpochSec, FileId, RowIndex, SessionId, StringId };

/** What it takes to show rows: available while files are still loading, before sessions are final. */
export type RowSource = Pick<
  LogIndex,
  'files' | 'fileBytes' | 'rows' | 'lineStarts' | 'timeline' | 'services'
>;
