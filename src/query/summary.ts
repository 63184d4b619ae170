import { OUTCOME_NAMES, Outcome, type LogIndex, type Outcome as OutcomeT } from '../model/log-index';
import { describeReportCode } from '../model/report-codes';
import { CountTable } from '../lib/count-table';
import type { Summary } from './types';
import { findFindings } from './findings';
import { DEFAULT_THRESHOLDS } from './finding-types';
import { wholeIndexFacets, wholeIndexFacetsFor } from './whole-index';
import type { RowFacets } from './view-query';

const TOP = 10;

export function summarizeFiles(index: Pick<LogIndex, 'files'>): Summary['files'] {
  return index.files.map((f) => ({
    name: f.name,
    encoding: f.encoding,
    encodingSource: f.encodingSource,
    kind: f.kind,
    format: f.format,
    level: f.level,
    levels: f.levels.map((part) => part.level),
    impossibleDates: f.impossibleDates,
    lines: f.lines,
    unparsed: f.unparsed,
    warnings: f.warnings,
  }));
}

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
 * The daily-report view of an index: per-file facts, sessions, peers, failures, report codes.
 * It runs once per load over every session, so it counts by numeric keys and builds strings only
 * for the entries it reports.
 */
export function summarize(index: LogIndex): Summary {
  const { sessions: s, strings, services, report } = index;
  const { peerKey, unpackPeer } = peerKeys(strings.length);
  const str = (id: number) => (id >= 0 ? strings[id] : null);
  const perService = services.map(() => ({
    sessions: 0,
    outcomes: new Uint32Array(5),
    peers: new CountTable(),
  }));
  const relay = new CountTable();
  const authFailed: number[] = [];
  const authByUser = new CountTable();
  const authByIp = new CountTable();
  for (let i = 0; i < s.count; i++) {
    const svc = perService[s.service[i]];
    svc.sessions++;
    svc.outcomes[s.outcome[i]]++;
    svc.peers.add(peerKey(s.peerHost[i], s.peerIp[i]));
    if (s.outcome[i] === Outcome.AuthFailed) {
      authFailed.push(i);
      if (s.authUser[i] >= 0) authByUser.add(s.authUser[i]);
      const ip = s.peerIp[i] >= 0 ? s.peerIp[i] : s.peerHost[i];
      if (ip >= 0) authByIp.add(ip);
    } else if (s.outcome[i] === Outcome.RelayDenied) relay.add(peerKey(s.peerHost[i], s.peerIp[i]));
  }
  const peerLabel = (host: number, ipId: number) => {
    const peer = str(host) ?? str(ipId) ?? '(unknown)';
    const ip = str(ipId);
    return ip && ip !== peer ? `${peer} (${ip})` : peer;
  };

  // Auth failures are few: group them by strings directly.
  const auth = new Map<string, Summary['authFailures'][number]>();
  for (const i of authFailed) {
    const service = services[s.service[i]];
    const peer = peerLabel(s.peerHost[i], s.peerIp[i]);
    const user = str(s.authUser[i]);
    const k = `${service}\0${peer}\0${user}`;
    const e = auth.get(k) ?? { service, peer, user, count: 0 };
    e.count++;
    auth.set(k, e);
  }

  const sessions: Record<string, number> = {};
  const outcomes: Record<string, Record<string, number>> = {};
  perService.forEach((p, id) => {
    if (p.sessions === 0) return;
    sessions[services[id]] = p.sessions;
    const named: Record<string, number> = {};
    p.outcomes.forEach((n, o) => {
      if (n > 0) named[OUTCOME_NAMES[o as OutcomeT]] = n;
    });
    outcomes[services[id]] = named;
  });

  const byCodeMap = countCodes(report.code, report.count);
  const failed = report.count - (byCodeMap.get(0) ?? 0);
  const codes = [...byCodeMap.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([code, count]) => {
      const d = describeReportCode(code);
      return { code, count, ja: d.ja, en: d.en, severity: d.severity };
    });
  return {
    lines: index.rows.count,
    files: summarizeFiles(index),
    sessions,
    outcomes,
    topPeers: perService
      .flatMap((p, id) => p.peers.top(TOP).map(([key, n]) => ({ id, key, n })))
      .sort((a, b) => b.n - a.n)
      .slice(0, TOP)
      .map(({ id, key, n }) => {
        const { host, ip } = unpackPeer(key);
        return { service: services[id], peer: peerLabel(host, ip), sessions: n };
      }),
    authFailures: [...auth.values()].sort((a, b) => b.count - a.count).slice(0, TOP),
    authFailuresByUser: authByUser.top(TOP).map(([id, count]) => ({ user: strings[id], count })),
    authFailuresByIp: authByIp.top(TOP).map(([id, count]) => ({ ip: strings[id], count })),
    relayDenials: relay.top(TOP).map(([key, n]) => {
      const { host, ip } = unpackPeer(key);
      return { peer: peerLabel(host, ip), count: n };
    }),

    report: {
      entries: report.count,
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
