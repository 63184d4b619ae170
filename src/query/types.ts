import type { FileInfo } from '../model/file-info';
import type { FailedFile, FileWarning } from '../model/file-problems';
import type { Finding } from './finding-types';

/** One row as the table shows it: built for the visible window only, never for every row. */
export interface RowView {
  row: number;
  time: string;
  service: string;
  thread: string;
  kind: string;
  /** The message part decoded for display (the whole line for unparsed rows). */
  text: string;
  session: number;
  file: string;
  /** The row's line number within its file, from 1. */
  line: number;
}

/** What the command-line summary prints with --json, and what the page shows after loading. */
export interface Summary {
  lines: number;
  files: Array<
    Pick<
      FileInfo,
      'name' | 'encoding' | 'kind' | 'format' | 'level' | 'lines' | 'unparsed' | 'impossibleDates'
    > & {
      encodingSource: FileInfo['encodingSource'];
      /** The level of each part of the file, in order (`[3, 1]`: restarted at level 1). */
      levels: number[];
      warnings: FileWarning[];
    }
  >;
  sessions: Record<string, number>;
  outcomes: Record<string, Record<string, number>>;
  topPeers: Array<{ service: string; peer: string; sessions: number }>;
  authFailures: Array<{ service: string; peer: string; user: string | null; count: number }>;
  /** Sessions that failed to log in, by the user they tried and by the peer's IP (or host). */
  authFailuresByUser: Array<{ user: string; count: number }>;
  authFailuresByIp: Array<{ ip: string; count: number }>;
  relayDenials: Array<{ peer: string; count: number }>;
  /**
   * What the overview raises, with the default thresholds (query/findings.ts). The page gets it
   * (and linesOverTime) just after the load is done: counted then, so the load is not held for it.
   */
  findings?: Finding[];
  /** Lines per service over the whole log's time bins (null when no line has a time). */
  linesOverTime?: { from: number; width: number; services: Record<string, number[]> } | null;
  report: {
    entries: number;
    byCode: Record<string, number>;
    failed: number;
    /** Entries by class: 0 delivered, -7 and -9 temporary (retried), every other code a failure. */
    classes: { delivered: number; temporary: number; failure: number };
    codes: Array<{ code: number; count: number; ja: string; en: string; severity: string }>;
  };
}

export interface LoadSummary {
  summary: Summary;
  failedFiles: FailedFile[];
  indexMs: number;
  /**
   * Engine-side times from the load's start (ms): every file parsed and applied, the index
   * finished (timeline merged, sessions placed), the summary computed. For the benchmark.
   */
  phases: { parsedMs: number; finishedMs: number; summarizedMs: number };
  bytes: number;
  /** Service tags by id (the facets of a filtered view count by these ids). */
  services: string[];
}
