import type { LogIndex, RowSource } from '../model/log-index';
import { decoderOf } from '../ingest/codec';
import type { TermEncoder } from '../query/text-search';
import type { ViewQuery, ViewWindow } from '../query/view-query';
import { readItemWindow, readRowWindow } from '../query/view-window';
import { selectItems, selectLoadingRows, selectionSize, type Selection } from '../query/view-selection';
import type { FromWorker } from './protocol';

interface View {
  version: number;
  query: ViewQuery;
  /** Undefined while it is being computed, or while files load (for any view but every row). */
  selection?: Selection;
  /** Set when a newer version, a stop or a new load makes the running computation useless. */
  stopped: boolean;
  /** Settles when its computation ends (done or stopped): reads made meanwhile wait for it. */
  computed?: Promise<void>;
  /** What it has found so far while it computes. */
  partial?: Selection;
  /** Stopped by a `stop` (the user's), not by a newer version or a new load. */
  halted?: boolean;
}

/** What the views are computed over: the finished index, or the rows so far while files load. */
export type ViewData = { index: LogIndex } | { loading: RowSource } | undefined;

/**
 * The engine's views (src/README.md, "The query API"): each a query with an id and a version,
 * computed over the columns in chunks and read by windows. A new version of a view stops its
 * running computation; the others go on. Every reply carries the version it answers.
 */
export class Views {
  private readonly views = new Map<number, View>();

  constructor(
    private readonly post: (msg: FromWorker) => void,
    private readonly data: () => ViewData,
    private readonly pause: () => Promise<void>,
    private readonly encode: TermEncoder,
  ) {}

  open(viewId: number, version: number, query: ViewQuery): Promise<void> {
    const old = this.views.get(viewId);
    if (old) old.stopped = true;
    const view: View = { version, query, stopped: false };
    this.views.set(viewId, view);
    return (view.computed = this.compute(viewId, view));
  }

  /**
   * The finished selection of a view over the finished index, once its computation is over
   * (undefined when there is no index, or the view was stopped or replaced meanwhile).
   */
  async selectionOf(viewId: number): Promise<Selection | undefined> {
    const view = this.views.get(viewId);
    if (view && !view.selection && view.computed) await view.computed;
    const data = this.data();
    return data && 'index' in data ? this.views.get(viewId)?.selection : undefined;
  }

  /** Stops computing a view: it keeps what it found so far, and says so as its final state. */
  stop(viewId: number): void {
    const view = this.views.get(viewId);
    if (view && !view.selection) {
      view.stopped = true;
      view.halted = true;
    }
  }

  close(viewId: number): void {
    const view = this.views.get(viewId);
    if (view) view.stopped = true;
    this.views.delete(viewId);
  }

  /** A new load replaced the index: every view is computed again once it is done. */
  forgetSelections(): void {
    for (const view of this.views.values()) {
      view.stopped = true;
      view.selection = undefined;
    }
  }

  /** The index is complete: compute every open view over it. */
  async recompute(): Promise<void> {
    for (const [viewId, old] of this.views) {
      const view: View = { version: old.version, query: old.query, stopped: false };
      this.views.set(viewId, view);
      await (view.computed = this.compute(viewId, view));
    }
  }

  async read(
    viewId: number,
    version: number,
    requestId: number,
    start: number,
    count: number,
  ): Promise<void> {
    let view = this.views.get(viewId);
    const covered = (v: View) => v.partial !== undefined && start + count <= selectionSize(v.partial);
    if (view?.version === version && !view.selection && !covered(view) && view.computed) {
      await view.computed;
      view = this.views.get(viewId);
    }
    const window = view?.version === version ? this.window(view, start, count) : undefined;
    this.post({
      type: 'window',
      viewId,
      version: view?.version ?? version,
      requestId,
      window: window ?? { start, rows: [], total: 0 },
    });
  }

  private async compute(viewId: number, view: View): Promise<void> {
    const data = this.data();
    if (!data || !('index' in data)) return;
    const started = performance.now();
    const state = (selection: Selection, done: boolean) =>
      this.post({
        type: 'view-state',
        viewId,
        version: view.version,
        total: selectionSize(selection),
        done,
        facets: selection.facets,
        deliveries: selection.deliveries,
        ...(done ? { ms: Math.round(performance.now() - started) } : {}),
      });
    let selection: Selection | undefined;
    try {
      selection = await selectItems(
        data.index,
        view.query,
        {
          pause: this.pause,
          stopped: () => view.stopped,
          progress: (partial) => {
            // The rows found so far can be read at once; the count follows.
            view.partial = partial;
            state(partial, false);
          },
        },
        this.encode,
      );
    } catch (e) {
      // A query the engine cannot run (an invalid pattern) shows nothing and says why.
      const error = e instanceof Error ? e.message : String(e);
      view.selection = { kind: 'list', items: new Uint32Array(0) };
      this.post({ type: 'view-state', viewId, version: view.version, total: 0, done: true, error });
      return;
    }
    if (view.stopped) {
      // Stopped by the user (not replaced, not a new load): what was found so far is the result.
      if (this.views.get(viewId) === view && view.halted) {
        view.selection = view.partial ?? { kind: 'list', items: new Uint32Array(0) };
        state(view.selection, true);
      }
      return;
    }
    if (!selection) return;
    view.selection = selection;
    view.partial = undefined;
    state(selection, true);
  }

  private window(view: View, start: number, count: number): ViewWindow | undefined {
    const data = this.data();
    if (!data) return undefined;
    if ('loading' in data) {
      // While files load only the rows so far are there, in file order, and only unfiltered.
      if (view.query.source !== 'rows' || view.query.filter) return undefined;
      return readRowWindow(
        data.loading,
        selectLoadingRows(data.loading),
        start,
        count,
        decoderOf(data.loading),
      );
    }
    const selection = view.selection ?? view.partial;
    if (!selection) return undefined;
    const { index } = data;
    if (view.query.source === 'rows') return readRowWindow(index, selection, start, count, decoderOf(index));
    return readItemWindow(index, view.query.source, selection, start, count);
  }
}
