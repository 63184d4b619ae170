/**
 * Which view fills the page below the overview: the log table (with its filters and the
 * conversation pane) or the deliveries. Links in the overview switch it.
 */
import { createStore, useStore } from './small-store';

export type ViewTab = 'log' | 'deliveries';

const store = createStore<ViewTab>('log');

export function showTab(next: ViewTab): void {
  if (next !== store.get()) store.set(next);
}

export function useViewTab(): ViewTab {
  return useStore(store, (tab) => tab);
}
