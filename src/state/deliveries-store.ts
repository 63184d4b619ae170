/**
 * The deliveries view: the MTA report log's entries as a table, filtered and sorted in the engine,
 * with the counts its charts draw. Failed-only narrows the log table too, to the MTA sessions of
 * those deliveries.
 */
import { useSyncExternalStore } from 'react';
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

let state: DeliveriesState = { filter: {}, version: 0, shown: 0, done: false };
const listeners = new Set<() => void>();
let listening = false;

function setState(next: DeliveriesState): void {
  state = next;
  for (const l of listeners) l();
}

function listen(): void {
  if (listening) return;
  listening = true;
  engine().onViewState((s) => {
    if (s.viewId !== REPORT_VIEW) return;
    setState({
      ...state,
      shown: s.total,
      done: s.done,
      deliveries: s.deliveries ?? state.deliveries,
      queryMs: s.ms,
    });
    if (s.done) endReportProbe(s.total);
  });
  let loadId = getLoadState().loadId;
  subscribeLoad(() => {
    const now = getLoadState();
    if (now.loadId === loadId) return;
    loadId = now.loadId;
    setState({ ...state, shown: 0, done: false, deliveries: undefined, journey: undefined });
  });
}

/** Listens from the start: the report view's counts arrive with each load, shown or not. */
export function installDeliveriesStore(): void {
  listen();
}

export function useDeliveries<T>(select: (s: DeliveriesState) => T): T {
  listen();
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => select(state),
  );
}

export function getDeliveriesState(): DeliveriesState {
  return state;
}

const isSet = (v: unknown) => v !== undefined && v !== '' && v !== false;

/** Replaces the deliveries filter: the engine computes the new view, the newest request wins. */
export function setDeliveriesFilter(filter: ReportFilter): void {
  listen();
  const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => isSet(v))) as ReportFilter;
  startReportProbe();
  setState({ ...state, filter: clean, version: state.version + 1, done: false });
  engine().openView(REPORT_VIEW, { source: 'report', filter: clean });
}

export function updateDeliveriesFilter(patch: Partial<ReportFilter>): void {
  setDeliveriesFilter({ ...state.filter, ...patch });
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
  const sort = state.filter.sort;
  if (sort?.by !== by) updateDeliveriesFilter({ sort: { by } });
  else if (!sort.descending) updateDeliveriesFilter({ sort: { by, descending: true } });
  else updateDeliveriesFilter({ sort: undefined });
}

/** Opens the journey of report entry `entry` beside the table (null: closes it). */
export function openJourney(entry: number | null): void {
  if (entry === null) {
    setState({ ...state, journey: undefined, journeyPending: false });
    return;
  }
  setState({ ...state, journeyPending: true });
  void engine()
    .journey(entry)
    .then((journey) => {
      // null: a newer request replaced this one.
      if (journey) setState({ ...state, journey, journeyPending: false });
    });
}

export function readDeliveries(start: number, count: number): Promise<ViewWindow<ReportRowView> | null> {
  return engine().read(REPORT_VIEW, start, count) as Promise<ViewWindow<ReportRowView> | null>;
}
