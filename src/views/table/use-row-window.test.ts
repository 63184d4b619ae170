import { describe, expect, it } from 'vitest';
import type { RowView } from '../../state/load-store';
import { rowFromWindow, windowCovers, type CachedWindow } from './use-row-window';

function rows(start: number, n: number): RowView[] {
  return Array.from({ length: n }, (_, i) => ({
    row: start + i,
    time: '',
    service: 'SMTP',
    thread: '',
    kind: 'note',
    text: `line ${start + i}`,
    session: -1,
    file: 'a.log',
    line: start + i + 1,
  }));
}

const win = (over: Partial<CachedWindow<RowView>>): CachedWindow<RowView> => ({
  key: '1:file',
  start: 100,
  rows: rows(100, 50),
  askedTotal: 1000,
  engineTotal: 1000,
  ...over,
});

describe('windowCovers', () => {
  it('covers a range inside the window of the same order', () => {
    expect(windowCovers(win({}), '1:file', 110, 140, 1000)).toBe(true);
    expect(windowCovers(win({}), '1:file', 100, 150, 1000)).toBe(true);
  });

  it('does not cover rows outside the window or of another order', () => {
    expect(windowCovers(win({}), '1:file', 90, 120, 1000)).toBe(false);
    expect(windowCovers(win({}), '1:file', 140, 160, 1000)).toBe(false);
    expect(windowCovers(win({}), '1:timeline', 110, 140, 1000)).toBe(false);
    expect(windowCovers(undefined, '1:file', 0, 10, 1000)).toBe(false);
  });

  it('asks again at the tail only once more rows were indexed', () => {
    const tail = win({ start: 980, rows: rows(980, 20), askedTotal: 1000, engineTotal: 1000 });
    expect(windowCovers(tail, '1:file', 990, 1000, 1000)).toBe(true);
    // The page's count ran ahead of the engine: the same answer would come back.
    const behind = win({ start: 980, rows: rows(980, 20), askedTotal: 1010, engineTotal: 1000 });
    expect(windowCovers(behind, '1:file', 990, 1010, 1010)).toBe(true);
    // More rows were reported since: worth asking.
    expect(windowCovers(behind, '1:file', 990, 1030, 1030)).toBe(false);
  });
});

describe('rowFromWindow', () => {
  it('finds rows by position and ignores stale orders', () => {
    expect(rowFromWindow(win({}), '1:file', 120)?.text).toBe('line 120');
    expect(rowFromWindow(win({}), '1:file', 99)).toBeUndefined();
    expect(rowFromWindow(win({}), '1:file', 150)).toBeUndefined();
    expect(rowFromWindow(win({}), '2:file', 120)).toBeUndefined();
  });
});
