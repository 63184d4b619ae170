import type { LogIndex, RowSource } from '../model/log-index';
import { compileRowFilter, REGEX_CHUNK, scanRows, type CompiledRowFilter } from './row-filter';
import {
  emptyFacetMatrix,
  facetsFromMatrix,
  wholeIndexCounts,
  wholeIndexFacets,
  wholeIndexFacetsFor,
} from './whole-index';
import { countPerStretch, markPassing, newRowBits, setRowsAt, type RowBits } from './row-bits';
import type { TermEncoder } from './text-search';
import { binsFor } from './time-bins';
import type { ReportFacets, RowFacets, ViewQuery } from './view-query';
import { selectReport } from './report-selection';

/**
 * The items a view shows, in its order. `all`: every item of the source, which costs nothing
 * however many there are (rows in timeline order, sessions and report entries in index order).
 * `list`: the matching items' ids (row ids in timeline order, session ids, entry ids), one word
 * each, only for the items that match. `bits` (rows only): a bit per row of the index, and how many
 * are set per stretch of the timeline, so a window is found without a list of the rows at all.
 */
export type Selection = (
  | { kind: 'all'; count: number }
  | { kind: 'list'; items: Uint32Array }
  | { kind: 'bits'; rows: RowBits; before: Uint32Array }
) & {
  /** Rows views: the matching rows by service and by kind. */
  facets?: RowFacets;
  /** Report views: the matching entries counted for the deliveries charts. */
  deliveries?: ReportFacets;
};

export function selectionSize(s: Selection): number {
  if (s.kind === 'all') return s.count;
  if (s.kind === 'list') return s.items.length;
  return s.before[s.before.length - 1];
}

/**
 * The ids of a selection's items start .. start + count - 1; `allIds` gives them for `all` (row
 * ids in timeline order, or plain indices).
 */
export function selectionIds(
  index: RowSource,
  selection: Selection,
  start: number,
  count: number,
  allIds: (start: number, count: number) => Uint32Array,
): Uint32Array {
  const end = Math.min(selectionSize(selection), start + count);
  if (end <= start) return new Uint32Array(0);
  if (selection.kind === 'list') return selection.items.subarray(start, end);
  if (selection.kind === 'bits')
    return setRowsAt(index, selection.rows, selection.before, start, end - start);
  return allIds(start, end - start);
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
      const test = compiled.test;
      if (test) {
        const chunked = { ...interruption, chunk: interruption.chunk ?? REGEX_CHUNK };
        return collect(index.rows.count, chunked, facets, (from, to, keep) =>
          scanRows(index, { ...compiled, test }, from, to, facets, keep),
        );
      }
      return selectPassing(index, compiled, facets, interruption);
    }
    case 'sessions': {
      const services = serviceIds(index, query.filter?.services);
      if (!services) return { kind: 'all', count: index.sessions.count };
      const service = index.sessions.service;
      return collect(index.sessions.count, interruption, undefined, (from, to, keep) => {
        for (let s = from; s < to; s++) if (services[service[s]]) keep(s);
      });
    }
    case 'report':
      return selectReport(index, query.filter ?? {}, encode);
  }
}

/**
 * The rows of a filter without a per-row test, as bits: the rows passing every part are marked in
 * storage order, a word at a time, counting the facets and the histogram on the way, a chunk at a
 * time between pauses; then counted per stretch of the timeline, which is all a window needs.
 */
async function selectPassing(
  index: LogIndex,
  compiled: CompiledRowFilter,
  facets: RowFacets,
  interruption: Interruption,
): Promise<Selection | undefined> {
  const rows = newRowBits(index.rows.count);
  // Services and kinds alone: the facets and the histogram come from the whole index's counts.
  const matrix = compiled.others ? emptyFacetMatrix() : undefined;
  const bins = compiled.others ? facets.bins : undefined;
  const { wordService } = wholeIndexCounts(index);
  const wordsPerChunk = (interruption.chunk ?? SELECT_CHUNK) >>> 5 || 1;
  for (let w = 0; w < rows.length; w += wordsPerChunk) {
    markPassing(
      index,
      wordService,
      compiled,
      w,
      Math.min(rows.length, w + wordsPerChunk),
      rows,
      bins,
      matrix,
    );
    await interruption.pause();
    if (interruption.stopped()) return undefined;
  }
  if (matrix) facetsFromMatrix(index, compiled, matrix, facets);
  else wholeIndexFacetsFor(index, compiled, facets);
  return { kind: 'bits', rows, before: countPerStretch(index, rows), facets };
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
