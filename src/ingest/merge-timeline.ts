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
  const pos = new Float64Array(k);
  const end = new Float64Array(k);
  const lastTime = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    pos[i] = live[i].firstRow;
    end[i] = live[i].firstRow + live[i].lines;
    lastTime[i] = 0;
  }
  const headTime = (f: number) => {
    const t = time[pos[f]];
    return t === NO_TIME ? lastTime[f] : t;
  };
  // Min-heap of file slots ordered by (head time, file order).
  const heap: number[] = [];
  const less = (a: number, b: number) => {
    const ta = headTime(a);
    const tb = headTime(b);
    return ta < tb || (ta === tb && a < b);
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  const siftUp = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) return;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  for (let f = 0; f < k; f++) {
    heap.push(f);
    siftUp(heap.length - 1);
  }
  let o = 0;
  while (heap.length > 0) {
    const f = heap[0];
    // The runner-up bounds how far this file may run before another file's line is due.
    let nextBest = -1;
    if (heap.length > 1) nextBest = heap.length > 2 && less(heap[2], heap[1]) ? heap[2] : heap[1];
    const limitT = nextBest >= 0 ? headTime(nextBest) : Infinity;
    const fileEnd = end[f];
    let p = pos[f];
    let lt = lastTime[f];
    for (;;) {
      const t0 = time[p];
      const t = t0 === NO_TIME ? lt : t0;
      if (t > limitT || (t === limitT && nextBest < f)) break;
      out[o++] = p;
      lt = t;
      p++;
      if (p === fileEnd) break;
    }
    pos[f] = p;
    lastTime[f] = lt;
    if (p === fileEnd) {
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown(0);
      }
    } else {
      siftDown(0);
    }
  }
  return out;
}
