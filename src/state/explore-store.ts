/**
 * What the explore view asks of the engine: the log table's filter, the rows it keeps (their count
 * and facets, streamed by the engine), and the conversation open in the pane. One small external
 * store, read with useSyncExternalStore.
 */
import type { RowFacets, RowFilter } from '../query/view-query';
import type { ConversationView } from '../query/conversation';
import type { ExportFormat } from '../query/export-rows';
import { engine, getLoadState, LOG_VIEW, subscribeLoad } from './load-store';
import { endQueryProbe, startQueryProbe } from './probe';
import { isSet, withoutEmptyParts } from './filter-parts';
import { createStore, useStore } from './small-store';

export interface ExploreState {
  filter: RowFilter;
  /** Bumped with every filter: the table drops rows it cached for the previous one. */
  version: number;
  /** Rows the filter keeps so far, and whether the count is final. */
  shown: number;
  done: boolean;
  facets?: RowFacets;
  /** Why the engine could not run the filter (an invalid pattern). */
  error?: string;
  /** How long the engine took for the final count. */
  queryMs?: number;
  /** The session open in the conversation pane, once the engine has described it. */
  conversation?: ConversationView;
  /** The selected row's position in the table (keyboard, or the thread clicked). */
  selectedIndex?: number;
  /** A conversation was asked for and has not come yet. */
  conversationPending?: boolean;
  /** An export under way. */
  exporting?: ExportFormat;
}

const store = createStore<ExploreState>({ filter: {}, version: 0, shown: 0, done: true });
const setState = store.set;
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  engine().onViewState((s) => {
    if (s.viewId !== LOG_VIEW) return;
    // Partial counts come without facets: the last ones stay until the final count brings new ones.
    const facets = s.facets ?? (s.done ? undefined : store.get().facets);
    setState({ ...store.get(), shown: s.total, done: s.done, facets, error: s.error, queryMs: s.ms });
    if (s.done) endQueryProbe(s.total, s.ms ?? null);
  });
  // A new load starts from the whole log again: counts and the open conversation belong to the old one.
  let loadId = getLoadState().loadId;
  subscribeLoad(() => {
    const now = getLoadState();
    if (now.loadId === loadId) return;
    loadId = now.loadId;
    setState({ ...store.get(), conversation: undefined, selectedIndex: undefined, shown: 0, done: false });
  });
}

export const getExploreState = store.get;

export function subscribeExplore(listener: () => void): () => void {
  listen();
  return store.subscribe(listener);
}

export function useExplore<T>(select: (s: ExploreState) => T): T {
  listen();
  return useStore(store, select);
}

/** Whether a filter keeps anything out: parts left empty do not count. */
export function isFiltering(filter: RowFilter): boolean {
  return Object.values(filter).some(isSet);
}

/** Replaces the log table's filter: the engine computes the new view, the newest request wins. */
export function setFilter(filter: RowFilter): void {
  listen();
  const clean = withoutEmptyParts(filter);
  startQueryProbe();
  setState({
    ...store.get(),
    filter: clean,
    version: store.get().version + 1,
    done: false,
    selectedIndex: undefined,
  });
  engine().openView(LOG_VIEW, { source: 'rows', filter: clean });
}

export function updateFilter(patch: Partial<RowFilter>): void {
  setFilter({ ...store.get().filter, ...patch });
}

/** Stops the filter running in the engine: the rows found so far stay, as its result. */
export function stopFilter(): void {
  engine().stopView(LOG_VIEW);
}

/** Selects the table's row at `index`. */
export function selectRow(index: number): void {
  setState({ ...store.get(), selectedIndex: index });
}

/** Opens the conversation pane on `session` (null: closes it); `index` selects its row in the table. */
export function openConversation(session: number | null, index?: number): void {
  listen();
  if (session === null || session < 0) {
    setState({
      ...store.get(),
      conversation: undefined,
      selectedIndex: undefined,
      conversationPending: false,
    });
    return;
  }
  setState({ ...store.get(), conversationPending: true });
  void engine()
    .conversation(session)
    .then((conversation) => {
      // null: a newer request replaced this one, and settles the pane itself.
      if (conversation) {
        setState({
          ...store.get(),
          conversation,
          selectedIndex: index ?? store.get().selectedIndex,
          conversationPending: false,
        });
      }
    });
}

/**
 * Downloads the rows the table shows: as CSV (time, service, thread, JobID, kind, message, file,
 * line), or as the original lines, each file's bytes as they were.
 */
export async function exportShown(format: ExportFormat): Promise<void> {
  setState({ ...store.get(), exporting: format });
  try {
    const blob = await engine().exportView(LOG_VIEW, format);
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = format === 'csv' ? 'pmail-log.csv' : 'pmail-log.log';
    // In the document while clicked: a detached link's download is not honoured everywhere.
    document.body.append(a);
    a.click();
    a.remove();
    // The download has the URL by now; the Blob goes once nothing refers to it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } finally {
    setState({ ...store.get(), exporting: undefined });
  }
}
