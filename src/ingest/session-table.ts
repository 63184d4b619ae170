import type { SessionColumns } from '../model/log-index';
import { freeNow } from '../lib/free-now';
import { GrowableColumns, MAX_ROWS } from './growable';
import { SESSION_FIELDS, SessionField as F, type FileSessions } from './line-scanner';
import type { StringTable } from './string-table';

type SessionCols = Omit<SessionColumns, 'count' | 'rcptStart' | 'rcptAddr' | 'delivery'>;

/**
 * Every file's sessions, one file after another. The scanner rebuilds a file's connections in
 * the parse worker (assembly/sessions.ts) with its own numbering; here they get their place in the
 * load: session ids continue from the previous file's, lines become rows, tags become services and
 * the file's strings are interned into the load's table.
 */
export class SessionTable {
  readonly cols = new GrowableColumns<SessionCols>({
    service: Uint16Array,
    file: Uint16Array,
    thread: Int32Array,
    jobId: Int32Array,
    firstRow: Uint32Array,
    lastRow: Uint32Array,
    firstTime: Uint32Array,
    lastTime: Uint32Array,
    peerHost: Int32Array,
    peerIp: Int32Array,
    helo: Int32Array,
    authUser: Int32Array,
    mailFrom: Int32Array,
    outcome: Uint8Array,
    flags: Uint8Array,
    lineCount: Uint32Array,
  });
  private readonly rcpt = new GrowableColumns({ session: Int32Array, addr: Int32Array });

  constructor(private readonly strings: StringTable) {}

  get count(): number {
    return this.cols.count;
  }

  /** Room for `sessions` more sessions and `rcpts` more RCPT TO addresses (estimates: capped at the row limit). */
  reserve(sessions: number, rcpts: number): void {
    this.cols.reserve(Math.min(MAX_ROWS, this.cols.count + sessions));
    this.rcpt.reserve(Math.min(MAX_ROWS, this.rcpt.count + rcpts));
  }

  /**
   * Appends a file's sessions. `firstRow` is the file's first row, `tagMap` maps its tags to
   * services, `decode` decodes its strings.
   */
  appendFile(
    file: number,
    firstRow: number,
    tagMap: readonly number[],
    s: FileSessions,
    decode: (b: Uint8Array) => string,
  ): void {
    const ids = this.internStrings(s, decode);
    const str = (k: number) => (k < 0 ? -1 : ids[k]);
    const base = this.cols.pushMany(s.count);
    const c = this.cols.cols;
    const rows = s.rows;
    for (let i = 0, at = 0; i < s.count; i++, at += SESSION_FIELDS) {
      const t = base + i;
      c.service[t] = tagMap[rows[at + F.Tag]];
      c.file[t] = file;
      c.thread[t] = rows[at + F.Thread];
      c.jobId[t] = rows[at + F.JobId];
      c.firstRow[t] = firstRow + rows[at + F.FirstLine];
      c.lastRow[t] = firstRow + rows[at + F.LastLine];
      c.firstTime[t] = rows[at + F.FirstTime];
      c.lastTime[t] = rows[at + F.LastTime];
      c.peerHost[t] = str(rows[at + F.PeerHost]);
      c.peerIp[t] = str(rows[at + F.PeerIp]);
      c.helo[t] = str(rows[at + F.Helo]);
      c.authUser[t] = str(rows[at + F.AuthUser]);
      c.mailFrom[t] = str(rows[at + F.MailFrom]);
      c.outcome[t] = rows[at + F.Outcome];
      c.flags[t] = rows[at + F.Flags];
      c.lineCount[t] = rows[at + F.LineCount];
    }
    const r = this.rcpt;
    for (let i = 0; i < s.rcpts.length; i += 2) {
      const k = r.push();
      r.cols.session[k] = base + s.rcpts[i];
      r.cols.addr[k] = ids[s.rcpts[i + 1]];
    }
  }

  /** Drops every session from `count` on: a file that failed half-way is rolled back. */
  truncate(count: number): void {
    this.cols.count = count;
    const r = this.rcpt;
    while (r.count > 0 && r.cols.session[r.count - 1] >= count) r.count--;
  }

  /**
   * Final columns, with RCPT TOs grouped per session (counting sort: O(n), no per-session arrays),
   * and each delivery's report entry from `matchReport` (which may settle outcomes).
   */
  finish(matchReport: (s: Omit<SessionColumns, 'delivery'>) => Int32Array): SessionColumns {
    const n = this.cols.count;
    const t = this.cols.trimmed();
    const r = this.rcpt.trimmed();
    const rcptStart = new Uint32Array(n + 1);
    for (let i = 0; i < r.session.length; i++) rcptStart[r.session[i] + 1]++;
    for (let i = 0; i < n; i++) rcptStart[i + 1] += rcptStart[i];
    const fill = rcptStart.slice(0, n);
    const rcptAddr = new Int32Array(r.session.length);
    for (let i = 0; i < r.session.length; i++) rcptAddr[fill[r.session[i]]++] = r.addr[i];
    // Grouped: the appended pairs are done with (8 MB at 1 GiB), and the table with them.
    for (const a of [r.session, r.addr, fill]) freeNow(a.buffer);
    const sessions = { count: n, ...t, rcptStart, rcptAddr };
    return { ...sessions, delivery: matchReport(sessions) };
  }

  /** The load's id of each of the file's strings, in the file's order. */
  private internStrings(s: FileSessions, decode: (b: Uint8Array) => string): Int32Array {
    const ids = new Int32Array(s.stringEnds.length);
    let start = 0;
    for (let k = 0; k < ids.length; k++) {
      const end = s.stringEnds[k];
      ids[k] = this.strings.internBytes(s.stringBytes, start, end, decode);
      start = end;
    }
    return ids;
  }
}
