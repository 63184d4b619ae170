import { freeNow } from '../lib/free-now';

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;
type TypedArrayCtor = { new (n: number): TypedArray };

/** Row ids are 32-bit; this many fit any realistic load (2^28 lines ≈ 17 GB of logs). */
export const MAX_ROWS = 2 ** 28;

/**
 * A set of typed-array columns that grow together, on plain ArrayBuffers.
 *
 * Growing copies, so callers reserve ahead what they expect (the index builder estimates a load's
 * rows from the bytes still to come) and a growth doubles. That costs little memory: pages never
 * written are never resident (a 512 MB buffer, untouched, adds 3 MB to Chromium's RSS), and the
 * old columns are freed as soon as they are copied. Resizable ArrayBuffers would grow in place,
 * but V8 reads typed arrays on them ~75% slower and writes ~30% slower, and the engine's hot loops
 * (applying rows, the timeline merge, the summary) all go through these columns.
 *
 * `cols` holds new arrays after a growth: read it after `reserve`/`pushMany`, not before.
 */
export class GrowableColumns<T extends Record<string, TypedArray>> {
  count = 0;
  capacity: number;
  cols: T;
  private readonly ctors: Record<string, TypedArrayCtor>;

  constructor(ctors: { [K in keyof T]: { new (n: number): T[K] } }, initialCapacity = 1024) {
    this.ctors = ctors as unknown as Record<string, TypedArrayCtor>;
    this.capacity = initialCapacity;
    const cols = {} as Record<string, TypedArray>;
    for (const [k, ctor] of Object.entries(this.ctors)) cols[k] = new ctor(initialCapacity);
    this.cols = cols as T;
  }

  /** Ensures room for `n` rows in all. */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    if (n > MAX_ROWS) throw new RangeError(`more than ${MAX_ROWS} rows`);
    const cols = this.cols as Record<string, TypedArray>;
    for (const k of Object.keys(cols)) {
      const next = new this.ctors[k](n);
      next.set(cols[k].subarray(0, this.count));
      freeNow(cols[k].buffer);
      cols[k] = next;
    }
    this.capacity = n;
  }

  /** Returns the index of a new row, growing if needed. */
  push(): number {
    return this.pushMany(1);
  }

  /** Adds `n` rows and returns the index of the first, doubling the capacity if needed. */
  pushMany(n: number): number {
    const need = this.count + n;
    if (need > this.capacity) this.reserve(Math.min(MAX_ROWS, Math.max(need, 1024, this.capacity * 2)));
    const first = this.count;
    this.count = need;
    return first;
  }

  /** Views of exactly `count` rows (no copy). */
  trimmed(): T {
    const out = {} as Record<string, TypedArray>;
    const cols = this.cols as Record<string, TypedArray>;
    for (const k of Object.keys(cols)) out[k] = cols[k].subarray(0, this.count);
    return out as T;
  }
}
