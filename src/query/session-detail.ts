import { LineKind } from '../model/line-kind';
import { OUTCOME_NAMES, SessionFlag, type LogIndex, type Outcome } from '../model/log-index';
import { NO_TIME, type EpochSec, type RowIndex, type SessionId } from '../model/units';

/** One connection, with the strings resolved: what a session pane or an export shows. */
export interface SessionDetail {
  id: SessionId;
  service: string;
  /** -1 for ≤1.26 files, which have no thread ids. */
  thread: number;
  /** -1 unless the file has 1.88a JobIDs. */
  jobId: number;
  firstTime: EpochSec | null;
  lastTime: EpochSec | null;
  peerHost: string | null;
  peerIp: string | null;
  helo: string | null;
  authUser: string | null;
  mailFrom: string | null;
  rcptTo: string[];
  /** Reply codes in the order they were logged (SMTP codes, or ReplyCode values for POP3/IMAP4). */
  replyCodes: number[];
  outcome: string;
  lineCount: number;
  partial: boolean;
  closed: boolean;
  bestEffort: boolean;
  /** The session's rows, in file order. */
  rows: RowIndex[];
}

/**
 * Everything known about one session. Its rows lie between its first and last row in storage
 * order, so only that stretch is scanned, not the whole index.
 */
export function describeSession(index: LogIndex, s: SessionId): SessionDetail {
  const c = index.sessions;
  const str = (id: number) => (id >= 0 ? index.strings[id] : null);
  const rows: RowIndex[] = [];
  const replyCodes: number[] = [];
  const { session, kind, detail } = index.rows;
  for (let r = c.firstRow[s]; r <= c.lastRow[s]; r++) {
    if (session.at(r) !== s) continue;
    rows.push(r);
    if (kind[r] === LineKind.Reply) replyCodes.push(detail[r]);
  }
  const time = (t: number) => (t === NO_TIME ? null : t);
  return {
    id: s,
    service: index.services[c.service[s]],
    thread: c.thread[s],
    jobId: c.jobId[s],
    firstTime: time(c.firstTime[s]),
    lastTime: time(c.lastTime[s]),
    peerHost: str(c.peerHost[s]),
    peerIp: str(c.peerIp[s]),
    helo: str(c.helo[s]),
    authUser: str(c.authUser[s]),
    mailFrom: str(c.mailFrom[s]),
    rcptTo: Array.from(c.rcptAddr.subarray(c.rcptStart[s], c.rcptStart[s + 1]), (id) => index.strings[id]),
    replyCodes,
    outcome: OUTCOME_NAMES[c.outcome[s] as Outcome],
    lineCount: c.lineCount[s],
    partial: (c.flags[s] & SessionFlag.Partial) !== 0,
    closed: (c.flags[s] & SessionFlag.Closed) !== 0,
    bestEffort: (c.flags[s] & SessionFlag.BestEffort) !== 0,
    rows,
  };
}
