import type { Encoding } from '../model/file-info';
import { ConnectDetail, LineKind, NoteDetail, ReplyCode } from '../model/line-kind';
import type { LogIndex } from '../model/log-index';
import { rowsAt } from './row-bytes';
import { markTextRows, prepareTerm, type TermEncoder } from './text-search';
import type { RowFacets, RowFilter } from './view-query';

/**
 * A row filter made ready for the index: every part turned into a table or a bitset that a row is
 * tested against in a few loads. Session parts become one byte per session; the text becomes one
 * bit per row.
 */
export interface CompiledRowFilter {
  /** Tests every part but services and kinds (those are counted apart, for the facets). */
  passesOthers(row: number): boolean;
  /** A byte per service id / per kind: 1 when the filter lets it through. */
  services: Uint8Array;
  kinds: Uint8Array;
  /** Set when the filter is one session: its rows lie between these, in file order. */
  sessionRows?: { first: number; last: number; session: number };
}

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
  const sessions = sessionMask(index, filter);
  const text = filter.text ? await textRows(index, filter.text, encode) : undefined;
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const timed = filter.from !== undefined || filter.to !== undefined;
  const errorsOnly = filter.errorsOnly === true;

  const passesOthers = (r: number): boolean => {
    if (sessions) {
      const s = rows.session.at(r);
      if (s < 0 || !sessions[s]) return false;
    }
    if (timed) {
      const t = rows.time.at(r);
      if (t < from || t >= to) return false;
    }
    if (errorsOnly && !isError(rows.kind[r], rows.detail[r])) return false;
    if (text && (text[r >>> 5] & (1 << (r & 31))) === 0) return false;
    return true;
  };
  const single = filter.session;
  const sessionRows =
    single !== undefined && single >= 0 && single < index.sessions.count
      ? { first: index.sessions.firstRow[single], last: index.sessions.lastRow[single], session: single }
      : undefined;
  return { passesOthers, services, kinds, sessionRows };
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

/** Counting and keeping rows of a compiled filter over timeline positions [from, to). */
export function scanRows(
  index: LogIndex,
  compiled: CompiledRowFilter,
  from: number,
  to: number,
  facets: RowFacets,
  keep: (row: number) => void,
): void {
  const { services, kinds, passesOthers } = compiled;
  const service = index.rows.service;
  const kind = index.rows.kind;
  const ids = rowsAt(index, from, to - from);
  for (let i = 0; i < ids.length; i++) {
    const r = ids[i];
    if (!passesOthers(r)) continue;
    const serviceOk = services[service[r]] === 1;
    const kindOk = kinds[kind[r]] === 1;
    if (kindOk) facets.services[service[r]]++;
    if (serviceOk) facets.kinds[kind[r]]++;
    if (serviceOk && kindOk) keep(r);
  }
}
