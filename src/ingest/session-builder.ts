import { COMMAND_VERBS } from '../model/command-verbs';
import { LineKind, ReplyCode } from '../model/line-kind';
import { Outcome, SessionFlag, type SessionColumns } from '../model/log-index';
import { NO_TIME } from '../model/units';
import type { Classified } from './classify';
import { startsWith } from './classify';
import {
  connectPeer,
  containsAsciiIgnoreCase,
  firstToken,
  pathAddress,
  type Range,
} from './extract-fields';
import { GrowableColumns } from './growable';
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

// Japanese notes that state an outcome when no reply is logged (levels 1–2). Assumed wording:
// 認証…失敗 (authentication … failed) and 中継…拒否 (relay … refused), in CP932 and UTF-8.
const AUTH = [Uint8Array.of(0x94, 0x46, 0x8f, 0xd8), Uint8Array.of(0xe8, 0xaa, 0x8d, 0xe8, 0xa8, 0xbc)];
const FAIL = [Uint8Array.of(0x8e, 0xb8, 0x94, 0x73), Uint8Array.of(0xe5, 0xa4, 0xb1, 0xe6, 0x95, 0x97)];
const RELAY = [Uint8Array.of(0x92, 0x86, 0x8c, 0x70), Uint8Array.of(0xe4, 0xb8, 0xad, 0xe7, 0xb6, 0x99)];
const REFUSE = [Uint8Array.of(0x8b, 0x91, 0x94, 0xdb), Uint8Array.of(0xe6, 0x8b, 0x92, 0xe5, 0x90, 0xa6)];
const NOTE_WORDS = [AUTH, FAIL, RELAY, REFUSE].map((forms, bit) => forms.map((bytes) => ({ bytes, bit: 1 << bit })));
/** Words by lead byte, so a note is scanned once whatever the number of words we look for. */
const WORDS_BY_LEAD: Array<Array<{ bytes: Uint8Array; bit: number }> | undefined> = [];
for (const w of NOTE_WORDS.flat()) (WORDS_BY_LEAD[w.bytes[0]] ??= []).push(w);
const HAS_AUTH_FAIL = 0b0011;
const HAS_RELAY_REFUSE = 0b1100;
const RELAY_BIT = 0b0100;

function noteWords(b: Uint8Array, start: number, end: number): number {
  let found = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c < 0x80) continue;
    const words = WORDS_BY_LEAD[c];
    if (words) for (const w of words) if (startsWith(b, i, end, w.bytes)) found |= w.bit;
  }
  return found;
}

type SessionCols = {
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
  /** Last command verb: a POP3 `-ERR` or IMAP `NO` means "auth failed" only right after a login verb. */
  lastVerb: Uint8Array;
};

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
    lastVerb: Uint8Array,
  });
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
      if (s < 0) {
        s = this.create(service, thread, jobId, row, time, 0);
        this.open.set(key, s);
      }
      if (kind === LineKind.Disconnect) this.cols.cols.flags[s] |= SessionFlag.Closed;
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

  private create(service: number, thread: number, jobId: number, row: number, time: number, flags: number): number {
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
    c.lastVerb[s] = 0;
    return s;
  }

  /** Reads what a session line tells about its connection: peer, HELO, sender, recipients, outcome. */
  observe(s: number, b: Uint8Array, msgStart: number, end: number, cls: Classified, decode: (b: Uint8Array) => string): void {
    const c = this.cols.cols;
    const a = this.a;
    switch (cls.kind) {
      case LineKind.Connect:
        if (c.peerHost[s] < 0) {
          connectPeer(b, cls.argStart, end, a, this.c);
          if (a.end > a.start) c.peerHost[s] = this.strings.internBytes(b, a.start, a.end, decode);
          if (this.c.end > this.c.start) c.peerIp[s] = this.strings.internBytes(b, this.c.start, this.c.end, decode);
        }
        return;
      case LineKind.Command: {
        const v = cls.detail;
        c.lastVerb[s] = v;
        if ((v === V.HELO || v === V.EHLO) && firstToken(b, cls.argStart, end, a)) {
          c.helo[s] = this.strings.internBytes(b, a.start, a.end, decode);
        } else if (v === V.MAIL && pathAddress(b, cls.argStart, end, a)) {
          c.mailFrom[s] = this.strings.internBytes(b, a.start, a.end, decode);
        } else if (v === V.RCPT && pathAddress(b, cls.argStart, end, a)) {
          const r = this.rcptSession.push();
          this.rcptSession.cols.session[r] = s;
          this.rcptSession.cols.addr[r] = this.strings.internBytes(b, a.start, a.end, decode);
        } else if ((v === V.USER || v === V.LOGIN) && c.authUser[s] < 0 && firstToken(b, cls.argStart, end, a)) {
          // The user name is visible in POP3 USER and IMAP LOGIN; SMTP AUTH sends it encoded.
          c.authUser[s] = this.strings.internBytes(b, a.start, a.end, decode);
        }
        return;
      }
      case LineKind.Reply:
        this.raise(s, this.replyOutcome(s, b, msgStart, end, cls.detail));
        return;
      case LineKind.Note: {
        const words = noteWords(b, msgStart, end);
        if ((words & HAS_AUTH_FAIL) === HAS_AUTH_FAIL) this.raise(s, Outcome.AuthFailed);
        else if ((words & HAS_RELAY_REFUSE) === HAS_RELAY_REFUSE) this.raise(s, Outcome.RelayDenied);
        return;
      }
    }
  }

  private raise(s: number, o: number): void {
    const c = this.cols.cols;
    if (o > c.outcome[s]) c.outcome[s] = o;
  }

  /** Outcome a reply implies (assumed mapping, see README "Sessions"). */
  private replyOutcome(s: number, b: Uint8Array, msgStart: number, end: number, code: number): number {
    const lastVerb = this.cols.cols.lastVerb[s];
    if (code >= 100) {
      if (code === 535 || code === 534) return Outcome.AuthFailed;
      if (code >= 500) {
        const relay =
          containsAsciiIgnoreCase(b, msgStart, end, 'relay') || (noteWords(b, msgStart, end) & RELAY_BIT) !== 0;
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
    const { lastVerb: _unused, ...cols } = t;
    void _unused;
    return { count: n, ...cols, rcptStart, rcptAddr };
  }
}
