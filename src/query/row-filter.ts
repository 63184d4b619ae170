import type { Encoding } from '../model/file-info';
import { PACK_ESCAPE, PACK_SHIFT, PACK_STEP } from '../lib/packed-column';
import { TIMELINE_STEP, type LogIndex } from '../model/log-index';
import { setRowsOfSessions } from './session-rows';
import { wholeIndexCounts } from './whole-index';
import { requiredLiteral } from './regex-literal';
import { countTime } from './time-bins';
import { fileOfRow, rowBytes } from './row-bytes';
import { fullWord, hasBit, MIXED_SERVICES, newRowBits, type PassTables, type RowBits } from './row-bits';
import { markTextRows, prepareTerm, type TermEncoder } from './text-search';
import type { RowFacets, RowFilter } from './view-query';

/**
 * A row filter made ready for the index: every line and session part AND-ed into one bit per row
 * (in storage order, each part a tight loop over a column), and the services and kinds as tables
 * (kept apart so the facets can count each without its own part).
 */
export interface CompiledRowFilter extends PassTables {
  /** A test that needs each row decoded (the regex): run while scanning, a few rows at a time. */
  test?: (row: number) => boolean;
}

/** Rows between two pauses when every row is decoded and matched: about 20 ms of regex work. */
export const REGEX_CHUNK = 1 << 14;

export async function compileRowFilter(
  index: LogIndex,
  filter: RowFilter,
  encode: TermEncoder,
): Promise<CompiledRowFilter> {
  const services = new Uint8Array(256);
  index.services.forEach((name, id) => {
    services[id] = !filter.services || filter.services.includes(name) ? 1 : 0;
  });
  const kinds = new Uint8Array(16);
  for (let k = 0; k < kinds.length; k++) kinds[k] = !filter.kinds || filter.kinds.includes(k) ? 1 : 0;

  let others: RowBits | undefined;
  /** ANDs a part's rows in. */
  const and = (bits: RowBits) => {
    if (!others) others = bits;
    else for (let w = 0; w < others.length; w++) others[w] &= bits[w];
  };

  const searched = (f: number) => holdsServices(index, f, services);
  if (filter.text) others = await textRows(index, filter.text, encode, searched);
  let test: ((row: number) => boolean) | undefined;
  if (filter.regex) {
    // Loaded when first used: the engine's bundle stays small for those who never use a regex.
    // Throws on a pattern RE2 does not accept: the view reports it to the page.
    const { RE2JS } = await import('re2js');
    const pattern = RE2JS.compile(filter.regex);
    const literal = requiredLiteral(filter.regex);
    if (literal.length >= 2) and(await textRows(index, literal, encode, searched));
    const decoders = index.files.map((f) => new TextDecoder(f.encoding));
    test = (r) => pattern.test(decoders[fileOfRow(index, r)].decode(rowBytes(index, r)));
  }
  const sessions = sessionMask(index, filter);
  if (sessions) and(rowsOfSessions(index, sessions));
  if (filter.from !== undefined || filter.to !== undefined) {
    and(timeRows(index, filter.from ?? -Infinity, filter.to ?? Infinity));
  }
  // A copy: the parts are AND-ed into the first one's bits.
  if (filter.errorsOnly) and(wholeIndexCounts(index).errorRows.slice());
  return { others, services, kinds, test };
}

/** The rows of the sessions set in `mask`: each kept session's own rows, nothing else read. */
function rowsOfSessions(index: LogIndex, mask: Uint8Array): RowBits {
  const bits = newRowBits(index.rows.count);
  setRowsOfSessions(index, mask, bits);
  return bits;
}

/** The rows whose time is in [from, to): words wholly in or out of it are not read row by row. */
function timeRows(index: LogIndex, from: number, to: number): RowBits {
  const { count, time } = index.rows;
  const { wordMinTime, wordMaxTime } = wholeIndexCounts(index);
  const bits = newRowBits(count);
  const { base, delta } = time;
  for (let w = 0; w < bits.length; w++) {
    const r0 = w << 5;
    const end = Math.min(count, r0 + 32);
    if (wordMaxTime[w] < from || wordMinTime[w] >= to) continue;
    if (wordMinTime[w] >= from && wordMaxTime[w] < to) {
      bits[w] = fullWord(end - r0);
      continue;
    }
    // Within a block the bounds are on the 16-bit deltas: small integers, compared as such.
    let word = 0;
    let lo = 0;
    let hi = 0;
    for (let r = r0, b = 0; r < end; r++, b++) {
      if (b === 0 || (r & (PACK_STEP - 1)) === 0) {
        lo = from - base[r >>> PACK_SHIFT];
        hi = to - base[r >>> PACK_SHIFT];
      }
      const d = delta[r];
      const inRange = d < PACK_ESCAPE ? d >= lo && d < hi : inTime(time.at(r), from, to);
      if (inRange) word |= 1 << b;
    }
    bits[w] = word;
  }
  return bits;
}

/** Whether t is in [from, to); a row without a time counts as NO_TIME, the latest time there is. */
const inTime = (t: number, from: number, to: number) => t >= from && t < to;

