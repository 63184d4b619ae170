import {
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import {
  clampOffset,
  computeGeometry,
  offsetAfterKey,
  offsetFromScrollTop,
  scrollTopFromOffset,
  wheelDeltaPx,
  type ScrollGeometry,
} from './virtual-scroll';

export interface VirtualScroll {
  /** Attach to the scroll container, which must be rendered from the first commit on. */
  scrollerRef: RefObject<HTMLDivElement | null>;
  geometry: ScrollGeometry;
  /** Pixels into the real (unscaled) content at the top of the viewport. */
  offset: number;
  onScroll: () => void;
  onKeyDown: (e: KeyboardEvent) => void;
  /** Scrolls just enough for row `index` to be in view. */
  reveal: (index: number) => void;
}

/**
 * Owns the scroll container: measures it, keeps `offset` in step with scrollTop both ways, and takes
 * over the wheel and navigation keys. With a scaled spacer one scrollbar pixel is many content
 * pixels, so native wheel scrolling would jump dozens of rows per notch; we apply wheel deltas to the
 * real offset instead and only mirror the result into scrollTop.
 */
export function useVirtualScroll(total: number, rowHeight: number): VirtualScroll {
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState(0);
  const [offset, setOffset] = useState(0);
  const geometry = useMemo(() => computeGeometry(total, rowHeight, viewport), [total, rowHeight, viewport]);

  // Event handlers read the newest values without being re-bound on every scroll frame.
  const live = useRef({ geometry, offset });
  /** The scrollTop we last wrote or saw: a scroll event at that position is our own echo. */
  const lastScrollTop = useRef(0);

  const applyOffset = useCallback((next: number) => {
    const el = scrollerRef.current;
    if (!el) return;
    const g = live.current.geometry;
    const o = clampOffset(g, next);
    el.scrollTop = scrollTopFromOffset(g, o);
    lastScrollTop.current = el.scrollTop;
    live.current.offset = o;
    setOffset(o);
  }, []);

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The spacer changed (rows arrived, window resized): keep the rows in view, re-derive scrollTop.
  useLayoutEffect(() => {
    live.current.geometry = geometry;
    const el = scrollerRef.current;
    if (!el) return;
    const o = clampOffset(geometry, live.current.offset);
    const top = scrollTopFromOffset(geometry, o);
    if (Math.abs(el.scrollTop - top) >= 1) el.scrollTop = top;
    lastScrollTop.current = el.scrollTop;
    if (o !== live.current.offset) {
      live.current.offset = o;
      setOffset(o);
    }
  }, [geometry]);

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const g = live.current.geometry;
      // Unscaled scrolling stays native (smooth, momentum); pinch-zoom (ctrlKey) is never ours.
      if (!g.scaled || e.ctrlKey || e.deltaY === 0) return;
      e.preventDefault();
      applyOffset(live.current.offset + wheelDeltaPx(g, e.deltaY, e.deltaMode));
    };
    // Not passive: preventDefault must be allowed.
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [applyOffset]);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const top = el.scrollTop;
    if (Math.abs(top - lastScrollTop.current) < 1) return;
    lastScrollTop.current = top;
    const o = offsetFromScrollTop(live.current.geometry, top);
    live.current.offset = o;
    setOffset(o);
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const next = offsetAfterKey(live.current.geometry, live.current.offset, e.key);
      if (next === undefined) return;
      e.preventDefault();
      applyOffset(next);
    },
    [applyOffset],
  );

  const reveal = useCallback(
    (index: number) => {
      const { offset: o } = live.current;
      const top = index * rowHeight;
      const view = scrollerRef.current?.clientHeight ?? 0;
      if (top < o) applyOffset(top);
      else if (top + rowHeight > o + view) applyOffset(top + rowHeight - view);
    },
    [applyOffset, rowHeight],
  );

  return { scrollerRef, geometry, offset, onScroll, onKeyDown, reveal };
}
