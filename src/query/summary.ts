import { OUTCOME_NAMES, Outcome, type LogIndex, type Outcome as OutcomeT } from '../model/log-index';
import { describeReportCode } from '../model/report-codes';
import { CountTable } from '../lib/count-table';
import { NO_TIME } from '../model/units';
import type { FindingFacts, PeerCount, SessionFacts, SummaryFacts } from './summary-facts';
import type { Summary } from './types';
import { summarizeFiles } from './summary-files';
import { findFindings } from './findings';
import { DEFAULT_THRESHOLDS } from './finding-types';
import { wholeIndexFacets, wholeIndexFacetsFor } from './whole-index';

/** The engine lists the files from here too (after an encoding is set). */
import type { RowFacets } from './view-query';

const TOP = 10;

/**
 * A peer's key packs its host and IP string ids (-1 for none) into one exact integer, in base
 * "number of strings + 1": with the few thousand strings of real logs the keys stay small
 * integers (exact in a double whatever the count).
 */
function peerKeys(strings: number) {
  const base = strings + 1;
  return {
    peerKey: (host: number, ip: number) => (host + 1) * base + (ip + 1),
    unpackPeer: (key: number) => ({ host: Math.floor(key / base) - 1, ip: (key % base) - 1 }),
  };
}

/** A peer as the summary names it: its host, with its IP beside it when that says more. */
function peerLabel(host: string | null, ip: string | null): string {
  const peer = host ?? ip ?? '(unknown)';
  return ip && ip !== peer ? `${peer} (${ip})` : peer;
}

/** Report codes seen, counted in an array for the usual range (the vendor's codes are -99..0) and in a Map past it. */
function countCodes(code: Int32Array, count: number): Map<number, number> {
  const OFFSET = 1024;
  const near = new Uint32Array(2 * OFFSET);
  const far = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const c = code[i];
    if (c >= -OFFSET && c < OFFSET) near[c + OFFSET]++;
    else far.set(c, (far.get(c) ?? 0) + 1);
  }
  near.forEach((n, k) => {
    if (n > 0) far.set(k - OFFSET, n);
  });
  return far;
}

/**
 * The sessions, peers, failures and report codes of an index, keyed by strings so they add up
 * across indexes (query/summary-facts.ts). It runs once per load over every session, so it counts
 * by numeric keys and builds strings only for the distinct keys.
 */
export function sessionFacts(index: LogIndex): SessionFacts {
  const { sessions: s, strings, services, report } = index;
  const { peerKey, unpackPeer } = peerKeys(strings.length);
  const str = (id: number) => (id >= 0 ? strings[id] : null);
  const perService = services.map(() => ({ outcomes: new Uint32Array(5), peers: new CountTable() }));
  const relay = new CountTable();
  const authFailed: number[] = [];
  const authByUser = new CountTable();
  const authByIp = new CountTable();
  for (let i = 0; i < s.count; i++) {
    const svc = perService[s.service[i]];
    svc.outcomes[s.outcome[i]]++;
    svc.peers.add(peerKey(s.peerHost[i], s.peerIp[i]));
    if (s.outcome[i] === Outcome.AuthFailed) {
      authFailed.push(i);
      if (s.authUser[i] >= 0) authByUser.add(s.authUser[i]);
      const ip = s.peerIp[i] >= 0 ? s.peerIp[i] : s.peerHost[i];
      if (ip >= 0) authByIp.add(ip);
    } else if (s.outcome[i] === Outcome.RelayDenied) relay.add(peerKey(s.peerHost[i], s.peerIp[i]));
  }

  // Auth failures are few: group them by strings directly.
  const auth = new Map<string, Summary['authFailures'][number]>();
  for (const i of authFailed) {
    const service = services[s.service[i]];
    const peer = peerLabel(str(s.peerHost[i]), str(s.peerIp[i]));
    const user = str(s.authUser[i]);
    const k = `${service}\0${peer}\0${user}`;
    const e = auth.get(k) ?? { service, peer, user, count: 0 };
    e.count++;
    auth.set(k, e);
  }

  const outcomes = new Map<string, number[]>();
  const peers = new Map<string, PeerCount>();
  const peerCount = (service: string, key: number, count: number): [string, PeerCount] => {
    const { host, ip } = unpackPeer(key);
    const p = { service, host: str(host), ip: str(ip), count };
    return [JSON.stringify([service, p.host, p.ip]), p];
  };
  perService.forEach((p, id) => {
    if (p.outcomes.every((n) => n === 0)) return;
    outcomes.set(services[id], Array.from(p.outcomes));
    for (const [key, n] of p.peers.top(Infinity)) peers.set(...peerCount(services[id], key, n));
  });
  const byString = (t: CountTable) => new Map(t.top(Infinity).map(([id, n]) => [strings[id], n]));
  return {
    lines: index.rows.count,
    outcomes,
    peers,
    authFailures: auth,
    authByUser: byString(authByUser),
    authByIp: byString(authByIp),
    relay: new Map(relay.top(Infinity).map(([key, n]) => peerCount('', key, n))),
    codes: countCodes(report.code, report.count),
  };
}

