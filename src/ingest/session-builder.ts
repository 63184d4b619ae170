import { COMMAND_VERBS } from '../model/command-verbs';
import { LineKind, ReplyCode } from '../model/line-kind';
import { Outcome, SessionFlag, type SessionColumns } from '../model/log-index';
import { NO_TIME } from '../model/units';
import { connectPeer, firstToken, pathAddress, type Range } from './extract-fields';
import { GrowableColumns } from './growable';
import { Hint } from './parsed-batch';
import type { StringTable } from './string-table';

const verb = (v: (typeof COMMAND_VERBS)[number]) => COMMAND_VERBS.indexOf(v) + 1;
const V = {
  HELO: verb('HELO'),
  EHLO: verb('EHLO'),
  MAIL: verb('MAIL'),
  RCPT: verb('RCPT'),
  AUTH: verb('AUTH'),
  USER: verb('USER'),
  PASS: verb('PASS'),
  APOP: verb('APOP'),
  LOGIN: verb('LOGIN'),
  AUTHENTICATE: verb('AUTHENTICATE'),
};
const isAuthVerb = (v: number) =>
  v === V.AUTH || v === V.USER || v === V.PASS || v === V.APOP || v === V.LOGIN || v === V.AUTHENTICATE;

type SessionCols = Omit<SessionColumns, 'count' | 'rcptStart' | 'rcptAddr'>;

/**
 * Rebuilds connections while the rows stream past (log-format.md: thread ids are reused, so a
 * session runs from `Connect from` to `Disconnect from` on its thread, or is one thread-JobId pair).
 */
export class SessionBuilder {
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
  /**
   * Working state per session, kept out of the index: the last command verb, since a POP3 `-ERR`
   * or IMAP `NO` means "auth failed" only right after a login verb. Pushed in step with `cols`.
   */
  private readonly working = new GrowableColumns({ lastVerb: Uint8Array });
  private rcptSession = new GrowableColumns({ session: Int32Array, addr: Int32Array });
  /** Open session per (service, thread) or (service, thread, job) of the current file. */
  private open = new Map<number, number>();
  /** ≤1.26 files: the one open session per service, cut in file order. */
  private sequential = new Map<number, number>();
  private fileId = 0;
  private readonly a: Range = { start: 0, end: 0 };
  private readonly c: Range = { start: 0, end: 0 };

  constructor(private readonly strings: StringTable) {}

  beginFile(fileId: number): void {
    this.fileId = fileId;
    this.open.clear();
    this.sequential.clear();
  }

  /** Drops every session from `sessionCount` on: used when a file fails half-way and is rolled back. */
  truncate(sessionCount: number): void {
    this.cols.count = sessionCount;
    this.working.count = sessionCount;
    const r = this.rcptSession;
    while (r.count > 0 && r.cols.session[r.count - 1] >= sessionCount) r.count--;
  }

  /** Closes every open session of a service: a service (re)start resets its threads. */
  resetService(service: number): void {
    for (const [key, s] of this.open) if (this.cols.cols.service[s] === service) this.open.delete(key);
    this.sequential.delete(service);
  }

  /** Finds or opens the session a line belongs to; -1 for none. */
  assign(service: number, thread: number, jobId: number, kind: number, row: number, time: number): number {
    let s: number;
    if (jobId >= 0) {
      const key = (service * 0x100000 + thread) * 100000 + jobId;
      s = this.open.get(key) ?? -1;
      // JobIds wrap around, so a pair seen again after its Disconnect is a new connection.
      if (s < 0 || kind === LineKind.Connect) {
        s = this.create(
          service,
          thread,
          jobId,
          row,
          time,
          kind === LineKind.Connect ? 0 : SessionFlag.Partial,
        );
        this.open.set(key, s);
      }
      if (kind === LineKind.Disconnect) {
        this.cols.cols.flags[s] |= SessionFlag.Closed;
        this.open.delete(key);
      }
    } else if (thread >= 0) {
      const key = service * 0x100000 + thread;
      s = this.open.get(key) ?? -1;
      if (kind === LineKind.Connect || s < 0) {
        s = this.create(service, thread, -1, row, time, kind === LineKind.Connect ? 0 : SessionFlag.Partial);
        this.open.set(key, s);
      }
      if (kind === LineKind.Disconnect) {
        this.cols.cols.flags[s] |= SessionFlag.Closed;
        this.open.delete(key);
      }
    } else {
      s = this.sequential.get(service) ?? -1;
      if (kind === LineKind.Connect) {
        s = this.create(service, -1, -1, row, time, SessionFlag.BestEffort);
        this.sequential.set(service, s);
      }
      if (s < 0) return -1;
      if (kind === LineKind.Disconnect) {
        this.cols.cols.flags[s] |= SessionFlag.Closed;
        this.sequential.delete(service);
      }
    }
    const c = this.cols.cols;
    c.lastRow[s] = row;
    c.lineCount[s]++;
    if (time !== NO_TIME) {
      if (c.firstTime[s] === NO_TIME || time < c.firstTime[s]) c.firstTime[s] = time;
      if (c.lastTime[s] === NO_TIME || time > c.lastTime[s]) c.lastTime[s] = time;
    }
    return s;
  }

