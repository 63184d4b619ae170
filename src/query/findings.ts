import { LineKind } from '../model/line-kind';
import { Outcome, type LogIndex } from '../model/log-index';
import { NO_TIME } from '../model/units';
import type { RowFilter } from './view-query';
import type { Finding, FindingThresholds } from './finding-types';
import { wholeIndexCounts } from './whole-index';

/**
 * The overview's findings over an index: bursts of failed logins per IP and per user, relay
 * attempts, failing destination domains, surges of temporary failures, service restarts and
 * changes of debug level, and gaps with no line at all. Each is a plain count against its
 * threshold; the tests state each one on crafted files.
 */
export function findFindings(index: LogIndex, t: FindingThresholds): Finding[] {
  return [
    ...passwordGuessing(index, t),
    ...relayAttempts(index, t),
    ...failingDomains(index, t),
    ...temporarySurges(index, t),
    ...restarts(index),
    ...gaps(index, t),
  ];
}

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

function passwordGuessing(index: LogIndex, t: FindingThresholds): Finding[] {
  const c = index.sessions;
  const failed = (s: number) => c.outcome[s] === Outcome.AuthFailed;
  const window = t.guessWindowMin * 60;
  // From one IP (or host where no IP was logged), and against one user.
  const ways = [
    {
      kind: 'password-guessing-ip' as const,
      of: (s: number) => (c.peerIp[s] >= 0 ? c.peerIp[s] : c.peerHost[s]),
      evidence: (ip: string): RowFilter => ({ peer: ip }),
    },
    {
      kind: 'password-guessing-user' as const,
      of: (s: number) => c.authUser[s],
      evidence: (user: string): RowFilter => ({ address: user }),
    },
  ];
  const out: Finding[] = [];
  for (const way of ways) {
    for (const [id, times] of timesBy(index, way.of, failed)) {
      const burst = densest(times, window);
      if (burst.count < t.guessFailures) continue;
      const subject = index.strings[id];
      const range = { from: burst.from, to: burst.to + 1 };
      out.push({
        kind: way.kind,
        subject,
        count: burst.count,
        ...range,
        log: { ...way.evidence(subject), outcomes: [Outcome.AuthFailed], ...range },
      });
    }
  }
  return out.sort((a, b) => b.count - a.count);
}

function relayAttempts(index: LogIndex, t: FindingThresholds): Finding[] {
  const c = index.sessions;
  const denied = timesBy(
    index,
    (s) => (c.peerIp[s] >= 0 ? c.peerIp[s] : c.peerHost[s]),
    (s) => c.outcome[s] === Outcome.RelayDenied,
  );
  const out: Finding[] = [];
  for (const [id, times] of denied) {
    if (times.length < t.relayDenials) continue;
    const peer = index.strings[id];
    out.push({
      kind: 'relay-attempts',
      subject: peer,
      count: times.length,
      from: times[0],
      to: times[times.length - 1] + 1,
      log: { peer, outcomes: [Outcome.RelayDenied] },
    });
  }
  return out.sort((a, b) => b.count - a.count);
}

const isTemporary = (code: number) => code === -7 || code === -9;

function failingDomains(index: LogIndex, t: FindingThresholds): Finding[] {
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
  const out: Finding[] = [];
  failed.forEach((n, d) => {
    if (n < t.domainFailures || (100 * n) / all[d] < t.domainFailurePercent) return;
    const domain = index.strings[d];
    out.push({
      kind: 'failing-domain',
      subject: domain,
      count: n,
      deliveries: { address: `@${domain}`, failedOnly: true },
    });
  });
  return out.sort((a, b) => b.count - a.count);
}

function temporarySurges(index: LogIndex, t: FindingThresholds): Finding[] {
  const r = index.report;
  const times: number[] = [];
  for (let e = 0; e < r.count; e++)
    if (isTemporary(r.code[e]) && r.time[e] !== NO_TIME) times.push(r.time[e]);
  times.sort((a, b) => a - b);
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

/**
 * Service starts after a file's first (a restart: the first is the file's beginning), stops, and
 * files whose debug level changed.
 */
function restarts(index: LogIndex): Finding[] {
  const { kind, service } = index.rows;
  const marks = wholeIndexCounts(index).serviceStartsAndStops;
  const out: Finding[] = [];
  for (const f of index.files) {
    if (f.kind !== 'service') continue;
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
    const restartsSeen = Math.max(stops, starts - 1);
    const name = index.services[svc] ?? '';
    const evidence: RowFilter = {
      kinds: [LineKind.ServiceStart, LineKind.ServiceStop],
      ...(name ? { services: [name] } : {}),
    };
    if (restartsSeen > 0)
      out.push({ kind: 'service-restart', subject: f.name, count: restartsSeen, log: evidence });
    const levels = new Set(f.levels.map((l) => l.level));
    if (levels.size > 1)
      out.push({ kind: 'level-change', subject: f.name, count: f.levels.length - 1, log: evidence });
  }
  return out;
}

/**
 * Stretches of at least gapMin minutes with no line at all in a service log: between two
 * consecutive lines of one file (its own order is time order). Per file, so logs of different
 * years loaded together make no gap between them.
 */
function gaps(index: LogIndex, t: FindingThresholds): Finding[] {
  const { time, service } = index.rows;
  const { wordMinTime, wordMaxTime } = wholeIndexCounts(index);
  const out: Finding[] = [];
  const min = t.gapMin * 60;
  for (const f of index.files) {
    if (f.kind !== 'service' || f.lines === 0) continue;
    let last = NO_TIME;
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
  }
  return out;
}
