import { LineKind } from '../model/line-kind';
import { Outcome, type LogIndex } from '../model/log-index';
import { NO_TIME } from '../model/units';
import type { RowFilter } from './view-query';
import type { Finding, FindingThresholds } from './finding-types';
import type { FileInfo } from '../model/file-info';
import { wholeIndexCounts } from './whole-index';
import type { FileFacts, FindingFacts } from './summary-facts';
import { summarizeFiles } from './summary-files';

/**
 * The overview's findings over an index: bursts of failed logins per IP and per user, relay
 * attempts, failing destination domains, surges of temporary failures, service restarts and
 * changes of debug level, and gaps with no line at all. Each is a plain count against its
 * threshold; the tests state each one on crafted files.
 */
export function findFindings(index: LogIndex, t: FindingThresholds): Finding[] {
  return findingsFromFacts(findingFacts(index, t), t);
}

/**
 * What the findings are counted from, keyed by strings so that the facts of several indexes add
 * up (query/summary-facts.ts). `lastTimes`: see indexFacts.
 */
export function findingFacts(index: LogIndex, t: FindingThresholds, lastTimes?: number[]): FindingFacts {
  const c = index.sessions;
  const ipOf = (s: number) => (c.peerIp[s] >= 0 ? c.peerIp[s] : c.peerHost[s]);
  const failed = (s: number) => c.outcome[s] === Outcome.AuthFailed;
  const relayDenied = new Map<string, { count: number; from: number; to: number }>();
  for (const [id, times] of timesBy(index, ipOf, (s) => c.outcome[s] === Outcome.RelayDenied)) {
    relayDenied.set(index.strings[id], { count: times.length, from: times[0], to: times[times.length - 1] });
  }
  const byString = (groups: Map<number, number[]>) =>
    new Map([...groups].map(([id, times]) => [index.strings[id], times]));
  const summaries = summarizeFiles(index);
  return {
    files: fileFacts(index, t, lastTimes).map((f, i) => ({ summary: summaries[i], ...f })),
    guessesByIp: byString(timesBy(index, ipOf, failed)),
    guessesByUser: byString(timesBy(index, (s) => c.authUser[s], failed)),
    relayDenied,
    domains: domainCounts(index),
    temporary: temporaryTimes(index),
  };
}

/** The findings the facts raise with thresholds `t` (those the facts' gaps were found with). */
export function findingsFromFacts(f: FindingFacts, t: FindingThresholds): Finding[] {
  const files = f.files.filter((file) => file !== undefined);
  return [
    ...passwordGuessing(f, t),
    ...relayAttempts(f, t),
    ...failingDomains(f, t),
    ...temporarySurges(f, t),
    ...restarts(files),
    ...files.flatMap((file) => file.gaps),
  ];
}

/** Sorted by count, most first; ties by subject, so facts added in any order give one list. */
const byCount = (a: Finding, b: Finding) =>
  b.count - a.count || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0);

/** The densest stretch of `times` (sorted) no longer than `window` seconds: its count and bounds. */
function densest(times: number[], window: number): { count: number; from: number; to: number } {
  let best = { count: 0, from: 0, to: 0 };
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while (times[hi] - times[lo] > window) lo++;
    if (hi - lo + 1 > best.count) best = { count: hi - lo + 1, from: times[lo], to: times[hi] };
  }
  return best;
}

/** Times of sessions grouped by a string column's value, for the sessions `keep` keeps. */
function timesBy(index: LogIndex, column: (s: number) => number, keep: (s: number) => boolean) {
  const groups = new Map<number, number[]>();
  const c = index.sessions;
  for (let s = 0; s < c.count; s++) {
    if (!keep(s) || c.firstTime[s] === NO_TIME) continue;
    const id = column(s);
    if (id < 0) continue;
    let list = groups.get(id);
    if (!list) groups.set(id, (list = []));
    list.push(c.firstTime[s]);
  }
  for (const list of groups.values()) list.sort((a, b) => a - b);
  return groups;
}

