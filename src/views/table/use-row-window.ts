import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ViewWindow } from '../../state/load-store';

/** Reads a window of a view; null when a newer read replaced this one. */
export type ReadWindow<R> = (start: number, count: number) => Promise<ViewWindow<R> | null>;

/** The last window the engine sent, and what it was asked under. */
export interface CachedWindow<R> {
  /** The order it was built in (load id + storage/timeline): a different key means stale rows. */
  key: string;
  start: number;
  rows: R[];
  /** The row total the page knew when it asked. */
  askedTotal: number;
  /** The row total the engine had when it answered. */
  engineTotal: number;
}

/** Whether `w` can show rows first..end-1 for `key`, or asking the engine again could do better. */
export function windowCovers<R>(
  w: CachedWindow<R> | undefined,
  key: string,
  first: number,
  end: number,
  total: number,
): boolean {
  if (!w || w.key !== key || first < w.start) return false;
  const wEnd = w.start + w.rows.length;
  if (end <= wEnd) return true;
  // The reply reached the engine's last row and nothing has been indexed since: asking again would
  // return the same rows. Without this, a progress count ahead of the engine would loop requests.
  return w.askedTotal === total && wEnd >= w.engineTotal;
}

export function rowFromWindow<R>(w: CachedWindow<R> | undefined, key: string, index: number): R | undefined {
  if (!w || w.key !== key) return undefined;
  return w.rows[index - w.start];
}

/**
 * Keeps one window of rows around the visible range. At most one request is in flight: while the
 * user drags the scrollbar, intermediate positions are skipped and only the newest range is asked
 * for once the engine answers, so the worker never builds windows nobody will see.
 */
export function useRowWindow<R>(
  read: ReadWindow<R>,
  key: string,
  total: number,
  first: number,
  end: number,
  overscan: number,
): CachedWindow<R> | undefined {
  const [win, setWin] = useState<CachedWindow<R>>();
  const current = useRef<CachedWindow<R> | undefined>(undefined);
  const wanted = useRef({ key, total, first, end });
  const busy = useRef(false);
  const mounted = useRef(false);

  // Named so the reply handler can call it again without reading the const during its own init.
  const pump = useCallback(
    function pumpRows(): void {
      if (busy.current || !mounted.current) return;
      const ask = wanted.current;
      const nothingToAsk = ask.end <= ask.first;
      if (nothingToAsk || windowCovers(current.current, ask.key, ask.first, ask.end, ask.total)) return;
      busy.current = true;
      const start = Math.max(0, ask.first - overscan);
      read(start, ask.end + overscan - start).then(
        (reply) => {
          busy.current = false;
          if (!mounted.current) return;
          if (reply) {
            const next: CachedWindow<R> = {
              key: ask.key,
              start: reply.start,
              rows: reply.rows,
              askedTotal: ask.total,
              engineTotal: reply.total,
            };
            current.current = next;
            setWin(next);
          }
          // A null reply means someone else superseded us; ask again only if the range moved since.
          if (reply || wanted.current !== ask) pumpRows();
        },
        () => {
          // The client never rejects; if it ever does, stay quiet rather than loop.
          busy.current = false;
        },
      );
    },
    [read, overscan],
  );

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // A layout effect: the request leaves in the same task as the render that needs it, not after
  // the next paint (a frame later, more on a busy page).
  useLayoutEffect(() => {
    wanted.current = { key, total, first, end };
    pump();
  }, [key, total, first, end, pump]);

  return win;
}
