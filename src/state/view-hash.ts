/**
 * The explore view as a URL hash: the filter and the open conversation, as `key=value` pairs.
 * Pure, so the benchmark and the tests write the same hashes the page reads.
 */
import type { RowFilter } from '../query/view-query';

const LISTS = ['services', 'kinds', 'outcomes'] as const;
const NUMBERS = ['from', 'to', 'thread', 'jobId', 'session'] as const;
const TEXTS = ['text', 'regex', 'peer', 'address'] as const;

export function encodeView(filter: RowFilter, open: number | undefined): string {
  const p = new URLSearchParams();
  for (const k of TEXTS) if (filter[k]) p.set(k, filter[k]);
  for (const k of NUMBERS) if (filter[k] !== undefined) p.set(k, String(filter[k]));
  for (const k of LISTS) if (filter[k]) p.set(k, filter[k].join(','));
  if (filter.errorsOnly) p.set('errors', '1');
  if (filter.failedDeliveries) p.set('failed', '1');
  if (open !== undefined) p.set('open', String(open));
  return p.toString();
}

export function decodeView(hash: string): { filter: RowFilter; open?: number } {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const filter: RowFilter = {};
  const int = (v: string | null) => (v !== null && /^-?\d+$/.test(v) ? Number(v) : undefined);
  for (const k of TEXTS) {
    const v = p.get(k);
    if (v) filter[k] = v;
  }
  for (const k of NUMBERS) {
    const v = int(p.get(k));
    if (v !== undefined) filter[k] = v;
  }
  const services = p.get('services');
  if (services !== null) filter.services = services === '' ? [] : services.split(',');
  for (const k of ['kinds', 'outcomes'] as const) {
    const v = p.get(k);
    if (v !== null) filter[k] = v === '' ? [] : v.split(',').map(Number).filter(Number.isInteger);
  }
  if (p.get('errors') === '1') filter.errorsOnly = true;
  if (p.get('failed') === '1') filter.failedDeliveries = true;
  return { filter, open: int(p.get('open')) };
}
