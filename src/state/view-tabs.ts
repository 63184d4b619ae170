/**
 * Which view fills the page below the overview: the log table (with its filters and the
 * conversation pane) or the deliveries. A tiny external store: links in the overview switch it.
 */
import { useSyncExternalStore } from 'react';

export type ViewTab = 'log' | 'deliveries';

let tab: ViewTab = 'log';
const listeners = new Set<() => void>();

export function showTab(next: ViewTab): void {
  if (next === tab) return;
  tab = next;
  for (const l of listeners) l();
}

export function getViewTab(): ViewTab {
  return tab;
}

export function useViewTab(): ViewTab {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => tab,
  );
}
