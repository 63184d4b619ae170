/**
 * Lines per service over time, counted so that the counts of several indexes add up: per
 * service, lines per bucket of `base` seconds (a bucket starts on a multiple of it), with the
 * earliest and latest time seen. At the end they are put into the bins the page would draw for
 * the same lines (time-bins.ts), which are as wide as a multiple of `base`: the same counts.
 */
import type { LogIndex } from '../model/log-index';
import { NO_TIME } from '../model/units';
import type { Summary } from './types';
import { emptyBins } from './time-bins';

export interface TimelineFacts {
  min: number;
  max: number;
  /** Seconds per bucket: one of BUCKET_SECONDS. */
  base: number;
  /** Per service name: lines per bucket start. */
  services: Map<string, Map<number, number>>;
}

/**
 * Buckets are as fine as keeps at most MAX_BUCKETS of them per service between the earliest and
 * the latest time (a few MB per service). A bucket of s seconds is kept once the logs span more
 * than MAX_BUCKETS × the finer one: the page's bins are then at least 120 times narrower than that
 * span, so a multiple of s (time-bins.ts: 1800 s and up are multiples of 60, 86400 s and up of
 * 3600), except past 120 weeks, where the page's width is any number of seconds.
 */
const BUCKET_SECONDS = [1, 60, 3600, 86400];
const MAX_BUCKETS = 1 << 17;

export function emptyTimeline(): TimelineFacts {
  return { min: NO_TIME, max: NO_TIME, base: 1, services: new Map() };
}

/** Counts the index's lines into `into`. */
export function addTimeline(into: TimelineFacts, index: LogIndex): void {
  const range = index.rows.time.valueRange();
  if (!range) return;
  const min = into.min === NO_TIME ? range.min : Math.min(into.min, range.min);
  const max = into.max === NO_TIME ? range.max : Math.max(into.max, range.max);
  const base = BUCKET_SECONDS.find((s) => (max - min) / s <= MAX_BUCKETS) ?? 86400;
  if (base !== into.base) coarsen(into, base);
  into.min = min;
  into.max = max;
  // This index's buckets side by side per service, then added to the maps.
  const first = Math.floor(range.min / base);
  const width = Math.floor(range.max / base) - first + 1;
  const { count, service, time } = index.rows;
  const counts = new Uint32Array(index.services.length * width);
  const lines = new Uint32Array(index.services.length);
  for (let r = 0; r < count; r++) {
    lines[service[r]]++;
    const t = time.at(r);
    if (t !== NO_TIME) counts[service[r] * width + Math.floor(t / base) - first]++;
  }
  index.services.forEach((name, id) => {
    // Like the page: a service with lines has its row, even when none of them has a time.
    if (!name || lines[id] === 0) return;
    let buckets = into.services.get(name);
    if (!buckets) into.services.set(name, (buckets = new Map()));
    for (let k = 0; k < width; k++) {
      const n = counts[id * width + k];
      if (n === 0) continue;
      const at = (first + k) * base;
      buckets.set(at, (buckets.get(at) ?? 0) + n);
    }
  });
}

function coarsen(into: TimelineFacts, base: number): void {
  for (const [name, buckets] of into.services) {
    const coarse = new Map<number, number>();
    for (const [at, n] of buckets) {
      const to = Math.floor(at / base) * base;
      coarse.set(to, (coarse.get(to) ?? 0) + n);
    }
    into.services.set(name, coarse);
  }
  into.base = base;
}

/** Lines per service over the bins the page draws for the whole time range (null: no time). */
export function linesOverTimeFrom(f: TimelineFacts): NonNullable<Summary['linesOverTime']> | null {
  if (f.min === NO_TIME) return null;
  const bins = emptyBins(f.min, f.max);
  const services: Record<string, number[]> = {};
  for (const [name, buckets] of f.services) {
    const counts = bins.counts.map(() => 0);
    for (const [at, n] of buckets) {
      // A bucket before the first bin's start is the first bin's (past 120 weeks only).
      counts[Math.max(0, Math.floor((at - bins.from) / bins.width))] += n;
    }
    services[name] = counts;
  }
  return { from: bins.from, width: bins.width, services };
}