  private create(
    service: number,
    thread: number,
    jobId: number,
    row: number,
    time: number,
    flags: number,
  ): number {
    const s = this.cols.push();
    const c = this.cols.cols;
    c.service[s] = service;
    c.file[s] = this.fileId;
    c.thread[s] = thread;
    c.jobId[s] = jobId;
    c.firstRow[s] = row;
    c.lastRow[s] = row;
    c.firstTime[s] = time;
    c.lastTime[s] = time;
    c.peerHost[s] = c.peerIp[s] = c.helo[s] = c.authUser[s] = c.mailFrom[s] = -1;
    c.outcome[s] = Outcome.Ok;
    c.flags[s] = flags;
    c.lineCount[s] = 0;
    this.working.cols.lastVerb[this.working.push()] = 0;
    return s;
  }

  /**
   * Reads what a session line tells about its connection: peer, HELO, sender, recipients, outcome.
   * `hints` carries what the parser already found in the text (see {@link Hint}).
   */
  observe(
    s: number,
    b: Uint8Array,
    argStart: number,
    end: number,
    kind: number,
    detail: number,
    hints: number,
    decode: (b: Uint8Array) => string,
  ): void {
    const c = this.cols.cols;
    const a = this.a;
    switch (kind) {
      case LineKind.Connect:
        if (c.peerHost[s] < 0) {
          connectPeer(b, argStart, end, a, this.c);
          if (a.end > a.start) c.peerHost[s] = this.strings.internBytes(b, a.start, a.end, decode);
          if (this.c.end > this.c.start)
            c.peerIp[s] = this.strings.internBytes(b, this.c.start, this.c.end, decode);
        }
        return;
      case LineKind.Command:
        this.working.cols.lastVerb[s] = detail;
        if ((detail === V.HELO || detail === V.EHLO) && firstToken(b, argStart, end, a)) {
          c.helo[s] = this.strings.internBytes(b, a.start, a.end, decode);
        } else if (detail === V.MAIL && pathAddress(b, argStart, end, a)) {
          c.mailFrom[s] = this.strings.internBytes(b, a.start, a.end, decode);
        } else if (detail === V.RCPT && pathAddress(b, argStart, end, a)) {
          const r = this.rcptSession.push();
          this.rcptSession.cols.session[r] = s;
          this.rcptSession.cols.addr[r] = this.strings.internBytes(b, a.start, a.end, decode);
        } else if (
          (detail === V.USER || detail === V.LOGIN) &&
          c.authUser[s] < 0 &&
          firstToken(b, argStart, end, a)
        ) {
          // The user name is visible in POP3 USER and IMAP LOGIN; SMTP AUTH sends it encoded.
          c.authUser[s] = this.strings.internBytes(b, a.start, a.end, decode);
        }
        return;
      case LineKind.Reply:
        this.raise(s, this.replyOutcome(s, detail, hints));
        return;
      case LineKind.Note:
        // Notes state outcomes when no reply is logged (levels 1–2). Assumed wording:
        // 認証…失敗 (authentication … failed), 中継…拒否 (relay … refused).
        if ((hints & (Hint.Auth | Hint.Fail)) === (Hint.Auth | Hint.Fail)) this.raise(s, Outcome.AuthFailed);
        else if ((hints & (Hint.Relay | Hint.Refuse)) === (Hint.Relay | Hint.Refuse))
          this.raise(s, Outcome.RelayDenied);
        return;
    }
  }

  private raise(s: number, o: number): void {
    const c = this.cols.cols;
    if (o > c.outcome[s]) c.outcome[s] = o;
  }

  /** Outcome a reply implies (assumed mapping, see README "Sessions"). */
  private replyOutcome(s: number, code: number, hints: number): number {
    const lastVerb = this.working.cols.lastVerb[s];
    if (code >= 100) {
      if (code === 535 || code === 534) return Outcome.AuthFailed;
      if (code >= 500) {
        const relay = (hints & (Hint.RelayAscii | Hint.Relay)) !== 0;
        return relay ? Outcome.RelayDenied : Outcome.Rejected;
      }
      if (code >= 400) return Outcome.Error;
      return Outcome.Ok;
    }
    if (code === ReplyCode.PopErr || code === ReplyCode.ImapNo || code === ReplyCode.ImapBad) {
      return isAuthVerb(lastVerb) ? Outcome.AuthFailed : Outcome.Rejected;
    }
    return Outcome.Ok;
  }

  /** Final columns, with RCPT TOs grouped per session (counting sort: O(n), no per-session arrays). */
  finish(): SessionColumns {
    const n = this.cols.count;
    const t = this.cols.trimmed();
    const r = this.rcptSession.trimmed();
    const rcptStart = new Uint32Array(n + 1);
    for (let i = 0; i < r.session.length; i++) rcptStart[r.session[i] + 1]++;
    for (let i = 0; i < n; i++) rcptStart[i + 1] += rcptStart[i];
    const fill = rcptStart.slice(0, n);
    const rcptAddr = new Int32Array(r.session.length);
    for (let i = 0; i < r.session.length; i++) rcptAddr[fill[r.session[i]]++] = r.addr[i];
    return { count: n, ...t, rcptStart, rcptAddr };
  }
}
