import type { FileInfo } from '../model/file-info';
import { NO_TIME } from '../model/units';

/**
 * Merges the files into one timeline: a k-way merge on time that never reorders lines within a
 * file, because timestamps inside a file are not monotonic (log-format.md, "Timestamps are not
 * monotonic"). A line without a time sorts with the line before it in its file.
 * Runs of one file are copied without touching the heap, so the common case (files covering
 * different days) costs little more than a copy.
 */
export function mergeTimeline(time: Uint32Array, files: readonly FileInfo[]): Uint32Array {
  const total = time.length;
  const out = new Uint32Array(total);
  const live = files.filter((f) => f.lines > 0);
  if (live.length === 1) {
    for (let i = 0; i < total; i++) out[i] = i;
    return out;
  }
  const k = live.length;
  const pos = new Uint32Array(k);
  const end = new Uint32Array(k);
  /** Each file's head time: its next line's time, or the time before it for a line without one. */
  const headT = new Float64Array(k);
  const setHead = (f: number, lastTime: number) => {
    const t = time[pos[f]];
    headT[f] = t === NO_TIME ? lastTime : t;
  };
  for (let f = 0; f < k; f++) {
    pos[f] = live[f].firstRow;
    end[f] = live[f].firstRow + live[f].lines;
    setHead(f, 0);
  }
  // Min-heap of file slots ordered by (head time, file order); typed arrays and plain comparisons
  // keep this loop cheap, since files covering the same hours alternate every few lines.
  const heap = new Int32Array(k);
  let size = 0;
  const less = (a: number, b: number) => headT[a] < headT[b] || (headT[a] === headT[b] && a < b);
  const siftDown = (i: number) => {
    const f = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const c = l + 1 < size && less(heap[l + 1], heap[l]) ? l + 1 : l;
      if (!less(heap[c], f)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = f;
  };
  for (let f = 0; f < k; f++) heap[size++] = f;
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  let o = 0;
  while (size > 0) {
    const f = heap[0];
    // The runner-up bounds how far this file may run before another file's line is due.
    const next = size === 1 ? -1 : size > 2 && less(heap[2], heap[1]) ? heap[2] : heap[1];
    const limitT = next >= 0 ? headT[next] : Infinity;
    const limitBefore = next >= 0 && next < f;
    const fileEnd = end[f];
    let p = pos[f];
    let lt = headT[f];
    for (;;) {
      const t0 = time[p];
      const t = t0 === NO_TIME ? lt : t0;
      if (t > limitT || (t === limitT && limitBefore)) break;
      out[o++] = p;
      lt = t;
      if (++p === fileEnd) break;
    }
    pos[f] = p;
    if (p === fileEnd) {
      heap[0] = heap[--size];
    } else {
      setHead(f, lt);
    }
    if (size > 0) siftDown(0);
  }
  return out;
}
