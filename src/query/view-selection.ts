import type { LogIndex, RowSource } from '../model/log-index';
import {
  compileRowFilter,
  countFacets,
  REGEX_CHUNK,
  rowVisitor,
  scanRows,
  wholeIndexFacets,
} from './row-filter';
import type { TermEncoder } from './text-search';
import { binsFor } from './time-bins';
import type { RowFacets, ViewQuery } from './view-query';

/**
 * The items a view shows, in its order. `all`: every item of the source, which costs nothing
 * however many there are (rows in timeline order, sessions and report entries in index order).
 * `list`: the matching items' ids (row ids in timeline order, session ids, entry ids), one word
 * each, only for the items that match.
 */
export type Selection = ({ kind: 'all'; count: number } | { kind: 'list'; items: Uint32Array }) & {
  /** Rows views: the matching rows by service and by kind. */
  facets?: RowFacets;
};

export function selectionSize(s: Selection): number {
  return s.kind === 'all' ? s.count : s.items.length;
}

/** Items looked at between two checks for a newer request: about 10 ms of work. */
const SELECT_CHUNK = 1 << 20;

/** How a running selection yields to newer requests: `pause` lets messages in, `stopped` says if one replaced it. */
export interface Interruption {
  pause(): Promise<void>;
  stopped(): boolean;
  /** Items between two pauses (SELECT_CHUNK). */
  chunk?: number;
  /** Told the selection so far after each chunk: the first screen shows before the count is final. */
  progress?: (partial: Selection) => void;
}

/**
 * The selection of `query` over `index`, computed in chunks: between chunks it pauses, and gives
 * up (undefined) as soon as a newer request stopped it. A query without a filter is `all` at once.
 */
export async function selectItems(
  index: LogIndex,
  query: ViewQuery,
  interruption: Interruption,
  encode: TermEncoder,
): Promise<Selection | undefined> {
  switch (query.source) {
    case 'rows': {
      const filter = query.filter;
      if (!filter || Object.keys(filter).length === 0) {
        return { kind: 'all', count: index.rows.count, facets: wholeIndexFacets(index) };
      }
      const compiled = await compileRowFilter(index, filter, encode);
      if (interruption.stopped()) return undefined;
      const facets: RowFacets = {
        services: Array.from({ length: index.services.length }, () => 0),
        kinds: Array.from({ length: 16 }, () => 0),
        bins: binsFor(index, filter.from, filter.to),
      };
      const single = compiled.sessionRows;
      if (single) {
        // One session: only its own stretch of rows (one file's, in file order) is looked at.
        const { first, last, session } = single;
        const inSession = index.rows.session;
        return collect(last + 1 - first, interruption, facets, (from, to, keep) => {
          const visit = rowVisitor(index, compiled, facets, keep, true);
          for (let r = first + from; r < first + to; r++) if (inSession.at(r) === session) visit(r);
        });
      }
      const chunked = compiled.test
        ? { ...interruption, chunk: interruption.chunk ?? REGEX_CHUNK }
        : interruption;
      const selection = await collect(index.rows.count, chunked, facets, (from, to, keep) =>
        scanRows(index, compiled, from, to, facets, keep),
      );
      // Counted after the rows, so the first screen does not wait for them; they come with the count.
      if (selection && !compiled.test) countFacets(index, compiled, facets);
      return selection;
    }
    case 'sessions': {
      const services = serviceIds(index, query.filter?.services);
      if (!services) return { kind: 'all', count: index.sessions.count };
      const service = index.sessions.service;
      return collect(index.sessions.count, interruption, undefined, (from, to, keep) => {
        for (let s = from; s < to; s++) if (services[service[s]]) keep(s);
      });
    }
    case 'report': {
      const codes = query.filter?.codes;
      if (!codes) return { kind: 'all', count: index.report.count };
      const wanted = new Set(codes);
      const code = index.report.code;
      return collect(index.report.count, interruption, undefined, (from, to, keep) => {
        for (let e = from; e < to; e++) if (wanted.has(code[e])) keep(e);
      });
    }
  }
}

/** Every row of what is loaded so far: while files load, only the unfiltered rows view is shown. */
export function selectLoadingRows(source: RowSource): Selection {
  return { kind: 'all', count: source.rows.count };
}

/** A byte per service id: 1 when the filter names it. Undefined when the filter names none. */
function serviceIds(index: LogIndex, names: string[] | undefined): Uint8Array | undefined {
  if (!names) return undefined;
  const wanted = new Uint8Array(index.services.length);
  index.services.forEach((name, id) => {
    if (names.includes(name)) wanted[id] = 1;
  });
  return wanted;
}

/** Runs `scan` over [0, count) a chunk at a time, keeping the ids it keeps, in order. */
async function collect(
  count: number,
  interruption: Interruption,
  facets: RowFacets | undefined,
  scan: (from: number, to: number, keep: (id: number) => void) => void,
): Promise<Selection | undefined> {
  let items = new Uint32Array(1024);
  let n = 0;
  const keep = (id: number) => {
    if (n === items.length) {
      const grown = new Uint32Array(items.length * 2);
      grown.set(items);
      items = grown;
    }
    items[n++] = id;
  };
  const chunk = interruption.chunk ?? SELECT_CHUNK;
  for (let from = 0; from < count; from += chunk) {
    scan(from, Math.min(count, from + chunk), keep);
    // Partial results carry no facets: those are final only with the count.
    if (from + chunk < count) interruption.progress?.({ kind: 'list', items: items.subarray(0, n) });
    await interruption.pause();
    if (interruption.stopped()) return undefined;
  }
  return { kind: 'list', items: items.slice(0, n), facets };
}
