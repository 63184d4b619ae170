import type { TimeBins } from './time-bins';
import type { RowView } from './types';

/**
 * What a view shows: one source of the index and a filter on it. The page names each view by an
 * id of its own and replaces its query whenever the user changes it; the engine evaluates it over
 * the columns and answers windows of it (src/README.md, "The query API"). Every filter part is
 * optional and the parts combine with AND; an absent filter shows everything.
 */
export type ViewQuery =
  | { source: 'rows'; filter?: RowFilter }
  | { source: 'sessions'; filter?: SessionFilter }
  | { source: 'report'; filter?: ReportFilter };

export type ViewSource = ViewQuery['source'];

/**
 * Which rows a view shows. Line parts (services, kinds, time, text, errors only) look at each row;
 * session parts (thread, session, peer, address, outcomes) choose connections and show every line
 * of the chosen ones.
 */
export interface RowFilter {
  /** Service tags (`SMTP`, `MTA`…): rows of these services only. */
  services?: string[];
  /** Line kinds (LineKind values). */
  kinds?: number[];
  /** A time range, seconds as the index counts them: `from` included, `to` excluded. */
  from?: number;
  to?: number;
  /** Case-insensitive (ASCII letters) substring of the line, searched in each file's own bytes. */
  text?: string;
  /**
   * A regular expression (RE2 syntax: linear time whatever the pattern) over each decoded line;
   * the lines holding the text every match needs are found in the bytes first.
   */
  regex?: string;
  /** Failed replies, failure notes, failed connects and unparsed lines only. */
  errorsOnly?: boolean;
  /** Sessions on this thread (with this JobID where given). */
  thread?: number;
  jobId?: number;
  /** One session. */
  session?: number;
  /** Sessions whose peer host or IP holds this (case-insensitive). */
  peer?: string;
  /** Sessions whose MAIL FROM, a RCPT TO or the AUTH user holds this (case-insensitive). */
  address?: string;
  /** Sessions with these outcomes (Outcome values). */
  outcomes?: number[];
  /** MTA sessions whose delivery's report entry has a code other than 0 (failed or deferred). */
  failedDeliveries?: boolean;
}

/** How the rows of a filtered rows view split by service and by kind (each ignoring its own part). */
export interface RowFacets {
  /** Rows per service id (LogIndex.services), matching every part but `services`. */
  services: number[];
  /** Rows per LineKind, matching every part but `kinds`. */
  kinds: number[];
  /** The matching rows over time, binned over the filter's range (or the whole log's). */
  bins?: TimeBins;
}

export interface SessionFilter {
  services?: string[];
}

export interface ReportFilter {
  /** Report codes (0 delivered, -4…, unknown codes too). */
  codes?: number[];
  /** Entries whose code is not 0: every failed or deferred delivery. */
  failedOnly?: boolean;
  /** Case-insensitive (ASCII letters) substring of the entry's line, searched in the file's own bytes. */
  text?: string;
  /** Entries whose sender or recipient holds this (case-insensitive). */
  address?: string;
  /** A time range, seconds as the index counts them: `from` included, `to` excluded. */
  from?: number;
  to?: number;
  /** The order of the entries; the report log's own order without it. */
  sort?: ReportSort;
}

export type ReportSortKey = 'time' | 'sender' | 'recipient' | 'domain' | 'code';

export interface ReportSort {
  by: ReportSortKey;
  descending?: boolean;
}

/** The report entries of a filtered deliveries view, counted for its charts. */
export interface ReportFacets {
  /** Entries per code, every part but the codes applied: one bar per code present, unknown ones too. */
  byCode: Array<{ code: number; count: number }>;
  /** The matching entries over time by class, binned over the filter's range (or the whole log's). */
  bins?: { from: number; width: number; delivered: number[]; temporary: number[]; failure: number[] };
  /** Recipient domains and senders with the most failed or deferred deliveries among the matching entries. */
  topDomains: Array<{ name: string; failures: number }>;
  topSenders: Array<{ name: string; failures: number }>;
}

/** One session as a table shows it, strings resolved. */
export interface SessionRowView {
  session: number;
  service: string;
  thread: string;
  peer: string;
  helo: string;
  user: string;
  mailFrom: string;
  recipients: number;
  start: string;
  end: string;
  lines: number;
  outcome: string;
}

/** One MTA report log entry as a table shows it. */
export interface ReportRowView {
  entry: number;
  time: string;
  sender: string;
  recipient: string;
  domain: string;
  code: number;
}

/** The rows a window of each source holds. */
export interface ViewRows {
  rows: RowView;
  sessions: SessionRowView;
  report: ReportRowView;
}

export type ViewRow = ViewRows[ViewSource];

/** A window of a view: its rows from `start`, and the view's size when it was read. */
export interface ViewWindow<R = ViewRow> {
  start: number;
  rows: R[];
  total: number;
}
