/**
 * How many bytes one load may index, said before anything is read (the engine refuses the files
 * past it, and archives that unpack past it, each with what to do).
 *
 * The index holds up to 1.4 × its input at its peak (README, "Performance"), and a tab should
 * leave the rest of the machine alone: 40 % of its memory, as the browser tells it
 * (Chrome's `navigator.deviceMemory`, in GiB, rounded down and at most 8), or of 8 GiB where the
 * browser does not say. A file's own limit (4 GiB: 32-bit offsets) is the engine's.
 */
const SHARE = 0.4 / 1.4;
const ASSUMED_GIB = 8;

export function loadBudget(): number {
  // A test sets a small budget instead of dropping gigabytes.
  if (typeof window !== 'undefined' && typeof window.__pmailLoadBudget === 'number')
    return window.__pmailLoadBudget;
  const gib = (navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? ASSUMED_GIB;
  return Math.floor(gib * 2 ** 30 * SHARE);
}
