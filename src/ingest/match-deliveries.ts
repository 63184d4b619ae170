import { Outcome, type ReportColumns, type SessionColumns } from '../model/log-index';
import { describeReportCode, type ReportSeverity } from '../model/report-codes';

/**
 * Gives each MTA session its entry in the report log of the same load, and the entry's code its
 * outcome: the report says what became of a delivery, where the MTA log may only say that a
 * connection ended (no reply logged below level 3, a timeout, a DNS error).
 *
 * A session matches the entries with its sender and one of its recipients, from the session's
 * first line to {@link REPORT_DELAY_SEC} after its last, and before the next session of the same
 * sender and recipient starts (assumed: the report line is written when the delivery ends, and
 * every attempt writes its own).
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
  const { rcptStart, rcptAddr, mailFrom, firstTime, lastTime } = sessions;

  // The (session, recipient) pairs of MTA sessions, grouped by recipient; then the report entries
  // of those recipients, grouped the same way. Grouped by counting into typed arrays (hundreds of
  // thousands of entries, no map of arrays), the counts fit in a cache.
  const rcptRecipient = new Int32Array(rcptAddr.length).fill(-1);
  const rcptOwner = new Int32Array(rcptAddr.length);
  for (let s = 0; s < sessions.count; s++) {
    if (!isMta(sessions.service[s])) continue;
    for (let k = rcptStart[s]; k < rcptStart[s + 1]; k++) {
      rcptRecipient[k] = rcptAddr[k];
      rcptOwner[k] = s;
    }
  }
  const attempts = groupByRecipient(stringCount, rcptRecipient, rcptOwner);
  const entryRecipient = new Int32Array(report.count);
  for (let e = 0; e < report.count; e++) {
    const r = report.recipient[e];
    entryRecipient[e] = r >= 0 && attempts.start[r] < attempts.start[r + 1] ? r : -1;
  }
  const entries = groupByRecipient(stringCount, entryRecipient, undefined);
  const byTime = (a: number, b: number) => report.time[a] - report.time[b] || a - b;
  const byFirstTime = (a: number, b: number) => firstTime[a] - firstTime[b] || a - b;

  const rank = new Int8Array(sessions.count).fill(-1);
  const used = new Uint8Array(report.count);
  for (let r = 0; r < stringCount; r++) {
    const first = entries.start[r];
    const last = entries.start[r + 1];
    if (first === last) continue;
    const group = entries.items.subarray(first, last);
    // A report log is written in time order: its groups rarely need sorting.
    if (!isSorted(group, report.time)) group.set(Array.from(group).sort(byTime));
    // Sessions are numbered in file order: their attempts rarely need sorting either.
    const tried = attempts.items.subarray(attempts.start[r], attempts.start[r + 1]);
    if (!isSorted(tried, firstTime)) tried.set(Array.from(tried).sort(byFirstTime));
    for (let i = 0; i < tried.length; i++) {
      const s = tried[i];
      const from = sender(mailFrom[s]);
      let until = lastTime[s] + REPORT_DELAY_SEC + 1;
      for (let j = i + 1; j < tried.length; j++) {
        if (sender(mailFrom[tried[j]]) === from) {
          until = Math.min(until, firstTime[tried[j]]);
          break;
        }
      }
      // The earliest unused entry of this sender from the session's start on, before `until`.
      let k = firstAtOrAfter(group, report.time, firstTime[s]);
      while (k < group.length && report.time[group[k]] < until) {
        const e = group[k];
        if (!used[e] && sender(report.sender[e]) === from) break;
        k++;
      }
      if (k === group.length || report.time[group[k]] >= until) continue;
      const e = group[k];
      used[e] = 1;
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

/**
 * Items grouped by recipient: item i goes to recipient keys[i] (-1: left out), as values[i] (or i
 * itself); recipient r's are items[start[r] .. start[r + 1]), in item order.
 */
function groupByRecipient(
  recipients: number,
  keys: Int32Array,
  values: Int32Array | undefined,
): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(recipients + 1);
  for (let i = 0; i < keys.length; i++) if (keys[i] >= 0) start[keys[i] + 1]++;
  for (let r = 0; r < recipients; r++) start[r + 1] += start[r];
  const items = new Int32Array(start[recipients]);
  const fill = start.slice(0, recipients);
  for (let i = 0; i < keys.length; i++) if (keys[i] >= 0) items[fill[keys[i]]++] = values ? values[i] : i;
  return { start, items };
}

/** Whether the ids are in the order of their times. */
function isSorted(ids: Int32Array, time: Uint32Array): boolean {
  for (let i = 1; i < ids.length; i++) if (time[ids[i]] < time[ids[i - 1]]) return false;
  return true;
}

/** The first index of `ids` (in time order) whose time is at least `t`. */
function firstAtOrAfter(ids: Int32Array, time: Uint32Array, t: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[ids[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How long after a delivery's last line its report entry may be written (assumed): the report
 * line is written as the delivery ends, on the same clock; the margin covers a delivery whose
 * last logged line is not its end. An entry further off is someone else's attempt.
 */
const REPORT_DELAY_SEC = 300;

const SEVERITY_RANK: Record<ReportSeverity, number> = { ok: 0, temporary: 1, unknown: 2, failed: 3 };

/**
 * A delivery's outcome from its report code: delivered is ok; the remote host refusing a command
 * or our login (-2 … -6, -11, -17: an MTA filter) is "rejected"; a temporary failure, a connection,
 * network, DNS or internal failure, and a code the vendor does not list, are "error".
 */
function outcomeOfCode(code: number): Outcome {
  if (code === 0) return Outcome.Ok;
  if ((code <= -2 && code >= -6) || code === -11 || code === -17) return Outcome.Rejected;
  return Outcome.Error;
}