function passwordGuessing(f: FindingFacts, t: FindingThresholds): Finding[] {
  const window = t.guessWindowMin * 60;
  // From one IP (or host where no IP was logged), and against one user.
  const ways = [
    {
      kind: 'password-guessing-ip' as const,
      times: f.guessesByIp,
      evidence: (ip: string): RowFilter => ({ peer: ip }),
    },
    {
      kind: 'password-guessing-user' as const,
      times: f.guessesByUser,
      evidence: (user: string): RowFilter => ({ address: user }),
    },
  ];
  const out: Finding[] = [];
  for (const way of ways) {
    const found: Finding[] = [];
    for (const [subject, times] of way.times) {
      const burst = densest(
        times.slice().sort((x, y) => x - y),
        window,
      );
      if (burst.count < t.guessFailures) continue;
      const range = { from: burst.from, to: burst.to + 1 };
      found.push({
        kind: way.kind,
        subject,
        count: burst.count,
        ...range,
        log: { ...way.evidence(subject), outcomes: [Outcome.AuthFailed], ...range },
      });
    }
    out.push(...found.sort(byCount));
  }
  // By count; at equal counts those from one IP first.
  return out.sort((a, b) => b.count - a.count);
}

function relayAttempts(f: FindingFacts, t: FindingThresholds): Finding[] {
  const out: Finding[] = [];
  for (const [peer, denied] of f.relayDenied) {
    if (denied.count < t.relayDenials) continue;
    out.push({
      kind: 'relay-attempts',
      subject: peer,
      count: denied.count,
      from: denied.from,
      to: denied.to + 1,
      log: { peer, outcomes: [Outcome.RelayDenied] },
    });
  }
  return out.sort(byCount);
}

const isTemporary = (code: number) => code === -7 || code === -9;

/** Report entries per recipient domain, and those that failed for good. */
function domainCounts(index: LogIndex): FindingFacts['domains'] {
  const r = index.report;
  // Counted by string id: a delivery per entry, hundreds of thousands of them.
  const all = new Uint32Array(index.strings.length);
  const failed = new Uint32Array(index.strings.length);
  for (let e = 0; e < r.count; e++) {
    const d = r.domain[e];
    if (d < 0) continue;
    all[d]++;
    if (r.code[e] !== 0 && !isTemporary(r.code[e])) failed[d]++;
  }
  const out: FindingFacts['domains'] = new Map();
  all.forEach((n, d) => {
    if (n > 0) out.set(index.strings[d], { all: n, failed: failed[d] });
  });
  return out;
}

function failingDomains(f: FindingFacts, t: FindingThresholds): Finding[] {
  const out: Finding[] = [];
  for (const [domain, { all, failed }] of f.domains) {
    if (failed < t.domainFailures || (100 * failed) / all < t.domainFailurePercent) continue;
    out.push({
      kind: 'failing-domain',
      subject: domain,
      count: failed,
      deliveries: { address: `@${domain}`, failedOnly: true },
    });
  }
  return out.sort(byCount);
}

function temporaryTimes(index: LogIndex): number[] {
  const r = index.report;
  const times: number[] = [];
  for (let e = 0; e < r.count; e++)
    if (isTemporary(r.code[e]) && r.time[e] !== NO_TIME) times.push(r.time[e]);
  return times;
}

function temporarySurges(f: FindingFacts, t: FindingThresholds): Finding[] {
  const times = f.temporary.slice().sort((a, b) => a - b);
  const burst = densest(times, t.temporaryWindowMin * 60);
  if (burst.count < t.temporarySurge) return [];
  const range = { from: burst.from, to: burst.to + 1 };
  return [
    {
      kind: 'temporary-surge',
      subject: '-7, -9',
      count: burst.count,
      ...range,
      deliveries: { codes: [-7, -9], ...range },
    },
  ];
}

