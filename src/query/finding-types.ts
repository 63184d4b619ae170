/**
 * What the overview's findings are and the thresholds that make them: types and defaults only, so
 * the page can hold them without the engine's code (query/findings.ts finds them).
 */
import type { ReportFilter, RowFilter } from './view-query';

/** What makes a finding: each threshold is shown beside its finding and can be changed. */
export interface FindingThresholds {
  /** Password guessing: this many failed logins from one IP, or for one user… */
  guessFailures: number;
  /** …within this many minutes. */
  guessWindowMin: number;
  /** Relay attempts: this many relay denials from one peer. */
  relayDenials: number;
  /** A failing domain: this many failed deliveries to it… */
  domainFailures: number;
  /** …making at least this share (percent) of its deliveries. */
  domainFailurePercent: number;
  /** A surge of temporary failures (-7, -9): this many… */
  temporarySurge: number;
  /** …within this many minutes. */
  temporaryWindowMin: number;
  /** A gap: this many minutes without a single line. */
  gapMin: number;
}

export const DEFAULT_THRESHOLDS: FindingThresholds = {
  guessFailures: 5,
  guessWindowMin: 10,
  relayDenials: 3,
  domainFailures: 3,
  domainFailurePercent: 50,
  temporarySurge: 5,
  temporaryWindowMin: 60,
  gapMin: 120,
};

export type FindingKind =
  | 'password-guessing-ip'
  | 'password-guessing-user'
  | 'relay-attempts'
  | 'failing-domain'
  | 'temporary-surge'
  | 'service-restart'
  | 'level-change'
  | 'gap';

/** Something worth an admin's look, with the filter that shows its evidence. */
export interface Finding {
  kind: FindingKind;
  /** Who or what: an IP, a user, a peer, a domain, a file. */
  subject: string;
  /** How many events make it (failures, denials, restarts; minutes for a gap). */
  count: number;
  /** When: the burst's or the gap's first and last second, where it has one. */
  from?: number;
  to?: number;
  /** The evidence, one click away: the log table's filter or the deliveries'. */
  log?: RowFilter;
  deliveries?: ReportFilter;
}