/** A byte per session: 1 when the session parts of the filter let it through; undefined when it has none. */
function sessionMask(index: LogIndex, filter: RowFilter): Uint8Array | undefined {
  const { thread, jobId, session, peer, address, outcomes, failedDeliveries } = filter;
  if (
    thread === undefined &&
    jobId === undefined &&
    session === undefined &&
    !peer &&
    !address &&
    !outcomes &&
    !failedDeliveries
  ) {
    return undefined;
  }
  const c = index.sessions;
  const strings = index.strings;
  const peerMatch = peer ? stringMatcher(strings, peer) : undefined;
  const addressMatch = address ? stringMatcher(strings, address) : undefined;
  const mask = new Uint8Array(c.count);
  for (let s = 0; s < c.count; s++) {
    if (session !== undefined && s !== session) continue;
    if (thread !== undefined && c.thread[s] !== thread) continue;
    if (jobId !== undefined && c.jobId[s] !== jobId) continue;
    if (outcomes && !outcomes.includes(c.outcome[s])) continue;
    if (failedDeliveries && (c.delivery[s] < 0 || index.report.code[c.delivery[s]] === 0)) continue;
    if (peerMatch && !peerMatch(c.peerHost[s]) && !peerMatch(c.peerIp[s])) continue;
    if (addressMatch && !sessionHasAddress(index, s, addressMatch)) continue;
    mask[s] = 1;
  }
  return mask;
}

function sessionHasAddress(index: LogIndex, s: number, matches: (id: number) => boolean): boolean {
  const c = index.sessions;
  if (matches(c.mailFrom[s]) || matches(c.authUser[s])) return true;
  for (let k = c.rcptStart[s]; k < c.rcptStart[s + 1]; k++) if (matches(c.rcptAddr[k])) return true;
  return false;
}

/** Whether string `id` holds `needle`, case-insensitively; each string is looked at once. */
export function stringMatcher(strings: string[], needle: string): (id: number) => boolean {
  const lowered = needle.toLowerCase();
  const known = new Int8Array(strings.length); // 0 unknown, 1 yes, -1 no
  return (id) => {
    if (id < 0) return false;
    if (known[id] === 0) known[id] = strings[id].toLowerCase().includes(lowered) ? 1 : -1;
    return known[id] === 1;
  };
}

/** A bit per row of the index: the rows holding `term` in the files searched, each in its own encoding. */
export async function textRows(
  index: LogIndex,
  term: string,
  encode: TermEncoder,
  searched: (file: number) => boolean,
): Promise<RowBits> {
  const bits = newRowBits(index.rows.count);
  const byEncoding = new Map<Encoding, Uint8Array>();
  for (let f = 0; f < index.files.length; f++) {
    if (!searched(f)) continue;
    const encoding = index.files[f].encoding;
    let bytes = byEncoding.get(encoding);
    if (!bytes) byEncoding.set(encoding, (bytes = await encode(term, encoding)));
    markTextRows(index, f, prepareTerm(bytes, encoding), bits);
  }
  return bits;
}

/**
 * Whether any row of file f may be of a service the filter lets through (from each word's one
 * service): a text search skips the files of other services, usually whole files.
 */
function holdsServices(index: LogIndex, f: number, services: Uint8Array): boolean {
  const { firstRow, lines } = index.files[f];
  if (lines === 0) return false;
  const { wordService } = wholeIndexCounts(index);
  for (let w = firstRow >>> 5; w <= (firstRow + lines - 1) >>> 5; w++) {
    const sv = wordService[w];
    if (sv === MIXED_SERVICES || services[sv]) return true;
  }
  return false;
}

/**
 * Keeps the rows of a filter with a per-row test (the regex) at timeline positions [from, to), in
 * order: each row passing the other parts is decoded and tested, and counted into the facets (only
 * here can they be, as each row is matched) and, when kept, into the histogram. Walks the timeline
 * itself (which file each position takes its next row from): no row ids made for rows it skips.
 */
export function scanRows(
  index: LogIndex,
  compiled: CompiledRowFilter & { test: (row: number) => boolean },
  from: number,
  to: number,
  facets: RowFacets,
  keep: (row: number) => void,
): void {
  const { services, kinds, others, test } = compiled;
  const { service, kind, time } = index.rows;
  const bins = facets.bins;
  const visit = (r: number) => {
    if (others && !hasBit(others, r)) return;
    if (!test(r)) return;
    const sv = service[r];
    const k = kind[r];
    if (kinds[k]) facets.services[sv]++;
    if (services[sv]) facets.kinds[k]++;
    if (!services[sv] || !kinds[k]) return;
    if (bins) countTime(bins, time.at(r));
    keep(r);
  };
  const t = index.timeline;
  if (!t) {
    for (let r = from; r < to; r++) visit(r);
    return;
  }
  // From the checkpoint before `from`, each file's next row counted on (as rowsAt does).
  const k0 = Math.floor(from / TIMELINE_STEP);
  const next = t.next.slice(k0 * t.fileCount, (k0 + 1) * t.fileCount);
  const file = t.file;
  let i = k0 * TIMELINE_STEP;
  for (; i < from; i++) next[file[i]]++;
  for (; i < to; i++) visit(next[file[i]]++);
}
