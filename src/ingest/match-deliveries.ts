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
  const sender = (id: number) => (id === emptyString ? -1 : id);
  const { rcptStart, rcptAddr, mailFrom, firstTime } = sessions;

  // The (session, recipient) pairs of MTA sessions, grouped by recipient; then the report entries
  // of those recipients only. Grouped by counting into typed arrays: hundreds of thousands of
  // entries, no map of arrays.
  const attempts = groupByRecipient(stringCount, (visit) => {
    for (let s = 0; s < sessions.count; s++) {
      if (!isMta(sessions.service[s])) continue;
      for (let k = rcptStart[s]; k < rcptStart[s + 1]; k++) visit(rcptAddr[k], s);
    }
  });
  const entries = groupByRecipient(stringCount, (visit) => {
    for (let e = 0; e < report.count; e++) {
      const r = report.recipient[e];
      if (r >= 0 && attempts.start[r] < attempts.start[r + 1]) visit(r, e);
    }
  });

  const rank = new Int8Array(sessions.count).fill(-1);
  for (let r = 0; r < stringCount; r++) {
    if (entries.start[r] === entries.start[r + 1]) continue;
    // Both sides by sender, then time: each sender's attempts then meet its entries in order.
    const tried = Array.from(attempts.items.subarray(attempts.start[r], attempts.start[r + 1]));
    tried.sort((a, b) => sender(mailFrom[a]) - sender(mailFrom[b]) || firstTime[a] - firstTime[b] || a - b);
    const done = Array.from(entries.items.subarray(entries.start[r], entries.start[r + 1]));
    done.sort(
      (a, b) =>
        sender(report.sender[a]) - sender(report.sender[b]) || report.time[a] - report.time[b] || a - b,
    );
    let next = 0;
    for (let i = 0; i < tried.length; i++) {
      const s = tried[i];
      const from = sender(mailFrom[s]);
      while (
        next < done.length &&
        (sender(report.sender[done[next]]) < from ||
          (sender(report.sender[done[next]]) === from && report.time[done[next]] < firstTime[s]))
      )
        next++;
      if (next === done.length || sender(report.sender[done[next]]) !== from) continue;
      const following = tried[i + 1];
      const until =
        following !== undefined && sender(mailFrom[following]) === from ? firstTime[following] : Infinity;
      const e = done[next];
      if (report.time[e] >= until) continue;
      next++;
      const severity = SEVERITY_RANK[describeReportCode(report.code[e]).severity];
      if (severity > rank[s]) {
        rank[s] = severity;
        delivery[s] = e;
      }
    }
  }
  for (let s = 0; s < sessions.count; s++) {
    if (delivery[s] >= 0) sessions.outcome[s] = outcomeOfCode(report.code[delivery[s]]);
  }
  return delivery;
}

/** Items grouped by a recipient id: recipient r's are items[start[r] .. start[r + 1]). */
function groupByRecipient(
  recipients: number,
  each: (visit: (recipient: number, item: number) => void) => void,
): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(recipients + 1);
  each((r) => start[r + 1]++);
  for (let r = 0; r < recipients; r++) start[r + 1] += start[r];
  const items = new Int32Array(start[recipients]);
  const fill = start.slice(0, recipients);
  each((r, item) => (items[fill[r]++] = item));
  return { start, items };
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
