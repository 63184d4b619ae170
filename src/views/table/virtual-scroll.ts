/**
 * Fixed-row-height virtual scrolling that survives ten million rows.
 *
 * Browsers cap element heights (Chromium around 33.5M px, Firefox around 17.9M px), so at 22 px a row
 * the real content height stops fitting past about 760k rows. The spacer is therefore capped at
 * MAX_SPACER_PX and scrollTop is mapped proportionally onto the real offset. `offset` (pixels into
 * the real, unscaled content) is the source of truth; scrollTop only mirrors it.
 */

/** Well below every engine's cap, with room for rounding. */
export const MAX_SPACER_PX = 8_000_000;

export interface ScrollGeometry {
  rowHeight: number;
  total: number;
  viewport: number;
  /** total * rowHeight: the height the content would have without a cap. */
  realHeight: number;
  /** Height given to the spacer element. */
  spacerHeight: number;
  /** Largest offset: the last row sits at the bottom of the viewport. */
  maxOffset: number;
  maxScrollTop: number;
  /** True when spacer pixels no longer map 1:1 to content pixels. */
  scaled: boolean;
}

export function computeGeometry(total: number, rowHeight: number, viewport: number): ScrollGeometry {
  const realHeight = total * rowHeight;
  const spacerHeight = Math.min(realHeight, MAX_SPACER_PX);
  return {
    rowHeight,
    total,
    viewport,
    realHeight,
    spacerHeight,
    maxOffset: Math.max(0, realHeight - viewport),
    maxScrollTop: Math.max(0, spacerHeight - viewport),
    scaled: realHeight > MAX_SPACER_PX,
  };
}

export function clampOffset(g: ScrollGeometry, offset: number): number {
  return Math.min(g.maxOffset, Math.max(0, offset));
}

export function offsetFromScrollTop(g: ScrollGeometry, scrollTop: number): number {
  if (!g.scaled) return clampOffset(g, scrollTop);
  if (g.maxScrollTop <= 0) return 0;
  return clampOffset(g, (scrollTop / g.maxScrollTop) * g.maxOffset);
}

export function scrollTopFromOffset(g: ScrollGeometry, offset: number): number {
  if (!g.scaled) return clampOffset(g, offset);
  if (g.maxOffset <= 0) return 0;
  return (clampOffset(g, offset) / g.maxOffset) * g.maxScrollTop;
}

export interface VisibleRange {
  /** First row (partly) in view. */
  first: number;
  /** One past the last row (partly) in view, never beyond total. */
  end: number;
}

export function visibleRange(g: ScrollGeometry, offset: number): VisibleRange {
  if (g.total === 0 || g.viewport <= 0) return { first: 0, end: 0 };
  const first = Math.min(g.total - 1, Math.max(0, Math.floor(offset / g.rowHeight)));
  const end = Math.min(g.total, Math.ceil((offset + g.viewport) / g.rowHeight));
  return { first, end: Math.max(first + 1, end) };
}

/** Vertical position of row `index` inside the (viewport-sized, sticky) row layer. */
export function rowTop(g: ScrollGeometry, index: number, offset: number): number {
  return index * g.rowHeight - offset;
}

/** The offset a navigation key leads to; undefined for keys we leave to the browser. */
export function offsetAfterKey(g: ScrollGeometry, offset: number, key: string): number | undefined {
  const page = Math.max(g.rowHeight, g.viewport - g.rowHeight);
  switch (key) {
    case 'PageDown':
      return clampOffset(g, offset + page);
    case 'PageUp':
      return clampOffset(g, offset - page);
    case 'Home':
      return 0;
    case 'End':
      return g.maxOffset;
    case 'ArrowDown':
      return clampOffset(g, offset + g.rowHeight);
    case 'ArrowUp':
      return clampOffset(g, offset - g.rowHeight);
    default:
      return undefined;
  }
}

/** Wheel deltas come in pixels, lines or pages depending on the device and platform. */
export function wheelDeltaPx(g: ScrollGeometry, deltaY: number, deltaMode: number): number {
  if (deltaMode === 1) return deltaY * g.rowHeight;
  if (deltaMode === 2) return deltaY * g.viewport;
  return deltaY;
}
