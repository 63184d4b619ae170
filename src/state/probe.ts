/** Writes the timing probe declared in pmail-probe.d.ts. Reset on every load. */

function emptyProbe(): PmailProbe {
  return {
    state: 'idle',
    t0: null,
    firstRowsAt: null,
    indexedAt: null,
    phases: null,
    rowCount: 0,
    bytes: 0,
    fileErrors: 0,
    query: null,
    report: null,
    overviewAt: null,
  };
}

const probe: PmailProbe = emptyProbe();
if (typeof window !== 'undefined') window.__pmailProbe = probe;

/** Mutated in place so a test holding a reference to the object keeps seeing fresh values. */
export function resetProbe(bytes: number): void {
  Object.assign(probe, emptyProbe(), { state: 'loading', t0: performance.now(), bytes });
}

export function updateProbe(patch: Partial<Omit<PmailProbe, 't0' | 'firstRowsAt'>>): void {
  Object.assign(probe, patch);
}

/** Called by the table after it committed rows; only the first call of a load (and of a filter) counts. */
export function markFirstRowsPainted(): void {
  if (probe.t0 !== null && probe.firstRowsAt === null) probe.firstRowsAt = performance.now();
  if (probe.query && probe.query.firstRowsAt === null) probe.query.firstRowsAt = performance.now();
}

/** The overview of this load is on screen; only the first call of a load counts. */
export function markOverviewPainted(): void {
  if (probe.t0 !== null && probe.overviewAt === null) probe.overviewAt = performance.now();
}

/** A new filter was set on the deliveries table. */
export function startReportProbe(): void {
  probe.report = { startedAt: performance.now(), doneAt: null, shown: 0 };
}

/** The deliveries table's filter has its final count. */
export function endReportProbe(shown: number): void {
  if (probe.report && probe.report.doneAt === null)
    Object.assign(probe.report, { doneAt: performance.now(), shown });
}

/** A new filter was set on the log table. */
export function startQueryProbe(): void {
  probe.query = { startedAt: performance.now(), firstRowsAt: null, doneAt: null, shown: 0, engineMs: null };
}

/** The log table's filter has its final count. */
export function endQueryProbe(shown: number, engineMs: number | null): void {
  if (probe.query && probe.query.doneAt === null) {
    Object.assign(probe.query, { doneAt: performance.now(), shown, engineMs });
  }
}