/** The n largest of `entries` by count, ties in the order of `tie` (so any order of adding gives one answer). */
function top<T>(entries: Iterable<T>, count: (e: T) => number, tie: (e: T) => string, n = TOP): T[] {
  return [...entries]
    .sort((a, b) => count(b) - count(a) || (tie(a) < tie(b) ? -1 : tie(a) > tie(b) ? 1 : 0))
    .slice(0, n);
}

/** The daily-report view of facts: per-file facts, sessions, peers, failures, report codes. */
export function summaryFromFacts(f: SummaryFacts): Summary {
  const sessions: Record<string, number> = {};
  const outcomes: Record<string, Record<string, number>> = {};
  for (const [service, byOutcome] of f.outcomes) {
    sessions[service] = byOutcome.reduce((a, b) => a + b, 0);
    const named: Record<string, number> = {};
    byOutcome.forEach((n, o) => {
      if (n > 0) named[OUTCOME_NAMES[o as OutcomeT]] = n;
    });
    outcomes[service] = named;
  }
  const byCodeMap = f.codes;
  const entries = [...byCodeMap.values()].reduce((a, b) => a + b, 0);
  const failed = entries - (byCodeMap.get(0) ?? 0);
  const codes = [...byCodeMap.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([code, count]) => {
      const d = describeReportCode(code);
      return { code, count, ja: d.ja, en: d.en, severity: d.severity };
    });
  const byName = ([name]: [string, number]) => name;
  const byCount = ([, n]: [string, number]) => n;
  return {
    lines: f.lines,
    files: f.files.filter((file) => file !== undefined).map((file) => file.summary),
    sessions,
    outcomes,
    topPeers: top(
      f.peers.values(),
      (p) => p.count,
      (p) => `${p.service}\0${p.host ?? ''}\0${p.ip ?? ''}`,
    ).map((p) => ({
      service: p.service,
      peer: peerLabel(p.host, p.ip),
      sessions: p.count,
    })),
    authFailures: top(
      f.authFailures.values(),
      (a) => a.count,
      (a) => `${a.service}\0${a.peer}\0${a.user ?? ''}`,
    ),
    authFailuresByUser: top(f.authByUser, byCount, byName).map(([user, count]) => ({ user, count })),
    authFailuresByIp: top(f.authByIp, byCount, byName).map(([ip, count]) => ({ ip, count })),
    relayDenials: top(
      f.relay.values(),
      (p) => p.count,
      (p) => `${p.host ?? ''}\0${p.ip ?? ''}`,
    ).map((p) => ({
      peer: peerLabel(p.host, p.ip),
      count: p.count,
    })),

    report: {
      entries,
      byCode: Object.fromEntries(codes.map((c) => [String(c.code), c.count])),
      failed,
      classes: {
        delivered: byCodeMap.get(0) ?? 0,
        temporary: (byCodeMap.get(-7) ?? 0) + (byCodeMap.get(-9) ?? 0),
        failure: failed - (byCodeMap.get(-7) ?? 0) - (byCodeMap.get(-9) ?? 0),
      },
      codes,
    },
  };
}

/** The daily-report view of an index. */
export function summarize(index: LogIndex): Summary {
  return summaryFromFacts({ ...sessionFacts(index), ...noFindingFacts(index) });
}

/** The per-file facts the summary lists, without the findings' (the page asks for those apart). */
function noFindingFacts(index: LogIndex): FindingFacts {
  return {
    files: summarizeFiles(index).map((summary) => ({
      summary,
      starts: 0,
      stops: 0,
      startService: '',
      gaps: [],
      lastTime: NO_TIME,
    })),
    guessesByIp: new Map(),
    guessesByUser: new Map(),
    relayDenied: new Map(),
    domains: new Map(),
    temporary: [],
  };
}

/** What the overview adds to the summary: its findings (default thresholds) and lines over time. */
export function overviewCounts(index: LogIndex): Required<Pick<Summary, 'findings' | 'linesOverTime'>> {
  return { findings: findFindings(index, DEFAULT_THRESHOLDS), linesOverTime: linesOverTime(index) };
}

/** Lines per service over the whole log's time bins, from the index's once-made counts. */
function linesOverTime(index: LogIndex): NonNullable<Summary['linesOverTime']> | null {
  const facets = wholeIndexFacets(index);
  const bins = facets.bins;
  if (!bins) return null;
  const services: Record<string, number[]> = {};
  index.services.forEach((name, id) => {
    if (!name || facets.services[id] === 0) return;
    const only = new Uint8Array(256);
    only[id] = 1;
    const one: RowFacets = {
      services: index.services.map(() => 0),
      kinds: Array.from({ length: 16 }, () => 0),
      bins: { ...bins, counts: bins.counts.map(() => 0) },
    };
    wholeIndexFacetsFor(index, { others: undefined, services: only, kinds: new Uint8Array(16).fill(1) }, one);
    services[name] = one.bins!.counts;
  });
  return { from: bins.from, width: bins.width, services };
}
