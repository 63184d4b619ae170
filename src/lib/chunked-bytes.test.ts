import { describe, expect, it } from 'vitest';
import { ChunkedBytes } from './chunked-bytes';

describe('ChunkedBytes', () => {
  const bytes = Uint8Array.from({ length: 50 }, (_, i) => i);
  const chunked = new ChunkedBytes();
  for (const [a, b] of [
    [0, 7],
    [7, 8],
    [8, 30],
    [30, 30],
    [30, 50],
  ])
    chunked.append(bytes.slice(a, b));

  it('gives back any range, within a slice or across several', () => {
    expect(chunked.length).toBe(50);
    for (let s = 0; s < 50; s += 3) {
      for (let e = s; e <= 50; e += 5)
        expect(Array.from(chunked.range(s, e))).toEqual(Array.from(bytes.slice(s, e)));
    }
    expect(chunked.byteAt(7)).toBe(7);
    expect(chunked.byteAt(49)).toBe(49);
    expect([7, 29, 31, 49].map((b) => chunked.indexOf(b, 0))).toEqual([7, 29, 31, 49]);
    expect([chunked.indexOf(29, 9), chunked.indexOf(31, 32), chunked.indexOf(99, 0)]).toEqual([29, -1, -1]);
  });

  it('returns a view, not a copy, inside one slice', () => {
    const view = chunked.range(10, 20);
    expect(view.buffer).toBe(chunked.chunks[2].buffer);
  });
});
