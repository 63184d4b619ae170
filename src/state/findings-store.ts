/**
 * The overview's findings and the thresholds that make them. The load's summary brings them with
 * the default thresholds; a changed threshold asks the engine for them again.
 */
import { DEFAULT_THRESHOLDS, type Finding, type FindingThresholds } from '../query/finding-types';
import { engine, getLoadState, subscribeLoad } from './load-store';
import { createStore, useStore } from './small-store';

interface FindingsState {
  thresholds: FindingThresholds;
  /** Undefined until the engine has answered for thresholds other than the defaults. */
  findings?: Finding[];
  loadId: number;
}

const store = createStore<FindingsState>({ thresholds: DEFAULT_THRESHOLDS, loadId: -1 });
const setState = store.set;

const isDefault = (t: FindingThresholds) =>
  (Object.keys(DEFAULT_THRESHOLDS) as Array<keyof FindingThresholds>).every(
    (k) => t[k] === DEFAULT_THRESHOLDS[k],
  );

function ask(thresholds: FindingThresholds): void {
  const load = getLoadState();
  // The summary's findings come just after the load is done: until then there is nothing to ask.
  const found = load.status === 'ready' ? load.summary.summary.findings : undefined;
  if (load.status !== 'ready' || !found) return;
  if (isDefault(thresholds)) {
    setState({ thresholds, findings: found, loadId: load.loadId });
    return;
  }
  setState({ ...store.get(), thresholds });
  void engine()
    .findings(thresholds)
    .then((findings) => {
      if (findings) setState({ thresholds, findings, loadId: load.loadId });
    });
}

/** Changes one threshold; the findings follow. */
export function setThreshold(key: keyof FindingThresholds, value: number): void {
  if (!Number.isFinite(value) || value <= 0) return;
  ask({ ...store.get().thresholds, [key]: value });
}

/** A new load: its findings, with the thresholds the user set. */
subscribeLoad(() => {
  const load = getLoadState();
  if (load.status === 'ready' && load.loadId !== store.get().loadId) ask(store.get().thresholds);
});

export function useFindings(): FindingsState {
  return useStore(store, (s) => s);
}
