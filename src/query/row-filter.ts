import type { Encoding } from '../model/file-info';
import { ConnectDetail, LineKind, NoteDetail, ReplyCode } from '../model/line-kind';
import { TIMELINE_STEP, type LogIndex } from '../model/log-index';
import { requiredLiteral } from './regex-literal';
import { binsFor, countTime } from './time-bins';
import { fileOfRow, rowBytes } from './row-bytes';
import { markTextRows, prepareTerm, type TermEncoder } from './text-search';
import type { RowFacets, RowFilter } from './view-query';

/**
 * A row filter made ready for the index: every line and session part AND-ed into one bit per row
 * (in storage order, each part a tight loop over a column), and the services and kinds as tables
 * (kept apart so the facets can count each without its own part).
 */
export interface CompiledRowFilter {
  /** Rows that pass every part but services and kinds; undefined when every row does. */
  others: Uint32Array | undefined;
  /** A byte per service id / per kind: 1 when the filter lets it through. */
  services: Uint8Array;
  kinds: Uint8Array;
  /** Set when the filter is one session: its rows lie between these, in file order. */
  sessionRows?: { first: number; last: number; session: number };
  /** A test that needs each row decoded (the regex): run while scanning, a few rows at a time. */
  test?: (row: number) => boolean;
}

/** Rows between two pauses when every row is decoded and matched: about 20 ms of regex work. */
export const REGEX_CHUNK = 1 << 14;

export const hasBit = (bits: Uint32Array, r: number) => (bits[r >>> 5] & (1 << (r & 31))) !== 0;

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

  const { rows } = index;
  const n = rows.count;
  const words = Math.ceil(n / 32);
  let others: Uint32Array | undefined;
  /** ANDs a part in: `keep(r)` for each row; the first part fills the bits, later ones clear them. */
  const part = (keep: (r: number) => boolean) => {
    if (!others) {
      others = new Uint32Array(words);
      for (let r = 0; r < n; r++) if (keep(r)) others[r >>> 5] |= 1 << (r & 31);
      return;
    }
    const bits = others;
    for (let r = 0; r < n; r++) if (hasBit(bits, r) && !keep(r)) bits[r >>> 5] &= ~(1 << (r & 31));
  };

  if (filter.text) others = await textRows(index, filter.text, encode);
  let test: ((row: number) => boolean) | undefined;
  if (filter.regex) {
    // Loaded when first used: the engine's bundle stays small for those who never use a regex.
    // Throws on a pattern RE2 does not accept: the view reports it to the page.
    const { RE2JS } = await import('re2js');
    const pattern = RE2JS.compile(filter.regex);
    const literal = requiredLiteral(filter.regex);
    if (literal.length >= 2) {
      const narrowed = await textRows(index, literal, encode);
      if (others) for (let w = 0; w < words; w++) others[w] &= narrowed[w];
      else others = narrowed;
    }
    const decoders = index.files.map((f) => new TextDecoder(f.encoding));
    test = (r) => pattern.test(decoders[fileOfRow(index, r)].decode(rowBytes(index, r)));
  }
  const sessions = sessionMask(index, filter);
  if (sessions) {
    const column = rows.session;
    part((r) => {
      const s = column.at(r);
      return s >= 0 && sessions[s] === 1;
    });
  }
  if (filter.from !== undefined || filter.to !== undefined) {
    const from = filter.from ?? -Infinity;
    const to = filter.to ?? Infinity;
    const time = rows.time;
    part((r) => {
      const t = time.at(r);
      return t >= from && t < to;
    });
  }
  if (filter.errorsOnly) {
    const { kind, detail } = rows;
    part((r) => isError(kind[r], detail[r]));
  }
  const single = filter.session;
  const sessionRows =
    single !== undefined && single >= 0 && single < index.sessions.count
      ? { first: index.sessions.firstRow[single], last: index.sessions.lastRow[single], session: single }
      : undefined;
  return { others, services, kinds, sessionRows, test };
}

/**
 * What the errors-only filter keeps (the explore issue's list): SMTP 4xx and 5xx replies, POP3
 * `-ERR`, IMAP `NO`/`BAD`, failure notes (authentication failures and relay denials below level 3
 * among them), failed connects of deliveries, and unparsed lines.
 */
export function isError(kind: number, detail: number): boolean {
  switch (kind) {
    case LineKind.Unparsed:
      return true;
    case LineKind.Reply:
      return (
        (detail >= 400 && detail < 600) ||
        detail === ReplyCode.PopErr ||
        detail === ReplyCode.ImapNo ||
        detail === ReplyCode.ImapBad
      );
    case LineKind.Note:
      return (detail & NoteDetail.Failure) !== 0;
    case LineKind.Connect:
      return (detail & ConnectDetail.Failed) !== 0;
    default:
      return false;
  }
}

