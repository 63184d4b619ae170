import { describe, expect, it } from 'vitest';
import {
  MAX_SPACER_PX,
  computeGeometry,
  offsetAfterKey,
  offsetFromScrollTop,
  rowTop,
  scrollTopFromOffset,
  visibleRange,
} from './virtual-scroll';

const RH = 22;

describe('virtual scroll geometry', () => {
  it('maps scrollTop 1:1 while the content fits under the cap', () => {
    const g = computeGeometry(1000, RH, 440);
    expect(g.scaled).toBe(false);
    expect(g.spacerHeight).toBe(22_000);
    expect(offsetFromScrollTop(g, 1234)).toBe(1234);
    expect(scrollTopFromOffset(g, 1234)).toBe(1234);
    expect(visibleRange(g, 0)).toEqual({ first: 0, end: 20 });
    expect(visibleRange(g, 11)).toEqual({ first: 0, end: 21 });
  });

  it('caps the spacer for ten million rows and still reaches the last row', () => {
    const total = 10_000_000;
    const g = computeGeometry(total, RH, 660);
    expect(g.scaled).toBe(true);
    expect(g.spacerHeight).toBe(MAX_SPACER_PX);
    const bottom = offsetFromScrollTop(g, g.maxScrollTop);
    expect(bottom).toBe(g.maxOffset);
    const { first, end } = visibleRange(g, bottom);
    expect(end).toBe(total);
    expect(first).toBe(total - 30);
    // The last row's bottom edge meets the viewport's bottom edge.
    expect(rowTop(g, total - 1, bottom) + RH).toBeCloseTo(g.viewport, 6);
  });

  it('round-trips offsets through scrollTop when scaled', () => {
    const g = computeGeometry(10_000_000, RH, 660);
    for (const offset of [0, 1, 12_345_678, g.maxOffset / 2, g.maxOffset]) {
      expect(offsetFromScrollTop(g, scrollTopFromOffset(g, offset))).toBeCloseTo(offset, 3);
    }
    expect(offsetFromScrollTop(g, g.maxScrollTop / 2)).toBeCloseTo(g.maxOffset / 2, 3);
  });

  it('handles empty and tiny tables', () => {
    expect(visibleRange(computeGeometry(0, RH, 500), 0)).toEqual({ first: 0, end: 0 });
    const g = computeGeometry(3, RH, 500);
    expect(g.maxOffset).toBe(0);
    expect(visibleRange(g, 0)).toEqual({ first: 0, end: 3 });
    expect(offsetFromScrollTop(g, 100)).toBe(0);
  });

  it('moves by pages and to the ends with the navigation keys', () => {
    const g = computeGeometry(10_000, RH, 440);
    expect(offsetAfterKey(g, 0, 'PageDown')).toBe(440 - RH);
    expect(offsetAfterKey(g, 100, 'PageUp')).toBe(0);
    expect(offsetAfterKey(g, 5000, 'Home')).toBe(0);
    expect(offsetAfterKey(g, 0, 'End')).toBe(g.maxOffset);
    expect(offsetAfterKey(g, g.maxOffset, 'ArrowDown')).toBe(g.maxOffset);
    expect(offsetAfterKey(g, 0, 'a')).toBeUndefined();
  });
});
