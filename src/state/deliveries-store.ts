/**
 * The deliveries view: the MTA report log's entries as a table, filtered and sorted in the engine,
 * with the counts its charts draw. Failed-only narrows the log table too, to the MTA sessions of
 * those deliveries.
 */
import type {
  ReportFacets,
  ReportFilter,
  ReportRowView,
  ReportSortKey,
  ViewWindow,
} from '../query/view-query';
import type { Journey } from '../query/journey';
import { updateFilter } from './explore-store';
import { engine, getLoadState, REPORT_VIEW, subscribeLoad } from './load-store';
import { endReportProbe, startReportProbe } from './probe';
import { createStore, useStore } from './small-store';
import { withoutEmptyParts } from './filter-parts';

export interface DeliveriesState {
  filter: ReportFilter;
  /** Bumped with every filter: the table drops rows it cached for the previous one. */
  version: number;
  shown: number;
  done: boolean;
  deliveries?: ReportFacets;
  queryMs?: number;
  /** The entry whose journey is open beside the table, once the engine has traced it. */
  journey?: Journey;
  journeyPending?: boolean;
}

const store = createStore<DeliveriesState>({ filter: {}, version: 0, shown: 0, done: false });
let listening = false;
const setState = store.set;

function listen(): void {
  if (listening) return;
  listening = true;
  engine().onViewState((s) => {
    if (s.viewId !== REPORT_VIEW) return;
    setState({
      ...store.get(),
      shown: s.total,
      done: s.done,
      deliveries: s.deliveries ?? store.get().deliveries,
      queryMs: s.ms,
    });
    if (s.done) endReportProbe(s.total);
  });
  let loadId = getLoadState().loadId;
  subscribeLoad(() => {
    const now = getLoadState();
    if (now.loadId === loadId) return;
    loadId = now.loadId;
    setState({ ...store.get(), shown: 0, done: false, deliveries: undefined, journey: undefined });
  });
}

/** Listens from the start: the report view's counts arrive with each load, shown or not. */
export function installDeliveriesStore(): void {
  listen();
}

export function useDeliveries<T>(select: (s: DeliveriesState) => T): T {
  listen();
  return useStore(store, select);
}

export const getDeliveriesState = store.get;

/** Replaces the deliveries filter: the engine computes the new view, the newest request wins. */
export function setDeliveriesFilter(filter: ReportFilter): void {
  listen();
  const clean = withoutEmptyParts(filter);
  startReportProbe();
  setState({ ...store.get(), filter: clean, version: store.get().version + 1, done: false });
  engine().openView(REPORT_VIEW, { source: 'report', filter: clean });
}

export function updateDeliveriesFilter(patch: Partial<ReportFilter>): void {
  setDeliveriesFilter({ ...store.get().filter, ...patch });
}

/**
 * Failed deliveries in one click: the entries whose code is not 0, and the log table narrowed to
 * the MTA sessions of those deliveries (where a session could be matched to its entry).
 */
export function setFailedOnly(on: boolean): void {
  updateDeliveriesFilter({ failedOnly: on || undefined });
  updateFilter({ failedDeliveries: on || undefined });
}

/** Sorts by a column: ascending first, then descending, then the log's own order. */
export function cycleSort(by: ReportSortKey): void {
  const sort = store.get().filter.sort;
  if (sort?.by !== by) updateDeliveriesFilter({ sort: { by } });
  else if (!sort.descending) updateDeliveriesFilter({ sort: { by, descending: true } });
  else updateDeliveriesFilter({ sort: undefined });
}

/** Opens the journey of report entry `entry` beside the table (null: closes it). */
export function openJourney(entry: number | null): void {
  if (entry === null) {
    setState({ ...store.get(), journey: undefined, journeyPending: false });
    return;
  }
  setState({ ...store.get(), journeyPending: true });
  void engine()
    .journey(entry)
    .then((journey) => {
      // null: a newer request replaced this one.
      if (journey) setState({ ...store.get(), journey, journeyPending: false });
    });
}

export function readDeliveries(start: number, count: number): Promise<ViewWindow<ReportRowView> | null> {
  return engine().read(REPORT_VIEW, start, count) as Promise<ViewWindow<ReportRowView> | null>;
}
