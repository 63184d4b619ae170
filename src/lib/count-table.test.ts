import { describe, expect, it } from 'vitest';
import { CountTable } from './count-table';

describe('CountTable', () => {
  it('counts like a Map, through growth and for keys past 2^32', () => {
    const table = new CountTable(4);
    const expected = new Map<number, number>();
    let seed = 9;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 50_000; i++) {
      const key = rnd() < 0.1 ? Math.floor(rnd() * 2 ** 40) : Math.floor(rnd() * rnd() * 3000);
      table.add(key);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const all = table.top(Infinity);
    expect(all.length).toBe(expected.size);
    expect(new Map(all)).toEqual(expected);
    expect(all.every(([, n], i) => i === 0 || all[i - 1][1] >= n)).toBe(true);
    expect(table.top(3).map(([k]) => k)).toEqual(all.slice(0, 3).map(([k]) => k));
  });
});
