/**
 * Deterministic PMailServer log generator: service logs and the MTA report log, as strings, with
 * tallies counted while writing (never by re-parsing), so tests can check the parser against them.
 *
 * Pure: all randomness comes from a seeded {@link Rng}, all time from the caller's start time; no
 * Math.random, no Date.now. What the vendor documents and what is assumed: see
 * shared/reference/log-format.md and the notes in log-generator-sessions.ts.
 */
import {
  buildSession,
  buildSubmission,
  foreignAddress,
  LOCAL_DOMAIN,
  outcomeOf,
  USERS,
} from './log-generator-sessions';
import type {
  Delivery,
  FormatGeneration,
  Level,
  OutcomeName,
  Service,
  SessionScript,
  Step,
} from './log-generator-sessions';

export type { Delivery, FormatGeneration, Level, OutcomeName, Service } from './log-generator-sessions';

export const SERVICES: readonly Service[] = ['SMTP', 'POP3', 'IMAP4', 'MTA'];

/** mulberry32: tiny, fast, good enough for test data, and identical on every platform. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

/** Naive server-local seconds since 1970, read through UTC getters (log-format.md: no zone). */
export type EpochSec = number;

export function epochOf(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): EpochSec {
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** `YYYY/MM/DD HH:MM:SS`. Callers cache it: the corpus writes millions of lines per distinct second. */
export function formatStamp(t: EpochSec): string {
  const d = new Date(t * 1000);
  return (
    `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  );
}

class StampCache {
  private t = NaN;
  private s = '';
  get(t: EpochSec): string {
    if (t !== this.t) {
      this.t = t;
      this.s = formatStamp(t);
    }
    return this.s;
  }
}

export interface ReportTally {
  entries: number;
  /** Keyed by the code as written ("0", "-4", "-99"). */
  byCode: Record<string, number>;
  /** Entries whose code is not 0 (temporary failures and unknown codes included). */
  failed: number;
}

/** What one file holds, counted while it was written. */
export interface FileTally {
  lines: number;
  unparsed: number;
  /** Newest line layout written; server-level lines use the 1.26 layout (they never carry a thread). */
  format: FormatGeneration | null;
  /** Level of the last service-start line written, null if none. */
  level: number | null;
  sessions: Record<Service, number>;
  /** Sessions per outcome, per service. */
  outcomes: Record<Service, Partial<Record<OutcomeName, number>>>;
  /** Sessions per peer label (`(unknown)` when no line names one), per service. */
  peers: Record<Service, Record<string, number>>;
  report: ReportTally;
}

export function newTally(): FileTally {
  return {
    lines: 0,
    unparsed: 0,
    format: null,
    level: null,
    sessions: { SMTP: 0, POP3: 0, IMAP4: 0, MTA: 0 },
    outcomes: { SMTP: {}, POP3: {}, IMAP4: {}, MTA: {} },
    peers: { SMTP: {}, POP3: {}, IMAP4: {}, MTA: {} },
    report: { entries: 0, byCode: {}, failed: 0 },
  };
}

function count<K extends string>(into: Partial<Record<K, number>>, key: K, n = 1): void {
  into[key] = (into[key] ?? 0) + n;
}

/**
 * A delivery's outcome from its report code, as the scenario means it: delivered, refused by the
 * remote host (a command or our login refused, -2 … -6, -11), or failed on the way (the rest).
 */
function deliveryOutcome(code: number): OutcomeName {
  if (code === 0) return 'ok';
  return (code <= -2 && code >= -6) || code === -11 ? 'rejected' : 'error';
}

const FORMAT_ORDER: readonly FormatGeneration[] = ['1.26', '1.27', '1.88a'];

function newer(a: FormatGeneration | null, b: FormatGeneration): FormatGeneration {
  return a !== null && FORMAT_ORDER.indexOf(a) >= FORMAT_ORDER.indexOf(b) ? a : b;
}

/**
 * Receives lines without terminators. `garbageMayPrecede` is false where a garbage line would break
 * a promise the generator makes (in 1.26 files nothing but start/stop lines may sit between sessions).
 */
export interface LineSink {
  push(line: string, garbageMayPrecede: boolean): void;
}

/** Keeps lines in memory, for small files. */
export class CollectingSink implements LineSink {
  readonly lines: string[] = [];
  readonly safe: boolean[] = [];
  push(line: string, garbageMayPrecede: boolean): void {
    this.lines.push(line);
    this.safe.push(garbageMayPrecede);
  }
}

export interface RunOptions {
  format: FormatGeneration;
  level: Level;
  /** Sessions to start (a partial session is extra). */
  sessions: number;
  /** Most sessions open at once; forced to 1 for 1.26, whose lines carry no thread to tell them apart. */
  concurrency?: number;
  /** Size of the server's thread pool: ids 000..threads-1, reused by later sessions. */
  threads?: number;
  /** Mean idle seconds before a new session starts. */
  meanGapSec?: number;
  /** Write the service-start line (false: the file begins mid-run, as after a rotation). */
  announce?: boolean;
  /** Drain open sessions, then write the service-stop line. Default true. */
  stop?: boolean;
  /** Begin with the tail of a session already open before the file began: lines before its Connect. */
  partialSession?: boolean;
  /** Checked before each new session: lets the corpus stop at a byte budget. */
  shouldStop?: () => boolean;
  /**
   * Serve the queued submissions ({@link ServiceLogWriter.queueSubmissions}) due before this time,
   * staying up for them once the other sessions are done; later ones are left to the next run.
   * Default: every queued one.
   */
  submissionsUntil?: EpochSec;
  /** MTA: report codes some of the run's deliveries end with, each one at random; the rest are drawn. */
  forcedCodes?: readonly number[];
}

/** A delivery as the report log records it when it ends. */
export interface DeliveryRecord extends Delivery {
  time: EpochSec;
  /** When its session's first line was written. */
  start: EpochSec;
}

/** A message a local user hands our SMTP service, which the MTA then delivers. */
export interface Submission {
  from: string;
  to: string;
  /** When the client connects. */
  at: EpochSec;
  /** When its session must have ended: before the delivery's first line. */
  by: EpochSec;
}

interface OpenSession {
  thread: number;
  prefix: string;
  steps: Step[];
  next: number;
  script: SessionScript;
  /** Clock at its first line, NaN before. */
  first: EpochSec;
  /** Seconds its remaining steps take. */
  remaining: number;
  /** The message it hands in, when it is a submission: its steps must be done by `by`. */
  submission?: Submission;
}

/** Probability that a line is stamped 1 s before the line above it (the vendor's sample does this). */
const BACKDATE_RATE = 0.01;
/**
 * Seconds of slack before a submission's deadline at which its session is served alone until it
 * ends: more than any one step of another session moves the clock (a slow command: 4 s).
 */
const HURRY_SEC = 5;
/** Seconds from a submission's Connect to its deadline: a mail client's session, then the queue. */
const SUBMISSION_LEAD_MIN = 20;
const SUBMISSION_LEAD_MAX = 180;

/**
 * The messages that reached the MTA's deliveries over SMTP: each delivery with a sender, at rate
 * `share`, gets a submission connecting seconds to minutes before the delivery's first line. The
 * rest stand for mail the server made itself or took in before its SMTP log begins; a bounce (the
 * null sender) is always the server's own.
 */
export function planSubmissions(
  rng: Rng,
  deliveries: readonly DeliveryRecord[],
  share: number,
): Submission[] {
  const planned: Submission[] = [];
  for (const d of [...deliveries].sort((a, b) => a.start - b.start)) {
    if (!d.from || !rng.chance(share)) continue;
    // A later line of the delivery may be stamped 1 s before its first (BACKDATE_RATE).
    const by = d.start - 1;
    planned.push({ from: d.from, to: d.to, by, at: by - rng.int(SUBMISSION_LEAD_MIN, SUBMISSION_LEAD_MAX) });
  }
  return planned.sort((a, b) => a.at - b.at);
}

/** Writes one service's log: runs of start line, interleaved sessions, stop line. */
export class ServiceLogWriter {
  readonly tally = newTally();
  private clock: EpochSec;
  private lastStamp: EpochSec;
  private job: number;
  private readonly head: string;
  private readonly stamps = new StampCache();
  /** The MTA's deliveries, each when it ended: the report log writes their entries. */
  readonly deliveries: DeliveryRecord[] = [];
  /** Submissions to serve, by time, and the next one. */
  private queue: readonly Submission[] = [];
  private queued = 0;
  /** The submissions written, in the order their sessions ended. */
  readonly submitted: Submission[] = [];

  constructor(
    readonly service: Service,
    private readonly rng: Rng,
    start: EpochSec,
    private readonly sink: LineSink,
  ) {
    this.clock = start;
    this.lastStamp = start;
    this.head = `[${service}] `;
    // JobIDs look like a server-wide counter: start anywhere, grow by small steps, wrap at 5 digits.
    this.job = rng.int(1, 60000);
  }

  get now(): EpochSec {
    return this.clock;
  }

  /** Moves the clock forward, e.g. across a night between two runs. */
  advance(seconds: number): void {
    this.clock += seconds;
  }

  /**
   * SMTP: messages to accept at their times, in the interleaved runs that are up then. A message
   * due while no run is up (before the log begins, during a restart), or whose session could no
   * longer end by its deadline, is not written.
   */
  queueSubmissions(submissions: readonly Submission[]): void {
    if (this.service !== 'SMTP') throw new Error('only the SMTP service accepts submissions');
    this.queue = [...submissions].sort((a, b) => a.at - b.at);
    this.queued = 0;
  }

  run(o: RunOptions): void {
    if (this.service === 'MTA' && o.level === 1 && o.format !== '1.88a') {
      // Level 1 writes no delivery note: without JobIDs nothing would tell a failed delivery's
      // thread lines from the next delivery's, in the log or for the app.
      throw new Error('MTA logs at level 1 need JobIDs (format 1.88a)');
    }
    if (o.forcedCodes && this.service !== 'MTA') throw new Error('only MTA sessions end with a report code');
    if (o.announce !== false) {
      this.clock += this.rng.int(1, 5);
      this.emit('', `${this.service} サービスを開始しました。(Debug Level${o.level})`, false, false);
      this.tally.level = o.level;
      this.tally.format = newer(this.tally.format, '1.26');
    }
    if (o.format === '1.26') this.runSequential(o);
    else this.runInterleaved(o);
    if (o.stop !== false) {
      this.clock += this.rng.int(1, 30);
      this.emit('', `${this.service} サービスを停止しました。`, false, false);
      this.tally.format = newer(this.tally.format, '1.26');
    }
  }

  private emit(prefix: string, text: string, garbageMayPrecede: boolean, mayBackdate: boolean): void {
    let t = this.clock;
    // Only ever 1 s before the line above, and never twice in a row.
    if (mayBackdate && this.lastStamp === t && this.rng.chance(BACKDATE_RATE)) t--;
    this.lastStamp = t;
    this.sink.push(this.head + this.stamps.get(t) + ' ' + prefix + text, garbageMayPrecede);
    this.tally.lines++;
  }

  /** A session's script (a submission's if given), and the steps of it that level `o.level` writes. */
  private script(
    o: RunOptions,
    submission?: Submission,
    code?: number,
  ): { script: SessionScript; steps: Step[] } {
    const ctx = { rng: this.rng, format: o.format, now: this.clock, code };
    const script = submission
      ? buildSubmission(ctx, submission.from, submission.to)
      : buildSession(this.service, ctx);
    const bit = 1 << o.level;
    const kept: Step[] = [];
    let carry = 0;
    for (const s of script.steps) {
      if (s.levels & bit) {
        kept.push(carry ? { ...s, dt: s.dt + carry } : s);
        carry = 0;
      } else carry += s.dt;
    }
    return { script, steps: kept };
  }

  /**
   * Counts a session that has written its last line: its outcome and peer as the app should read
   * them from the lines written. A delivery gets its report entry; the app takes the outcome from
   * it where the log names the delivery's addresses (from level 2, and at level 0).
   */
  private ended(script: SessionScript, steps: Step[], first: EpochSec): void {
    const d = script.delivery;
    let outcome = outcomeOf(steps);
    if (d) {
      this.deliveries.push({ ...d, time: this.clock, start: first });
      if (steps.some((s) => s.text.startsWith('配信を開始します'))) outcome = deliveryOutcome(d.code);
    }
    count(this.tally.outcomes[this.service], outcome);
    count(this.tally.peers[this.service], script.peer ?? '(unknown)');
  }

  private gap(o: RunOptions): number {
    const mean = o.meanGapSec ?? 30;
    return this.rng.int(0, 2 * mean);
  }

  /** 1.26: no thread ids, so sessions follow one another and nothing sits between them. */
  private runSequential(o: RunOptions): void {
    if (o.partialSession) throw new Error('a partial session needs thread ids (1.27 or later)');
    if (this.nextSubmission(o)) throw new Error('submissions need thread ids (1.27 or later)');
    const forced = spreadCodes(this.rng, o.forcedCodes ?? [], o.sessions);
    for (let i = 0; i < o.sessions; i++) {
      if (o.shouldStop?.()) break;
      this.clock += this.gap(o);
      const { script, steps } = this.script(o, undefined, forced.get(i));
      this.tally.sessions[this.service]++;
      const first = this.clock + steps[0].dt;
      for (let k = 0; k < steps.length; k++) {
        this.clock += steps[k].dt;
        this.emit('', steps[k].text, k > 0, true);
      }
      this.ended(script, steps, first);
    }
    this.tally.format = newer(this.tally.format, '1.26');
  }

  private openOn(
    thread: number,
    o: RunOptions,
    { script, steps }: { script: SessionScript; steps: Step[] },
    submission?: Submission,
  ): OpenSession {
    const id = String(thread).padStart(3, '0');
    let prefix = `[${id}] `;
    if (o.format === '1.88a') {
      // Every session gets its own JobID (log-format.md, "Line formats").
      this.job = (this.job + this.rng.int(1, 3)) % 100000;
      prefix = `[${id}-${String(this.job).padStart(5, '0')}] `;
    }
    this.tally.sessions[this.service]++;
    let remaining = 0;
    for (const s of steps) remaining += s.dt;
    return { thread, prefix, steps, next: 0, script, first: NaN, remaining, submission };
  }

  /** The open submission nearest its deadline, if that is near: it is served alone until it ends. */
  private mostUrgent(open: readonly OpenSession[]): number {
    let chosen = -1;
    let least = HURRY_SEC;
    for (let i = 0; i < open.length; i++) {
      const by = open[i].submission?.by;
      if (by === undefined) continue;
      const slack = by - (this.clock + open[i].remaining);
      if (slack <= least) {
        least = slack;
        chosen = i;
      }
    }
    return chosen;
  }

  /** The next queued submission this run serves, if any. */
  private nextSubmission(o: RunOptions): Submission | undefined {
    const next = this.queue[this.queued];
    return next !== undefined && next.at < (o.submissionsUntil ?? Infinity) ? next : undefined;
  }

  /** 1.27+: several sessions open at once, lines interleaved, thread ids reused once free. */
  private runInterleaved(o: RunOptions): void {
    const concurrency = o.concurrency ?? 4;
    const threads = Math.max(o.threads ?? concurrency + 2, concurrency);
    const busy = new Uint8Array(threads);
    const open: OpenSession[] = [];
    const freeThreads: number[] = [];
    const pickThread = (): number => {
      freeThreads.length = 0;
      for (let i = 0; i < threads; i++) if (!busy[i]) freeThreads.push(i);
      const t = this.rng.pick(freeThreads);
      busy[t] = 1;
      return t;
    };
    if (o.partialSession) {
      const { script, steps } = this.script(o);
      // Keep at least the last two lines, drop at least the Connect.
      const cut = this.rng.int(1, Math.max(1, steps.length - 2));
      open.push(this.openOn(pickThread(), o, { script, steps: steps.slice(cut) }));
    }
    const forced = spreadCodes(this.rng, o.forcedCodes ?? [], o.sessions);
    // Submissions due while no run was up (before the log, during a restart) were never logged.
    while (this.queued < this.queue.length && this.queue[this.queued].at < this.clock) this.queued++;
    // Chance per line that a new client arrives while others are being served. A run that serves
    // submissions paces the other clients by time instead, else they would crowd behind its first.
    const arrival = 0.08;
    const paced = this.nextSubmission(o) !== undefined;
    let nextArrival = paced ? this.clock + this.gap(o) : NaN;
    let started = 0;
    for (;;) {
      const submission = this.nextSubmission(o);
      const urgent = this.mostUrgent(open);
      const mayStart = urgent < 0 && started < o.sessions && open.length < concurrency && !o.shouldStop?.();
      if (submission && submission.at <= this.clock && open.length < threads) {
        // It connects on any free thread, when due.
        this.queued++;
        const made = this.script(o, submission);
        let takes = 0;
        for (const step of made.steps) takes += step.dt;
        // Too late to end before its delivery (every thread was busy): left out.
        if (this.clock + takes <= submission.by) open.push(this.openOn(pickThread(), o, made, submission));
        continue;
      }
      if (mayStart && (paced ? this.clock >= nextArrival : open.length === 0 || this.rng.chance(arrival))) {
        if (paced) nextArrival = this.clock + this.gap(o);
        else this.clock += open.length === 0 ? this.gap(o) : this.rng.int(0, 1);
        open.push(this.openOn(pickThread(), o, this.script(o, undefined, forced.get(started))));
        started++;
        continue;
      }
      if (open.length === 0) {
        // Idle until the next client comes.
        const next = Math.min(submission?.at ?? Infinity, paced && mayStart ? nextArrival : Infinity);
        if (next === Infinity) break;
        this.clock = next;
        continue;
      }
      const i = urgent >= 0 ? urgent : this.rng.int(0, open.length - 1);
      const s = open[i];
      const step = s.steps[s.next++];
      this.clock += step.dt;
      s.remaining -= step.dt;
      if (Number.isNaN(s.first)) s.first = this.clock;
      this.emit(s.prefix, step.text, true, true);
      if (s.next === s.steps.length) {
        this.ended(s.script, s.steps, s.first);
        if (s.submission) this.submitted.push(s.submission);
        busy[s.thread] = 0;
        open[i] = open[open.length - 1];
        open.pop();
      }
    }
    if (started > 0 || o.partialSession) this.tally.format = newer(this.tally.format, o.format);
  }
}

/** Codes spread over distinct random positions among `n`: position → code. */
function spreadCodes(rng: Rng, codes: readonly number[], n: number): Map<number, number> {
  if (codes.length > n) throw new Error(`more forced codes than the ${n} places for them`);
  const forced = new Map<number, number>();
  for (const code of codes) {
    let at = rng.int(0, n - 1);
    while (forced.has(at)) at = (at + 1) % n;
    forced.set(at, code);
  }
  return forced;
}

/** Report codes documented by the vendor (log-format.md, "MTA report log"). */
export const KNOWN_REPORT_CODES: readonly number[] = Array.from({ length: 18 }, (_, i) => -i);
/** Mostly delivered; RCPT TO errors, temporary errors and DNS failures are the common failures. */
// prettier-ignore
const CODE_WEIGHTS = [
  860, 12, 4, 4, 40, 3, 3, 30, 3, 6, 5, 3, 12, 10, 1, 1, 2, 1,
];

export interface ReportOptions {
  /** Entries besides `deliveries`. */
  entries: number;
  /** The MTA's own deliveries, in any order: each is written at its time among the others. */
  deliveries?: readonly DeliveryRecord[];
  /** Codes that must appear at least once each (e.g. every documented code plus unknown ones). */
  forcedCodes?: readonly number[];
  /** Share of entries given a code outside the vendor's table. */
  unknownRate?: number;
  meanGapSec?: number;
  shouldStop?: () => boolean;
}

/** Writes the MTA report log: `YYYY/MM/DD HH:MM:SS<TAB>sender<TAB>recipient<TAB>code` (layout assumed). */
export class ReportLogWriter {
  readonly tally = newTally();
  private clock: EpochSec;
  private lastStamp: EpochSec;
  private readonly stamps = new StampCache();

  constructor(
    private readonly rng: Rng,
    start: EpochSec,
    private readonly sink: LineSink,
  ) {
    this.clock = start;
    this.lastStamp = start;
  }

  write(o: ReportOptions): void {
    const rng = this.rng;
    const forced = spreadCodes(rng, o.forcedCodes ?? [], o.entries);
    const mean = o.meanGapSec ?? 60;
    const deliveries = [...(o.deliveries ?? [])].sort((a, b) => a.time - b.time);
    let next = 0;
    const writeDeliveriesUntil = (t: EpochSec) => {
      for (; next < deliveries.length && deliveries[next].time <= t; next++) {
        const d = deliveries[next];
        this.entry(d.time, d.from ? d.from : '<>', d.to, d.code);
      }
    };
    for (let i = 0; i < o.entries; i++) {
      if (o.shouldStop?.()) break;
      let code = forced.get(i);
      if (code === undefined) {
        code =
          o.unknownRate && rng.chance(o.unknownRate) ? rng.pick([-99, 5, -18]) : -rng.weighted(CODE_WEIGHTS);
      }
      this.clock += rng.int(0, 2 * mean);
      let t = this.clock;
      if (this.lastStamp === t && rng.chance(BACKDATE_RATE)) t--;
      this.lastStamp = t;
      writeDeliveriesUntil(t);
      // Bounces we send back carry the null sender.
      const sender = rng.chance(0.05) ? '<>' : `${rng.pick(USERS)}@${LOCAL_DOMAIN}`;
      this.entry(t, sender, foreignAddress(rng), code);
    }
    writeDeliveriesUntil(Infinity);
  }

  private entry(t: EpochSec, sender: string, recipient: string, code: number): void {
    this.sink.push(`${this.stamps.get(t)}\t${sender}\t${recipient}\t${code}`, true);
    const r = this.tally.report;
    r.entries++;
    r.byCode[String(code)] = (r.byCode[String(code)] ?? 0) + 1;
    if (code !== 0) r.failed++;
    this.tally.lines++;
  }
}

/**
 * A line no layout matches: a Japanese sentence without envelope, a rule, a truncated envelope, a
 * stack-trace line. `neighbour` is a real line nearby, whose first bytes make the truncated envelope.
 */
export function makeGarbageLine(rng: Rng, neighbour: string): string {
  switch (rng.int(0, 3)) {
    case 0:
      return rng.pick([
        'ログファイルの書き込み中にエラーが発生しました',
        'メモリが不足しています。処理を中断します',
        '設定ファイルを読み込めませんでした',
      ]);
    case 1:
      return '-'.repeat(rng.int(4, 40));
    case 2:
      // A write cut off inside the date: never a complete `YYYY/MM/DD HH:MM:SS`.
      return neighbour.slice(0, neighbour.startsWith('[') ? neighbour.indexOf(']') + 2 + rng.int(2, 12) : 8);
    default:
      return '   at PMailServer.ThreadProc.Execute()';
  }
}

/** Inserts `n` garbage lines before randomly chosen lines that allow it; counts them as unparsed. */
export function insertGarbage(sink: CollectingSink, n: number, rng: Rng, tally: FileTally): void {
  const candidates: number[] = [];
  for (let i = 0; i < sink.lines.length; i++) if (sink.safe[i]) candidates.push(i);
  if (candidates.length < n) throw new Error(`only ${candidates.length} places for ${n} garbage lines`);
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(rng.pick(candidates));
  // Insert from the end so earlier indices stay valid.
  for (const at of [...chosen].sort((a, b) => b - a)) {
    const line = makeGarbageLine(rng, sink.lines[at]);
    sink.lines.splice(at, 0, line);
    sink.safe.splice(at, 0, false);
  }
  tally.lines += n;
  tally.unparsed += n;
}

/** The same counts keyed 0, -1, -2 … then unknown codes, for a manifest a person reads. */
export function sortByCode(byCode: Record<string, number>): Record<string, number> {
  const sorted: Record<string, number> = {};
  for (const k of Object.keys(byCode).sort((a, b) => Number(b) - Number(a))) sorted[k] = byCode[k];
  return sorted;
}

export function mergeTallies(into: FileTally, from: FileTally): void {
  into.lines += from.lines;
  into.unparsed += from.unparsed;
  for (const s of SERVICES) {
    into.sessions[s] += from.sessions[s];
    for (const [o, n] of Object.entries(from.outcomes[s])) count(into.outcomes[s], o as OutcomeName, n);
    for (const [p, n] of Object.entries(from.peers[s])) count(into.peers[s], p, n);
  }
  into.report.entries += from.report.entries;
  into.report.failed += from.report.failed;
  for (const [code, n] of Object.entries(from.report.byCode)) {
    into.report.byCode[code] = (into.report.byCode[code] ?? 0) + n;
  }
}
