/**
 * What the whole index counts to, made once as a load ends and read by every filter after it: rows
 * by (service, kind) and over time, each 32 rows' one service and time bounds, the service starts
 * and stops. Filters of services and kinds take their facets from it, others skip whole words by it.
 */
import { PACK_ESCAPE, PACK_NONE, PACK_SHIFT, PACK_STEP } from '../lib/packed-column';
import { LineKind } from '../model/line-kind';
import type { LogIndex } from '../model/log-index';
import { NO_TIME } from '../model/units';
import { KIND_SLOTS, MIXED_SERVICES, newRowBits, type PassTables, type RowBits } from './row-bits';
import { errorTable } from './errors';
import { binsFor, type TimeBins } from './time-bins';
import type { RowFacets } from './view-query';

/**
 * The facets of a filter from its rows passing the other parts, counted by (service, kind):
 * rows by service and by kind, each ignoring its own part.
 */
export function facetsFromMatrix(
  index: LogIndex,
  tables: PassTables,
  matrix: Uint32Array,
  facets: RowFacets,
): void {
  const { services, kinds } = tables;
  for (let sv = 0; sv < index.services.length; sv++) {
    for (let k = 0; k < KIND_SLOTS; k++) {
      const n = matrix[sv * KIND_SLOTS + k];
      if (n === 0) continue;
      if (kinds[k]) facets.services[sv] += n;
      if (services[sv]) facets.kinds[k] += n;
    }
  }
}

export const emptyFacetMatrix = () => new Uint32Array(256 * KIND_SLOTS);

/**
 * Every row of the index counted once, for the filters that need no row-by-row reading: by
 * (service, kind), and for each such pair its rows over the whole log's time bins. And per word of
 * RowBits (32 rows): the service all its rows share, and their earliest and latest time, so the
 * commonest filters set or clear whole words without reading their rows.
 */
export interface WholeIndexCounts {
  matrix: Uint32Array;
  /** Per (service, kind) slot present: its rows per bin of `bins` (the whole log's). */
  slotBins: Array<Uint32Array | undefined>;
  bins: TimeBins | undefined;
  /** Per word: the service id of all its rows, or MIXED_SERVICES. */
  wordService: Uint8Array;
  /** Per word: its rows' least and greatest time (NO_TIME counting as a time, the greatest). */
  wordMinTime: Uint32Array;
  wordMaxTime: Uint32Array;
  /** The rows that start or stop a service, in storage order: a few per file. */
  serviceStartsAndStops: number[];
  /** A bit per row: the rows errors-only keeps (isError). */
  errorRows: RowBits;
}

const wholeCounts = new WeakMap<LogIndex, WholeIndexCounts>();

export function wholeIndexCounts(index: LogIndex): WholeIndexCounts {
  let counts = wholeCounts.get(index);
  if (!counts) {
    const matrix = emptyFacetMatrix();
    const bins = binsFor(index, undefined, undefined);
    const binCount = bins ? bins.counts.length : 0;
    // Every (service, kind) slot's bins side by side: one flat array, counted into by offset.
    const flatBins = new Uint32Array(matrix.length * binCount);
    const { service, kind, time, count } = index.rows;
    const { base, delta } = time;
    const words = Math.ceil(count / 32);
    const wordService = new Uint8Array(words);
    const wordMinTime = new Uint32Array(words);
    const wordMaxTime = new Uint32Array(words);
    const serviceStartsAndStops: number[] = [];
    const errorRows = newRowBits(count);
    const errors = errorTable();
    const { detail } = index.rows;
    // Times are counted from the first bin's start: small integers, where epoch seconds past 2^30
    // would be doubles. A bin is found by a multiplication (exact: +0.5 keeps it off the edges).
    const origin = bins ? bins.from : 0;
    const perBin = bins ? 1 / bins.width : 0;
    let blockOffset = 0;
    for (let w = 0, r = 0; r < count; w++) {
      const end = Math.min(count, r + 32);
      let sv = service[r];
      let min = 0x7fffffff;
      let max = -1;
      let untimed = false;
      let errorWord = 0;
      for (let b = 0; r < end; r++, b++) {
        errorWord |= errors[(kind[r] << 16) | detail[r]] << b;
        if ((r & (PACK_STEP - 1)) === 0) blockOffset = base[r >>> PACK_SHIFT] - origin;
        if (kind[r] === LineKind.ServiceStart || kind[r] === LineKind.ServiceStop)
          serviceStartsAndStops.push(r);
        const slot = service[r] * KIND_SLOTS + kind[r];
        matrix[slot]++;
        if (service[r] !== sv) sv = MIXED_SERVICES;
        const d = delta[r];
        let t: number;
        if (d < PACK_ESCAPE) t = blockOffset + d;
        else if (d === PACK_NONE) {
          untimed = true;
          continue;
        } else t = (time.at(r) - origin) | 0;
        if (t < min) min = t;
        if (t > max) max = t;
        if (bins) flatBins[slot * binCount + (((t + 0.5) * perBin) | 0)]++;
      }
      errorRows[w] = errorWord;
      wordService[w] = sv;
      wordMinTime[w] = max < 0 ? NO_TIME : min + origin;
      wordMaxTime[w] = untimed ? NO_TIME : max < 0 ? 0 : max + origin;
    }
    const slotBins = Array.from(matrix, (n, slot) =>
      n > 0 && bins ? flatBins.slice(slot * binCount, (slot + 1) * binCount) : undefined,
    );
    counts = {
      matrix,
      slotBins,
      bins,
      wordService,
      wordMinTime,
      wordMaxTime,
      serviceStartsAndStops,
      errorRows,
    };
    wholeCounts.set(index, counts);
  }
  return counts;
}

/**
 * The facets and histogram of a filter of services and kinds only, from the whole index's counts:
 * nothing is read row by row.
 */
export function wholeIndexFacetsFor(index: LogIndex, tables: PassTables, facets: RowFacets): void {
  const { matrix, slotBins } = wholeIndexCounts(index);
  facetsFromMatrix(index, tables, matrix, facets);
  const bins = facets.bins;
  if (!bins) return;
  for (let sv = 0; sv < index.services.length; sv++) {
    if (!tables.services[sv]) continue;
    for (let k = 0; k < KIND_SLOTS; k++) {
      const counts = slotBins[sv * KIND_SLOTS + k];
      if (!tables.kinds[k] || !counts) continue;
      for (let b = 0; b < counts.length; b++) bins.counts[b] += counts[b];
    }
  }
}

const everything: PassTables = {
  others: undefined,
  services: new Uint8Array(256).fill(1),
  kinds: new Uint8Array(KIND_SLOTS).fill(1),
};

/** Every line of the index by service, by kind and over time: the facets of no filter. */
export function wholeIndexFacets(index: LogIndex): RowFacets {
  const facets: RowFacets = {
    services: Array.from({ length: index.services.length }, () => 0),
    kinds: Array.from({ length: KIND_SLOTS }, () => 0),
    bins: binsFor(index, undefined, undefined),
  };
  wholeIndexFacetsFor(index, everything, facets);
  return facets;
}
