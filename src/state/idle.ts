/**
 * `window.__logview.idle()`: a promise that resolves once no load and no query is in flight and
 * the table shows the result (no placeholder row left). The testing contract of the explore view:
 * end-to-end tests (ours and any checker's) wait on it instead of sleeping.
 */
import { getExploreState, isFiltering } from './explore-store';
import { getLoadState } from './load-store';
import { getDeliveriesState } from './deliveries-store';

/** The deliveries view has a filter whose count is not final yet. */
const deliveriesBusy = () =>
  getLoadState().status === 'ready' &&
  (!getDeliveriesState().done || getDeliveriesState().journeyPending === true);

/** Frames the page must stay settled before idle() resolves: one frame may still be rendering. */
const SETTLED_FRAMES = 2;

function busy(): boolean {
  const load = getLoadState();
  if (load.status === 'loading') return true;
  const explore = getExploreState();
  if (load.status === 'ready' && isFiltering(explore.filter) && !explore.done) return true;
  if (explore.conversationPending) return true;
  if (deliveriesBusy()) return true;
  // The overview's findings and lines over time follow the load's end.
  if (load.status === 'ready' && load.summary.summary.findings === undefined) return true;
  // Rows still being fetched, or a chart whose code is still loading.
  return (
    document.querySelector('[data-testid="log-row-placeholder"], [data-testid="chart-loading"]') !== null
  );
}

export function idle(): Promise<void> {
  return new Promise((resolve) => {
    let settled = 0;
    const check = () => {
      settled = busy() ? 0 : settled + 1;
      if (settled >= SETTLED_FRAMES) resolve();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

declare global {
  interface Window {
    __logview: { idle: () => Promise<void> };
  }
}

export function installIdleHook(): void {
  window.__logview = { idle };
}
