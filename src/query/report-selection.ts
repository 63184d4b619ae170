import type { LogIndex } from '../model/log-index';
import { NO_TIME } from '../model/units';
import { CountTable } from '../lib/count-table';
import { emptyBins } from './time-bins';
import { stringMatcher, textRows } from './row-filter';
import { hasBit } from './row-bits';
import type { TermEncoder } from './text-search';
import { deliveryClass } from '../model/report-codes';
import type { ReportFacets, ReportFilter, ReportSortKey } from './view-query';
import type { Selection } from './view-selection';

/** Domains and senders listed by failures. */
const TOP = 10;

/**
 * The entries of the MTA report log a deliveries view shows, in its order, with the counts its
 * charts draw. Entries are few next to lines (one per delivery), so each part is a plain loop over
 * the report columns; only the text is searched in the file's bytes, as the log table does.
 */
export async function selectReport(
  index: LogIndex,
  filter: ReportFilter,
  encode: TermEncoder,
): Promise<Selection> {
  const report = index.report;
  const n = report.count;
  const strings = index.strings;
  const text = filter.text
    ? await textRows(index, filter.text, encode, (f) => index.files[f].kind === 'report')
    : undefined;
  const address = filter.address ? stringMatcher(strings, filter.address) : undefined;
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const codes = filter.codes ? new Set(filter.codes) : undefined;

  // One pass: every part but the codes decides what the bars by code count; the codes, what is kept.
  const byCode = new CodeCounts();
  const kept = new Uint32Array(n);
  let k = 0;
  let minTime = Infinity;
  let maxTime = -Infinity;
  const { time, code, sender, recipient, row } = report;
  for (let e = 0; e < n; e++) {
    const t = time[e];
    if (!(t >= from && t < to)) continue;
    const c = code[e];
    if (filter.failedOnly && c === 0) continue;
    if (address && !address(sender[e]) && !address(recipient[e])) continue;
    if (text && !hasBit(text, row[e])) continue;
    byCode.add(c);
    if (codes && !codes.has(c)) continue;
    kept[k++] = e;
    if (t !== NO_TIME) {
      if (t < minTime) minTime = t;
      if (t > maxTime) maxTime = t;
    }
  }
  const items = kept.slice(0, k);
  const deliveries = countDeliveries(index, items, minTime, maxTime, filter);
  deliveries.byCode = byCode.list();
  if (filter.sort) sortEntries(index, items, filter.sort.by, filter.sort.descending ?? false);
  return { kind: 'list', items, deliveries };
}

/** The charts' counts of the kept entries: by class over time, and the top failing domains and senders. */
function countDeliveries(
  index: LogIndex,
  items: Uint32Array,
  minTime: number,
  maxTime: number,
  filter: ReportFilter,
): ReportFacets {
  const report = index.report;
  const lo = Math.max(minTime, filter.from ?? -Infinity);
  const hi = Math.min(maxTime, filter.to === undefined ? Infinity : filter.to - 1);
  const frame = lo <= hi ? emptyBins(lo, hi) : undefined;
  const bins = frame && {
    from: frame.from,
    width: frame.width,
    delivered: frame.counts.slice(),
    temporary: frame.counts.slice(),
    failure: frame.counts.slice(),
  };
  const domains = new CountTable();
  const senders = new CountTable();
  for (const e of items) {
    const code = report.code[e];
    const t = report.time[e];
    if (bins && t !== NO_TIME) {
      const b = Math.floor((t - bins.from) / bins.width);
      if (b >= 0 && b < bins.delivered.length) bins[deliveryClass(code)][b]++;
    }
    if (code === 0) continue;
    if (report.domain[e] >= 0) domains.add(report.domain[e]);
    if (report.sender[e] >= 0) senders.add(report.sender[e]);
  }
  const named = (t: CountTable) =>
    t.top(TOP).map(([id, failures]) => ({ name: index.strings[id], failures }));
  return { byCode: [], bins, topDomains: named(domains), topSenders: named(senders) };
}

/** Entries per code: an array for the vendor's range (and well past it), a map beyond. */
class CodeCounts {
  private static readonly OFFSET = 1024;
  private readonly near = new Uint32Array(2 * CodeCounts.OFFSET);
  private readonly far = new Map<number, number>();

  add(code: number): void {
    const i = code + CodeCounts.OFFSET;
    if (i >= 0 && i < this.near.length) this.near[i]++;
    else this.far.set(code, (this.far.get(code) ?? 0) + 1);
  }

  /** Codes present, highest first (0, -1, … as the vendor lists them). */
  list(): Array<{ code: number; count: number }> {
    const all = new Map(this.far);
    this.near.forEach((count, i) => {
      if (count > 0) all.set(i - CodeCounts.OFFSET, count);
    });
    return [...all].sort((a, b) => b[0] - a[0]).map(([code, count]) => ({ code, count }));
  }
}

/** Entries beyond which a key (up to 2^33) and an id no longer pack exactly into a double. */
const ID_BITS = 2 ** 20;

/**
 * Sorts entry ids by a column, ties in the log's order: each key and id packed into one exact
 * double and sorted natively (no comparator call per comparison); strings by their rank.
 */
function sortEntries(index: LogIndex, items: Uint32Array, by: ReportSortKey, descending: boolean): void {
  const report = index.report;
  const key: (e: number) => number =
    by === 'time'
      ? (e) => report.time[e]
      : by === 'code'
        ? (e) => report.code[e] + 2 ** 31
        : rankOf(index, report[by]);
  const sign = descending ? -1 : 1;
  if (items.length < ID_BITS) {
    const packed = new Float64Array(items.length);
    for (let i = 0; i < items.length; i++) packed[i] = sign * key(items[i]) * ID_BITS + items[i];
    packed.sort();
    for (let i = 0; i < items.length; i++) items[i] = ((packed[i] % ID_BITS) + ID_BITS) % ID_BITS;
    return;
  }
  items.sort((a, b) => sign * (key(a) - key(b)) || a - b);
}

/** Each string id of a column by its string's place in sorted order (no string: first). */
function rankOf(index: LogIndex, column: Int32Array): (e: number) => number {
  const ids = [...new Set(column.subarray(0, index.report.count))].filter((id) => id >= 0);
  const strings = index.strings;
  ids.sort((a, b) => (strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : 0));
  const rank = new Uint32Array(strings.length);
  ids.forEach((id, i) => (rank[id] = i + 1));
  return (e) => (column[e] >= 0 ? rank[column[e]] : 0);
}