/** A byte per session: 1 when the session parts of the filter let it through; undefined when it has none. */
function sessionMask(index: LogIndex, filter: RowFilter): Uint8Array | undefined {
  const { thread, jobId, session, peer, address, outcomes } = filter;
  if (
    thread === undefined &&
    jobId === undefined &&
    session === undefined &&
    !peer &&
    !address &&
    !outcomes
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
function stringMatcher(strings: string[], needle: string): (id: number) => boolean {
  const lowered = needle.toLowerCase();
  const known = new Int8Array(strings.length); // 0 unknown, 1 yes, -1 no
  return (id) => {
    if (id < 0) return false;
    if (known[id] === 0) known[id] = strings[id].toLowerCase().includes(lowered) ? 1 : -1;
    return known[id] === 1;
  };
}

/** A bit per row of the index: the rows holding `term`, each file searched in its own encoding. */
async function textRows(index: LogIndex, term: string, encode: TermEncoder): Promise<Uint32Array> {
  const bits = new Uint32Array(Math.ceil(index.rows.count / 32));
  const byEncoding = new Map<Encoding, Uint8Array>();
  for (let f = 0; f < index.files.length; f++) {
    const encoding = index.files[f].encoding;
    let bytes = byEncoding.get(encoding);
    if (!bytes) byEncoding.set(encoding, (bytes = await encode(term, encoding)));
    markTextRows(index, f, prepareTerm(bytes, encoding), bits);
  }
  return bits;
}

/**
 * The facets of a compiled filter: rows by service and by kind, each ignoring its own part,
 * from one count per (service, kind) of the rows passing the other parts. Without other parts
 * that count is the whole index's, made once. With a test (the regex), scanRows counts instead.
 */
export function countFacets(index: LogIndex, compiled: CompiledRowFilter, facets: RowFacets): void {
  const { services, kinds, others } = compiled;
  const matrix = others ? serviceKindCounts(index, others) : wholeIndexMatrix(index);
  for (let sv = 0; sv < index.services.length; sv++) {
    for (let k = 0; k < KIND_SLOTS; k++) {
      const n = matrix[sv * KIND_SLOTS + k];
      if (n === 0) continue;
      if (kinds[k]) facets.services[sv] += n;
      if (services[sv]) facets.kinds[k] += n;
    }
  }
}

/** Kind values a row can hold, as the facets count them. */
const KIND_SLOTS = 16;

/** Rows per (service, kind), of the rows set in `rows` (or of all rows). */
function serviceKindCounts(index: LogIndex, rows: Uint32Array | undefined): Uint32Array {
  const matrix = new Uint32Array(256 * KIND_SLOTS);
  const { service, kind, count } = index.rows;
  for (let r = 0; r < count; r++) {
    if (rows && !hasBit(rows, r)) continue;
    matrix[service[r] * KIND_SLOTS + kind[r]]++;
  }
  return matrix;
}

const wholeMatrices = new WeakMap<LogIndex, Uint32Array>();
const wholeFacets = new WeakMap<LogIndex, RowFacets>();

/** Every line of the index by service, by kind and over time: the facets of no filter, made once. */
export function wholeIndexFacets(index: LogIndex): RowFacets {
  let facets = wholeFacets.get(index);
  if (!facets) {
    facets = {
      services: Array.from({ length: index.services.length }, () => 0),
      kinds: Array.from({ length: KIND_SLOTS }, () => 0),
      bins: binsFor(index, undefined, undefined),
    };
    const all = new Uint8Array(256).fill(1);
    countFacets(index, { others: undefined, services: all, kinds: all }, facets);
    const bins = facets.bins;
    if (bins) for (let r = 0; r < index.rows.count; r++) countTime(bins, index.rows.time.at(r));
    wholeFacets.set(index, facets);
  }
  return facets;
}

function wholeIndexMatrix(index: LogIndex): Uint32Array {
  let matrix = wholeMatrices.get(index);
  if (!matrix) wholeMatrices.set(index, (matrix = serviceKindCounts(index, undefined)));
  return matrix;
}

/**
 * Tests one row against a compiled filter: keeps it when it passes every part, counting its time
 * into the histogram, and (with `countFacets`) counts it into the facets when it passes the others.
 */
export function rowVisitor(
  index: LogIndex,
  compiled: CompiledRowFilter,
  facets: RowFacets,
  keep: (row: number) => void,
  countFacets: boolean,
): (row: number) => void {
  const { services, kinds, others, test } = compiled;
  const { service, kind, time } = index.rows;
  const bins = facets.bins;
  return (r) => {
    if (others && !hasBit(others, r)) return;
    if (test && !test(r)) return;
    const sv = service[r];
    const k = kind[r];
    if (countFacets) {
      if (kinds[k]) facets.services[sv]++;
      if (services[sv]) facets.kinds[k]++;
    }
    if (!services[sv] || !kinds[k]) return;
    if (bins) countTime(bins, time.at(r));
    keep(r);
  };
}

/**
 * Keeps the rows of a compiled filter at timeline positions [from, to), in order, counting the
 * kept rows' times into the histogram. Walks the timeline itself (which file each position takes
 * its next row from): one pass, no row ids made for the rows it skips.
 */
export function scanRows(
  index: LogIndex,
  compiled: CompiledRowFilter,
  from: number,
  to: number,
  facets: RowFacets,
  keep: (row: number) => void,
): void {
  // With a test the facets can only be counted here, as each row is decoded and matched.
  const visit = rowVisitor(index, compiled, facets, keep, compiled.test !== undefined);
  const t = index.timeline;
  if (!t) {
    for (let r = from; r < to; r++) visit(r);
    return;
  }
  // From the checkpoint before `from`, each file's next row counted on (as rowsAt does).
  const step = TIMELINE_STEP;
  const k0 = Math.floor(from / step);
  const next = t.next.slice(k0 * t.fileCount, (k0 + 1) * t.fileCount);
  const file = t.file;
  let i = k0 * step;
  for (; i < from; i++) next[file[i]]++;
  for (; i < to; i++) visit(next[file[i]]++);
}
