import type { StringId } from '../model/units';

/**
 * Interns short byte strings (hosts, addresses) as bytes: each is hashed in place and compared
 * against the pooled bytes of earlier ones, so a string seen a million times is stored once and
 * no JS string is made per occurrence. Ids count from 0 in the order strings were first seen.
 * Open addressing, FNV-1a.
 */
export class ByteInterner {
  private pool = new Uint8Array(1 << 16);
  private poolUsed = 0;
  /** String k is pool[starts[k] .. starts[k + 1]). */
  private starts: number[] = [0];
  private slots = new Int32Array(1 << 12).fill(-1);

  get count(): number {
    return this.starts.length - 1;
  }

  /** The id of b[start, end), added if new. */
  intern(b: Uint8Array, start: number, end: number): number {
    const slot = this.probe(b, start, end);
    if (this.slots[slot] >= 0) return this.slots[slot];
    const id = this.count;
    this.append(b, start, end);
    this.slots[slot] = id;
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** The pooled bytes of string `id` (a view: valid until the next intern). */
  bytesOf(id: number): Uint8Array {
    return this.pool.subarray(this.starts[id], this.starts[id + 1]);
  }

  /**
   * Strings `from` .. count - 1 as one copy of their bytes and each one's end in it: what a
   * parser hands over of the strings it met since it last did.
   */
  since(from: number): { bytes: Uint8Array; ends: Uint32Array } {
    const base = this.starts[from];
    const ends = new Uint32Array(this.count - from);
    for (let k = from; k < this.count; k++) ends[k - from] = this.starts[k + 1] - base;
    return { bytes: this.pool.slice(base, this.poolUsed), ends };
  }

  /** The slot holding these bytes, or the empty slot where they would go. */
  private probe(b: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    const len = end - start;
    for (;;) {
      const id = this.slots[slot];
      if (id < 0) return slot;
      const s = this.starts[id];
      if (this.starts[id + 1] - s === len && this.equalsPooled(b, start, s, len)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private equalsPooled(b: Uint8Array, start: number, poolStart: number, len: number): boolean {
    const pool = this.pool;
    for (let i = 0; i < len; i++) if (pool[poolStart + i] !== b[start + i]) return false;
    return true;
  }

  private append(b: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (this.poolUsed + len > this.pool.length) {
      const next = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      next.set(this.pool.subarray(0, this.poolUsed));
      this.pool = next;
    }
    this.pool.set(b.subarray(start, end), this.poolUsed);
    this.poolUsed += len;
    this.starts.push(this.poolUsed);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let h = 0x811c9dc5;
      for (let i = this.starts[id]; i < this.starts[id + 1]; i++) h = Math.imul(h ^ this.pool[i], 0x01000193);
      let slot = h & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

/**
 * The index's strings: interned as bytes ({@link ByteInterner}), each decoded once, when first
 * seen, so a host seen on a million lines costs one decode.
 */
export class StringTable {
  readonly strings: string[] = [];
  private readonly bytes = new ByteInterner();

  constructor(private readonly decode: (b: Uint8Array) => string = latin1) {}

  internBytes(b: Uint8Array, start: number, end: number, decode?: (b: Uint8Array) => string): StringId {
    const id = this.bytes.intern(b, start, end);
    if (id === this.strings.length) this.strings.push((decode ?? this.decode)(b.subarray(start, end)));
    return id;
  }

  internString(s: string): StringId {
    const bytes = new TextEncoder().encode(s);
    return this.internBytes(bytes, 0, bytes.length, () => s);
  }
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}
