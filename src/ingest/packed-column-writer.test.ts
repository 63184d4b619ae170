import { describe, expect, it } from 'vitest';
import { PACK_ESCAPE, PACK_NONE, PACK_STEP } from '../lib/packed-column';
import { NO_TIME } from '../model/units';
import { PackedColumnWriter } from './packed-column-writer';
import { pack, unpack } from './test-support/columns';

describe('PackedColumn', () => {
  it('gives back every value: steady, backwards, jumping, missing, at both ends of the range', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const values: number[] = [];
    let t = 1_700_000_000;
    for (let i = 0; i < 5000; i++) {
      const p = rnd();
      if (p < 0.05) values.push(NO_TIME);
      else if (p < 0.08)
        values.push(Math.floor(rnd() * 0xfffffffe)); // anywhere
      else if (p < 0.1)
        values.push(t - 40_000); // back more than the block's reach
      else values.push((t += Math.floor(rnd() * 5) - 1));
    }
    values.push(0, 0xfffffffe, 1, 0x8000, 0x7fff, 0xfffffffd);
    const col = pack(values, NO_TIME);
    expect(unpack(col)).toEqual(values);
    expect(col.exceptionRow.length).toBeGreaterThan(0);
    expect(col.exceptionRow.length).toBeLessThan(values.length / 5);
    expect(Array.from(col.exceptionRow)).toEqual([...col.exceptionRow].sort((a, b) => a - b));
  });

  it('keeps ids with -1 as none, in about 2.25 bytes a row', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? -1 : 500 + (i >> 2)));
    const col = pack(ids, -1);
    expect(unpack(col)).toEqual(ids);
    expect(col.exceptionRow.length).toBe(0);
    expect(col.base.length).toBe(Math.ceil(1000 / PACK_STEP));
    expect(col.delta[0]).toBe(PACK_NONE);
  });

  it('a block whose first rows have no value takes its base from the first that has one', () => {
    const col = pack([NO_TIME, NO_TIME, 5, 6, 100_000], NO_TIME);
    expect(unpack(col)).toEqual([NO_TIME, NO_TIME, 5, 6, 100_000]);
    expect(col.delta[4]).toBe(PACK_ESCAPE);
  });

  it('truncates mid-block, dropping later exceptions, and goes on from there', () => {
    const w = new PackedColumnWriter(-1);
    w.append(Int32Array.of(10, 11, 90_000, 12, 13, 95_000, 14));
    w.truncate(4);
    expect(w.view().exceptionRow.length).toBe(1);
    w.append(Int32Array.of(200_000, 15));
    expect(unpack(w.view())).toEqual([10, 11, 90_000, 12, 200_000, 15]);
    w.truncate(0);
    w.append(Int32Array.of(7));
    w.appendNone(2);
    w.append(Int32Array.of(100, -1, 3), 1000);
    expect(unpack(w.view())).toEqual([7, -1, -1, 1100, -1, 1003]);
    w.clear(3);
    expect(w.view().at(3)).toBe(-1);
  });
});