type PartFacts = Omit<FileFacts, 'summary'>;

/**
 * Per file of the index: its service starts and stops, the service of its last start, its gaps
 * and its latest time. Gaps are looked for between two consecutive lines of one file (its own
 * order is time order), from the latest time before it (`lastTimes[i]`) when the file continues
 * one already read.
 */
function fileFacts(index: LogIndex, t: FindingThresholds, lastTimes?: number[]): PartFacts[] {
  const { kind, service } = index.rows;
  const marks = wholeIndexCounts(index).serviceStartsAndStops;
  return index.files.map((f, i) => {
    let starts = 0;
    let stops = 0;
    let svc = 0;
    for (const r of marks) {
      if (r < f.firstRow || r >= f.firstRow + f.lines) continue;
      if (kind[r] === LineKind.ServiceStart) {
        starts++;
        svc = service[r];
      } else stops++;
    }
    const { gaps, lastTime } = fileGaps(index, f, t, lastTimes?.[i] ?? NO_TIME);
    return { starts, stops, startService: index.services[svc] ?? '', gaps, lastTime };
  });
}

/**
 * Service starts after a file's first (a restart: the first is the file's beginning), stops, and
 * files whose debug level changed.
 */
function restarts(files: FileFacts[]): Finding[] {
  const out: Finding[] = [];
  for (const f of files) {
    if (f.summary.kind !== 'service') continue;
    const restartsSeen = Math.max(f.stops, f.starts - 1);
    const name = f.startService;
    const evidence: RowFilter = {
      kinds: [LineKind.ServiceStart, LineKind.ServiceStop],
      ...(name ? { services: [name] } : {}),
    };
    const subject = f.summary.name;
    if (restartsSeen > 0) out.push({ kind: 'service-restart', subject, count: restartsSeen, log: evidence });
    const levels = f.summary.levels;
    if (new Set(levels).size > 1)
      out.push({ kind: 'level-change', subject, count: levels.length - 1, log: evidence });
  }
  return out;
}

/**
 * Stretches of at least gapMin minutes with no line at all in a service log: between two
 * consecutive lines of one file (its own order is time order). Per file, so logs of different
 * years loaded together make no gap between them.
 */
function fileGaps(
  index: LogIndex,
  f: FileInfo,
  t: FindingThresholds,
  lastBefore: number,
): { gaps: Finding[]; lastTime: number } {
  const { time, service } = index.rows;
  const { wordMinTime, wordMaxTime } = wholeIndexCounts(index);
  const out: Finding[] = [];
  const min = t.gapMin * 60;
  let last = lastBefore;
  if (f.kind !== 'service' || f.lines === 0) return { gaps: out, lastTime: last };
  const end = f.firstRow + f.lines;
  for (let r = f.firstRow; r < end;) {
    const w = r >>> 5;
    const wordEnd = Math.min(end, (w + 1) << 5);
    // A word of this file only, none of whose lines can be min after the latest line before it
    // (nor after the word's earliest, at the file's start): skipped whole.
    const whole = r === w << 5 && wordEnd === (w + 1) << 5;
    const lo = wordMinTime[w];
    const hi = wordMaxTime[w];
    if (whole && hi !== NO_TIME && hi - (last === NO_TIME ? lo : last) < min) {
      if (last === NO_TIME || hi > last) last = hi;
      r = wordEnd;
      continue;
    }
    for (; r < wordEnd; r++) {
      const now = time.at(r);
      if (now === NO_TIME) continue;
      if (last !== NO_TIME && now - last >= min) {
        const name = index.services[service[r]] ?? '';
        out.push({
          kind: 'gap',
          subject: f.name,
          count: Math.floor((now - last) / 60),
          from: last,
          to: now,
          log: { ...(name ? { services: [name] } : {}), from: last, to: now + 1 },
        });
      }
      if (last === NO_TIME || now > last) last = now;
    }
  }
  return { gaps: out, lastTime: last };
}
