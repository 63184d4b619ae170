/**
 * A file's bytes as the slices they were read in, kept as they are: no copy into one big buffer
 * (which would cost a memcpy per slice and leave every slice behind as garbage), and nothing
 * larger than a slice is ever allocated.
 */
export class ChunkedBytes {
  readonly chunks: Uint8Array[] = [];
  private readonly starts: number[] = [];
  length = 0;

  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.starts.push(this.length);
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  byteAt(pos: number): number {
    const i = this.chunkIndex(pos);
    return this.chunks[i][pos - this.starts[i]];
  }

  /** Bytes [start, end): a view when they sit in one slice, a copy when a slice boundary cuts them. */
  range(start: number, end: number): Uint8Array {
    if (end <= start) return new Uint8Array(0);
    let i = this.chunkIndex(start);
    const local = start - this.starts[i];
    if (end - this.starts[i] <= this.chunks[i].length)
      return this.chunks[i].subarray(local, end - this.starts[i]);
    const out = new Uint8Array(end - start);
    let o = 0;
    for (let pos = start; pos < end; i++) {
      const c = this.chunks[i];
      const from = pos - this.starts[i];
      const take = Math.min(c.length - from, end - pos);
      out.set(c.subarray(from, from + take), o);
      o += take;
      pos += take;
    }
    return out;
  }

  /** Position of the first `byte` at or after `from`, or -1. */
  indexOf(byte: number, from: number): number {
    if (from >= this.length) return -1;
    for (let i = this.chunkIndex(from); i < this.chunks.length; i++) {
      const local = Math.max(0, from - this.starts[i]);
      const at = this.chunks[i].indexOf(byte, local);
      if (at >= 0) return this.starts[i] + at;
    }
    return -1;
  }

  private chunkIndex(pos: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
