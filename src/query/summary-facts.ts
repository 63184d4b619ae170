/**
 * What the summary and the findings are made of, in a form that adds up: counts and maps keyed
 * by strings (never an index's own string ids), the times of the few events a burst is looked for
 * in, and per file its starts, stops and gaps. The page makes them from its one index; the command
 * line makes them from each window of a load too big to index at once and adds them up
 * (scripts/windowed-summary.ts). Either way the result is made from them by the same code
 * (summaryFromFacts, findingsFromFacts).
 */
import type { LogIndex } from '../model/log-index';
import { NO_TIME } from '../model/units';
import type { Finding, FindingThresholds } from './finding-types';
import type { Summary } from './types';
import { findingFacts } from './findings';
import { sessionFacts } from './summary';

/** A peer as logged: its host and IP (null where the session logged none). */
export interface PeerCount {
  service: string;
  host: string | null;
  ip: string | null;
  count: number;
}

export interface SessionFacts {
  lines: number;
  /** Sessions per service, by outcome (Outcome as the index). */
  outcomes: Map<string, number[]>;
  /** Sessions per (service, host, ip). */
  peers: Map<string, PeerCount>;
  /** Failed logins per (service, peer label, user). */
  authFailures: Map<string, Summary['authFailures'][number]>;
  authByUser: Map<string, number>;
  authByIp: Map<string, number>;
  /** Relay denials per (host, ip); `service` is empty. */
  relay: Map<string, PeerCount>;
  /** Report entries per code. */
  codes: Map<number, number>;
}

/** One input file: what the summary lists, and what its restart, level and gap findings need. */
export interface FileFacts {
  summary: Summary['files'][number];
  /** Its service start and stop lines, and the service the last start named. */
  starts: number;
  stops: number;
  startService: string;
  /** Its gaps of at least the thresholds' gapMin, in file order. */
  gaps: Finding[];
  /** The latest time of its lines so far (NO_TIME for none): the next part's gaps count from it. */
  lastTime: number;
}

export interface FindingFacts {
  files: FileFacts[];
  /** Times of failed logins (the session's first line) per IP (or host), and per user. */
  guessesByIp: Map<string, number[]>;
  guessesByUser: Map<string, number[]>;
  /** Relay denials with a time per IP (or host): how many, the first and the last. */
  relayDenied: Map<string, { count: number; from: number; to: number }>;
  /** Report entries per recipient domain, and those of them that failed for good (not -7/-9). */
  domains: Map<string, { all: number; failed: number }>;
  /** Times of the temporary failures (-7, -9). */
  temporary: number[];
}

export type SummaryFacts = SessionFacts & FindingFacts;

/**
 * The facts of one index. `lastTimes[i]` is the latest line time of the input file that
 * index.files[i] continues (a later part of it on the command line), NO_TIME or absent for a
 * file's beginning: gaps are measured across the cut from it.
 */
export function indexFacts(index: LogIndex, t: FindingThresholds, lastTimes?: number[]): SummaryFacts {
  return { ...sessionFacts(index), ...findingFacts(index, t, lastTimes) };
}

export function emptyFacts(): SummaryFacts {
  return {
    lines: 0,
    outcomes: new Map(),
    peers: new Map(),
    authFailures: new Map(),
    authByUser: new Map(),
    authByIp: new Map(),
    relay: new Map(),
    codes: new Map(),
    files: [],
    guessesByIp: new Map(),
    guessesByUser: new Map(),
    relayDenied: new Map(),
    domains: new Map(),
    temporary: [],
  };
}

function addCounts<K>(into: Map<K, number>, from: Map<K, number>): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

function addKeyed<T extends { count: number }>(into: Map<string, T>, from: Map<string, T>): void {
  for (const [k, v] of from) {
    const had = into.get(k);
    if (had) had.count += v.count;
    else into.set(k, { ...v });
  }
}

function addLists(into: Map<string, number[]>, from: Map<string, number[]>): void {
  for (const [k, list] of from) {
    const had = into.get(k);
    if (had) for (const x of list) had.push(x);
    else into.set(k, list.slice());
  }
}

