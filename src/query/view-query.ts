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

export interface RowFilter {
  /** Service tags (`SMTP`, `MTA`…): rows of these services only. */
  services?: string[];
}

export interface SessionFilter {
  services?: string[];
}

export interface ReportFilter {
  /** Report codes (0 delivered, -4…, unknown codes too). */
  codes?: number[];
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
