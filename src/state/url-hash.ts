/**
 * The explore view in the URL's hash: the filter and the open conversation. A reload followed by
 * the same drop restores the view, and a link can be pasted to a colleague who has the same files
 * (session ids are the same for the same files in the same order). Nothing of the logs' content
 * but what the user typed goes into the URL, and the URL never leaves the browser.
 */
import { decodeView, encodeView } from './view-hash';
import { getExploreState, isFiltering, openConversation, setFilter, subscribeExplore } from './explore-store';
import { getLoadState, subscribeLoad } from './load-store';

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
  // A link pasted into this tab's address bar (or the hash edited) applies at once.
  window.addEventListener('hashchange', () => {
    if (getLoadState().status !== 'ready') return;
    const { filter, open } = decodeView(location.hash);
    setFilter(filter);
    openConversation(open ?? null);
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
