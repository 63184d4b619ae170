import { describe, expect, it } from 'vitest';
import { freeNow } from './free-now';

describe('freeNow', () => {
  it('detaches the buffer, its views go empty, and a second call is harmless', () => {
    const b = new ArrayBuffer(1 << 20);
    const view = new Uint32Array(b);
    view[5] = 7;
    freeNow(b);
    expect(b.byteLength).toBe(0);
    expect(view.length).toBe(0);
    expect(() => freeNow(b)).not.toThrow();
  });
});