const FORMAT_RANK = { '1.26': 1, '1.27': 2, '1.88a': 3 } as const;

/**
 * A later part of an input file added to what its earlier parts said. Lines, unparsed lines,
 * impossible dates, starts and stops add up; the kind is the first part's, and so is the encoding
 * unless that part was all ASCII (a default, not a finding: then the first part that tells); the
 * format is the newest seen; the level the last stated; the
 * levels are joined, a part's first level dropped when it is the one the file was already at (the
 * scanner lists a level where it changes, and a part starts knowing none).
 */
function addFilePart(into: FileFacts, part: FileFacts): void {
  const a = into.summary;
  const b = part.summary;
  const linesBefore = a.lines;
  if (a.encodingSource === 'default' && b.encodingSource !== 'default') {
    a.encoding = b.encoding;
    a.encodingSource = b.encodingSource;
  }
  a.lines += b.lines;
  a.unparsed += b.unparsed;
  a.impossibleDates += b.impossibleDates;
  if (b.format && (!a.format || FORMAT_RANK[b.format] > FORMAT_RANK[a.format])) a.format = b.format;
  if (b.level !== null) a.level = b.level;
  for (const level of b.levels) if (a.levels[a.levels.length - 1] !== level) a.levels.push(level);
  const warnings: Summary['files'][number]['warnings'] = [];
  const dates = a.warnings.find((w) => w.code === 'impossible-dates');
  const partDates = b.warnings.find((w) => w.code === 'impossible-dates');
  if (dates && dates.code === 'impossible-dates') warnings.push({ ...dates, count: a.impossibleDates });
  else if (partDates && partDates.code === 'impossible-dates')
    warnings.push({ ...partDates, count: a.impossibleDates, firstLine: partDates.firstLine + linesBefore });
  if ([...a.warnings, ...b.warnings].some((w) => w.code === 'cr-only')) warnings.push({ code: 'cr-only' });
  if (a.lines > 0 && a.unparsed === a.lines) warnings.push({ code: 'no-layout' });
  a.warnings = warnings;
  into.starts += part.starts;
  into.stops += part.stops;
  if (part.starts > 0) into.startService = part.startService;
  into.gaps.push(...part.gaps);
  if (part.lastTime !== NO_TIME && (into.lastTime === NO_TIME || part.lastTime > into.lastTime))
    into.lastTime = part.lastTime;
}

/**
 * Adds one window's facts to the total. `inputOf[i]` is the input file index.files[i] is (a part
 * of): a new input gets its entry, a continued one gets the part added to it.
 */
export function addFacts(total: SummaryFacts, part: SummaryFacts, inputOf: number[]): void {
  total.lines += part.lines;
  for (const [service, byOutcome] of part.outcomes) {
    const had = total.outcomes.get(service);
    if (had) byOutcome.forEach((n, o) => (had[o] += n));
    else total.outcomes.set(service, byOutcome.slice());
  }
  addKeyed(total.peers, part.peers);
  addKeyed(total.authFailures, part.authFailures);
  addCounts(total.authByUser, part.authByUser);
  addCounts(total.authByIp, part.authByIp);
  addKeyed(total.relay, part.relay);
  addCounts(total.codes, part.codes);
  part.files.forEach((file, i) => {
    const had = total.files[inputOf[i]];
    if (had) addFilePart(had, file);
    else total.files[inputOf[i]] = structuredClone(file);
  });
  addLists(total.guessesByIp, part.guessesByIp);
  addLists(total.guessesByUser, part.guessesByUser);
  for (const [peer, d] of part.relayDenied) {
    const had = total.relayDenied.get(peer);
    if (!had) total.relayDenied.set(peer, { ...d });
    else {
      had.count += d.count;
      had.from = Math.min(had.from, d.from);
      had.to = Math.max(had.to, d.to);
    }
  }
  for (const [domain, d] of part.domains) {
    const had = total.domains.get(domain);
    if (!had) total.domains.set(domain, { ...d });
    else {
      had.all += d.all;
      had.failed += d.failed;
    }
  }
  for (const x of part.temporary) total.temporary.push(x);
}
