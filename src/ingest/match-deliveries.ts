import { Outcome, type ReportColumns, type SessionColumns } from '../model/log-index';
import { describeReportCode, type ReportSeverity } from '../model/report-codes';

/**
 * Gives each MTA session its entry in the report log of the same load, and the entry's code its
 * outcome: the report says what became of a delivery, where the MTA log may only say that a
 * connection ended (no reply logged below level 3, a timeout, a DNS error).
 *
 * A session matches the entries with its sender and one of its recipients, at or after the
 * session's first line and before the next session of the same sender and recipient starts
 * (assumed: the report line is written when the delivery ends, and every attempt writes its own).
 * Each entry serves one session. With several recipients, the worst entry decides (a failure over a
 * temporary failure over a delivery).
 *
 * `isMta` tells the services whose sessions are deliveries; `emptyString` is the id of "" (the
 * null sender `<>`, which the report log may leave empty), or -1.
 */
export function matchDeliveries(
  sessions: Omit<SessionColumns, 'delivery'>,
  report: ReportColumns,
  isMta: (service: number) => boolean,
  stringCount: number,
  emptyString: number,
): Int32Array {
  const delivery = new Int32Array(sessions.count).fill(-1);
  if (report.count === 0) return delivery;
  const base = stringCount + 2;
  const sender = (id: number) => (id === emptyString ? -1 : id);
  const keyOf = (from: number, to: number) => (sender(from) + 1) * base + (to + 1);

  // The MTA sessions by (sender, recipient), then the entries of those pairs only.
  const { rcptStart, rcptAddr } = sessions;
  const attemptsByKey = new Map<number, number[]>();
  for (let s = 0; s < sessions.count; s++) {
    if (!isMta(sessions.service[s])) continue;
    for (let k = rcptStart[s]; k < rcptStart[s + 1]; k++) {
      addTo(attemptsByKey, keyOf(sessions.mailFrom[s], rcptAddr[k]), s);
    }
  }
  const entriesByKey = new Map<number, number[]>();
  for (let e = 0; e < report.count; e++) {
    const key = keyOf(report.sender[e], report.recipient[e]);
    if (attemptsByKey.has(key)) addTo(entriesByKey, key, e);
  }
  for (const list of entriesByKey.values()) list.sort((a, b) => report.time[a] - report.time[b] || a - b);

  const rank = new Int8Array(sessions.count).fill(-1);
  for (const [key, attempts] of attemptsByKey) {
    attempts.sort((a, b) => sessions.firstTime[a] - sessions.firstTime[b] || a - b);
    const entries = entriesByKey.get(key) ?? [];
    let next = 0;
    for (let i = 0; i < attempts.length; i++) {
      const s = attempts[i];
      const from = sessions.firstTime[s];
      const until = i + 1 < attempts.length ? sessions.firstTime[attempts[i + 1]] : Infinity;
      while (next < entries.length && report.time[entries[next]] < from) next++;
      if (next === entries.length || report.time[entries[next]] >= until) continue;
      const e = entries[next++];
      const r = SEVERITY_RANK[describeReportCode(report.code[e]).severity];
      if (r > rank[s]) {
        rank[s] = r;
        delivery[s] = e;
      }
    }
  }
  for (let s = 0; s < sessions.count; s++) {
    if (delivery[s] >= 0) sessions.outcome[s] = outcomeOfCode(report.code[delivery[s]]);
  }
  return delivery;
}

const SEVERITY_RANK: Record<ReportSeverity, number> = { ok: 0, temporary: 1, unknown: 2, failed: 3 };

/**
 * A delivery's outcome from its report code: delivered is ok; the remote host refusing a command
 * or our login (-2 … -6, -11, -17: an MTA filter) is "rejected"; a temporary failure, a connection,
 * network, DNS or internal failure, and a code the vendor does not list, are "error".
 */
export function outcomeOfCode(code: number): Outcome {
  if (code === 0) return Outcome.Ok;
  if ((code <= -2 && code >= -6) || code === -11 || code === -17) return Outcome.Rejected;
  return Outcome.Error;
}

function addTo(groups: Map<number, number[]>, key: number, value: number): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
