import { OUTCOME_NAMES, Outcome, type LogIndex, type Outcome as OutcomeT } from '../model/log-index';
import { describeReportCode } from '../model/report-codes';
import type { Summary } from './types';

const TOP = 10;

function topEntries<T>(counts: Map<string, { count: number; value: T }>, n: number): T[] {
  return [...counts.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, n)
    .map((e) => e.value);
}

function bump<T>(
  m: Map<string, { count: number; value: T }>,
  key: string,
  make: () => T,
  onCount: (v: T, c: number) => void,
) {
  let e = m.get(key);
  if (!e) m.set(key, (e = { count: 0, value: make() }));
  e.count++;
  onCount(e.value, e.count);
}

export function summarizeFiles(index: Pick<LogIndex, 'files'>): Summary['files'] {
  return index.files.map((f) => ({
    name: f.name,
    encoding: f.encoding,
    encodingSource: f.encodingSource,
    kind: f.kind,
    format: f.format,
    level: f.level,
    lines: f.lines,
    unparsed: f.unparsed,
    warnings: f.warnings,
  }));
}

/** The daily-report view of an index: per-file facts, sessions, peers, failures, report codes. */
export function summarize(index: LogIndex): Summary {
  const { sessions: s, strings, services, report } = index;
  const str = (id: number) => (id >= 0 ? strings[id] : null);
  const sessionCounts: Record<string, number> = {};
  const outcomes: Record<string, Record<string, number>> = {};
  const peers = new Map<string, { count: number; value: Summary['topPeers'][number] }>();
  const auth = new Map<string, { count: number; value: Summary['authFailures'][number] }>();
  const relay = new Map<string, { count: number; value: Summary['relayDenials'][number] }>();
  for (let i = 0; i < s.count; i++) {
    const service = services[s.service[i]];
    sessionCounts[service] = (sessionCounts[service] ?? 0) + 1;
    const outcome = OUTCOME_NAMES[s.outcome[i] as OutcomeT];
    (outcomes[service] ??= {})[outcome] = (outcomes[service][outcome] ?? 0) + 1;
    const peer = str(s.peerHost[i]) ?? str(s.peerIp[i]) ?? '(unknown)';
    const ip = str(s.peerIp[i]);
    const label = ip && ip !== peer ? `${peer} (${ip})` : peer;
    bump(
      peers,
      `${service}\0${label}`,
      () => ({ service, peer: label, sessions: 0 }),
      (v, c) => (v.sessions = c),
    );
    if (s.outcome[i] === Outcome.AuthFailed) {
      const user = str(s.authUser[i]);
      bump(
        auth,
        `${service}\0${label}\0${user}`,
        () => ({ service, peer: label, user, count: 0 }),
        (v, c) => (v.count = c),
      );
    } else if (s.outcome[i] === Outcome.RelayDenied) {
      bump(
        relay,
        label,
        () => ({ peer: label, count: 0 }),
        (v, c) => (v.count = c),
      );
    }
  }
  const byCodeMap = new Map<number, number>();
  let failed = 0;
  for (let i = 0; i < report.count; i++) {
    const code = report.code[i];
    byCodeMap.set(code, (byCodeMap.get(code) ?? 0) + 1);
    if (code !== 0) failed++;
  }
  const codes = [...byCodeMap.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([code, count]) => {
      const d = describeReportCode(code);
      return { code, count, ja: d.ja, en: d.en, severity: d.severity };
    });
  return {
    lines: index.rows.count,
    files: summarizeFiles(index),
    sessions: sessionCounts,
    outcomes,
    topPeers: topEntries(peers, TOP),
    authFailures: topEntries(auth, TOP),
    relayDenials: topEntries(relay, TOP),
    report: {
      entries: report.count,
      byCode: Object.fromEntries(codes.map((c) => [String(c.code), c.count])),
      failed,
      codes,
    },
  };
}
