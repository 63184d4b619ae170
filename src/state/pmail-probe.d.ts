/**
 * `window.__pmailProbe`: a read-only view of load timings for the e2e tests and the browser
 * benchmark. The app writes it; nothing in the app reads it back.
 */
export {};

declare global {
  interface PmailProbe {
    state: 'idle' | 'loading' | 'ready' | 'error';
    /** performance.now() when loadFiles was called. */
    t0: number | null;
    /** performance.now() when the table first committed at least one real row to the DOM. */
    firstRowsAt: number | null;
    /** performance.now() when the engine reported 'done'. */
    indexedAt: number | null;
    /** The engine's own phase times of the last load (LoadSummary.phases), once it is done. */
    phases: { parsedMs: number; finishedMs: number; summarizedMs: number } | null;
    rowCount: number;
    /** Total size of the files of this load. */
    bytes: number;
    fileErrors: number;
    /** The log table's latest filter: when it was set, its first rows painted, its count final. */
    query: {
      startedAt: number;
      firstRowsAt: number | null;
      doneAt: number | null;
      shown: number;
      /** The engine's own time for it, from its request to its final count. */
      engineMs: number | null;
    } | null;
    /** performance.now() when the overview of the latest load was first on screen. */
    overviewAt: number | null;
    /** The deliveries table's latest filter: when it was set and when its count was final. */
    report: { startedAt: number; doneAt: number | null; shown: number } | null;
  }

  interface Window {
    __pmailProbe: PmailProbe;
    /** Set by a test before a load: the bytes a load may index, instead of the machine's share. */
    __pmailLoadBudget?: number;
  }
}
