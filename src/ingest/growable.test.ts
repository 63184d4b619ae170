import { describe, expect, it } from 'vitest';
import { GrowableColumns } from './growable';

describe('GrowableColumns', () => {
  it('keeps every value across growths, gives the new arrays in cols, and frees the old ones', () => {
    const g = new GrowableColumns<{ a: Uint32Array; b: Uint8Array }>({ a: Uint32Array, b: Uint8Array }, 4);
    const firstA = g.cols.a;
    for (let i = 0; i < 5000; i++) {
      const k = g.push();
      g.cols.a[k] = i * 3;
      g.cols.b[k] = i & 0xff;
    }
    expect(g.capacity).toBeGreaterThanOrEqual(5000);
    expect(firstA.buffer.byteLength).toBe(0);
    const t = g.trimmed();
    expect(t.a.length).toBe(5000);
    expect(Array.from(t.a).every((v, i) => v === i * 3)).toBe(true);
    expect(Array.from(t.b).every((v, i) => v === (i & 0xff))).toBe(true);
    g.reserve(100_000);
    expect(g.capacity).toBe(100_000);
    expect(g.cols.a[4999]).toBe(4999 * 3);
  });
});
