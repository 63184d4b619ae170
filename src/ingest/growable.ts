type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;
type TypedArrayCtor = {
  new (buffer: ArrayBufferLike): TypedArray;
  new (n: number): TypedArray;
  BYTES_PER_ELEMENT: number;
};

/** Row ids are 32-bit; this many fit any realistic load (2^28 lines ≈ 17 GB of logs). */
const MAX_ROWS = 2 ** 28;

const canResize = typeof ArrayBuffer.prototype.resize === 'function';

/**
 * A set of typed-array columns that grow together. They sit on resizable ArrayBuffers: growing
 * commits more pages in place, so a 1 GB load never copies its columns nor holds two copies of
 * them at once (a copy-on-grow would briefly need 2× the columns, on top of the file bytes).
 * The typed arrays track their buffer's length, so `cols` keeps the same objects as it grows.
 * Where resizable buffers are missing, it falls back to copying on growth.
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
    for (const [k, ctor] of Object.entries(this.ctors)) {
      cols[k] = canResize
        ? new ctor(
            new ArrayBuffer(initialCapacity * ctor.BYTES_PER_ELEMENT, {
              maxByteLength: MAX_ROWS * ctor.BYTES_PER_ELEMENT,
            }),
          )
        : new ctor(initialCapacity);
    }
    this.cols = cols as T;
  }

  /** Ensures room for `n` rows in all. */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    if (n > MAX_ROWS) throw new RangeError(`more than ${MAX_ROWS} rows`);
    const cols = this.cols as Record<string, TypedArray>;
    for (const k of Object.keys(cols)) {
      const ctor = this.ctors[k];
      if (canResize) {
        (cols[k].buffer as ArrayBuffer).resize(n * ctor.BYTES_PER_ELEMENT);
      } else {
        const next = new ctor(n);
        next.set(cols[k].subarray(0, this.count));
        cols[k] = next;
      }
    }
    this.capacity = n;
  }

  /** Returns the index of a new row, growing if needed. */
  push(): number {
    return this.pushMany(1);
  }

  /** Adds `n` rows and returns the index of the first, growing by at least half if needed. */
  pushMany(n: number): number {
    const need = this.count + n;
    if (need > this.capacity) this.reserve(Math.max(need, 1024, Math.ceil(this.capacity * 1.5)));
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

  /** Gives back the capacity beyond `count` (in place when the buffers are resizable). */
  shrinkToFit(): void {
    if (!canResize || this.capacity === this.count) return;
    const cols = this.cols as Record<string, TypedArray>;
    for (const k of Object.keys(cols)) {
      (cols[k].buffer as ArrayBuffer).resize(Math.max(1, this.count) * this.ctors[k].BYTES_PER_ELEMENT);
    }
    this.capacity = Math.max(1, this.count);
  }
}
