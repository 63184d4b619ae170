type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;
type TypedArrayCtor = { new (n: number): TypedArray };

/**
 * A set of typed-array columns that grow together. Growth is by 1.5× so the transient copy on a
 * regrow stays small next to the 1 GB of file bytes we also hold; callers that know the final size
 * (from the file size) call {@link reserve} once and never regrow.
 */
export class GrowableColumns<T extends Record<string, TypedArray>> {
  count = 0;
  capacity: number;
  cols: T;
  private readonly ctors: Record<keyof T, TypedArrayCtor>;

  constructor(ctors: { [K in keyof T]: { new (n: number): T[K] } }, initialCapacity = 1024) {
    this.ctors = ctors as Record<keyof T, TypedArrayCtor>;
    this.capacity = initialCapacity;
    const cols = {} as Record<string, TypedArray>;
    for (const k of Object.keys(ctors)) cols[k] = new this.ctors[k](initialCapacity);
    this.cols = cols as T;
  }

  /** Ensures room for `n` rows in all. */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const cols = this.cols as Record<string, TypedArray>;
    for (const k of Object.keys(cols)) {
      const next = new this.ctors[k](n);
      next.set(cols[k].subarray(0, this.count));
      cols[k] = next;
    }
    this.capacity = n;
  }

  /** Returns the index of a new row, growing if needed. Columns must be re-read from `cols` after. */
  push(): number {
    if (this.count === this.capacity) this.reserve(Math.max(1024, Math.ceil(this.capacity * 1.5)));
    return this.count++;
  }

  /** Views of exactly `count` rows (no copy). */
  trimmed(): T {
    const out = {} as Record<string, TypedArray>;
    const cols = this.cols as Record<string, TypedArray>;
    for (const k of Object.keys(cols)) out[k] = cols[k].subarray(0, this.count);
    return out as T;
  }
}
