/**
 * The explore view in the URL's hash: the filter and the open conversation. A reload followed by
 * the same drop restores the view, and a link can be pasted to a colleague who has the same files
 * (session ids are the same for the same files in the same order). Nothing of the logs' content
 * but what the user typed goes into the URL, and the URL never leaves the browser.
 */
import type { RowFilter } from '../query/view-query';
import { getExploreState, isFiltering, openConversation, setFilter, subscribeExplore } from './explore-store';
import { getLoadState, subscribeLoad } from './load-store';

const LISTS = ['services', 'kinds', 'outcomes'] as const;
const NUMBERS = ['from', 'to', 'thread', 'jobId', 'session'] as const;
const TEXTS = ['text', 'regex', 'peer', 'address'] as const;

export function encodeView(filter: RowFilter, open: number | undefined): string {
  const p = new URLSearchParams();
  for (const k of TEXTS) if (filter[k]) p.set(k, filter[k]);
  for (const k of NUMBERS) if (filter[k] !== undefined) p.set(k, String(filter[k]));
  for (const k of LISTS) if (filter[k]) p.set(k, filter[k].join(','));
  if (filter.errorsOnly) p.set('errors', '1');
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
  return { filter, open: int(p.get('open')) };
}

/** Keeps the hash in step with the view, and applies the hash to each load once it is indexed. */
export function installUrlHash(): void {
  let appliedFor = -1;
  subscribeLoad(() => {
    const load = getLoadState();
    if (load.status !== 'ready' || appliedFor === load.loadId) return;
    appliedFor = load.loadId;
    const { filter, open } = decodeView(location.hash);
    if (isFiltering(filter)) setFilter(filter);
    if (open !== undefined) openConversation(open);
  });
  subscribeExplore(() => {
    if (getLoadState().status !== 'ready') return;
    const s = getExploreState();
    const hash = encodeView(s.filter, s.conversation?.session);
    if (hash !== location.hash.replace(/^#/, '')) {
      history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
    }
  });
}
