import type { StringId } from '../model/units';

/**
 * Interns short byte strings (hosts, addresses, verbs) without building a JS string per occurrence:
 * the bytes are hashed in place and compared against the pooled bytes of earlier strings, so a
 * host seen a million times is decoded once. Open addressing, FNV-1a.
 */
export class StringTable {
  readonly strings: string[] = [];
  private pool = new Uint8Array(1 << 16);
  private poolUsed = 0;
  private starts: number[] = [];
  private slots = new Int32Array(1 << 12).fill(-1);

  constructor(private readonly decode: (b: Uint8Array) => string = latin1) {}

  internBytes(b: Uint8Array, start: number, end: number, decode?: (b: Uint8Array) => string): StringId {
    const slot = this.probe(b, start, end);
    if (this.slots[slot] >= 0) return this.slots[slot];
    const id = this.strings.length;
    this.strings.push((decode ?? this.decode)(b.subarray(start, end)));
    this.appendPool(b, start, end);
    this.slots[slot] = id;
    if (this.strings.length * 2 > this.slots.length) this.rehash();
    return id;
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

  /** The id of the string whose bytes (UTF-8) are `s`'s, or -1 if it was never interned. */
  idOf(s: string): StringId {
    const bytes = new TextEncoder().encode(s);
    return this.slots[this.probe(bytes, 0, bytes.length)];
  }

  internString(s: string): StringId {
    const bytes = new TextEncoder().encode(s);
    return this.internBytes(bytes, 0, bytes.length, () => s);
  }

  private equalsPooled(b: Uint8Array, start: number, poolStart: number, len: number): boolean {
    const pool = this.pool;
    for (let i = 0; i < len; i++) if (pool[poolStart + i] !== b[start + i]) return false;
    return true;
  }

  private appendPool(b: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (this.starts.length === 0) this.starts.push(0);
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
    for (let id = 0; id < this.strings.length; id++) {
      let h = 0x811c9dc5;
      for (let i = this.starts[id]; i < this.starts[id + 1]; i++) h = Math.imul(h ^ this.pool[i], 0x01000193);
      let slot = h & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}
