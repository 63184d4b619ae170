import type { FileInfo } from '../model/file-info';
import { PACK_ESCAPE, PACK_SHIFT, type PackedColumn } from '../lib/packed-column';
import { TIMELINE_STEP, type Timeline } from '../model/log-index';
import { NO_TIME } from '../model/units';

/**
 * Merges the files into one timeline: a k-way merge on time that never reorders lines within a
 * file, because timestamps inside a file are not monotonic (log-format.md, "Timestamps are not
 * monotonic"). A line without a time sorts with the line before it in its file.
 * Runs of one file are written without touching the heap, so the common case (files covering
 * different days) costs little more than a fill.
 */
export function mergeTimeline(time: PackedColumn, files: readonly FileInfo[]): Timeline {
  const total = time.length;
  const { base, delta } = time;

  const fileCount = files.length;
  const file = fileCount <= 256 ? new Uint8Array(total) : new Uint16Array(total);
  const next = new Uint32Array(Math.ceil(total / TIMELINE_STEP) * fileCount);
  /** Each file's next row (by index in `files`), as the checkpoints keep it. */
  const cursor = new Uint32Array(fileCount);
  files.forEach((f, i) => (cursor[i] = f.firstRow));
  const checkpoint = (o: number, running: number, p: number) => {
    const at = (o / TIMELINE_STEP) * fileCount;
    next.set(cursor, at);
    next[at + running] = p;
  };
  const live = files.flatMap((f, i) => (f.lines > 0 ? [i] : []));
  const k = live.length;
  const pos = new Uint32Array(k);
  const end = new Uint32Array(k);
  /**
   * Each file's head time: its next line's time (a run only stops at a line with a time; a file's
   * first line without one counts as time 0). Its heap key adds the slot, so that one comparison
   * orders by (time, file order): exact in a double, times being below 2^32 and slots below 2^16.
   */
  const headT = new Float64Array(k);
  const key = new Float64Array(k);
  const setHead = (f: number, t: number) => {
    headT[f] = t;
    key[f] = t * 65536 + f;
  };
  for (let f = 0; f < k; f++) {
    pos[f] = files[live[f]].firstRow;
    end[f] = pos[f] + files[live[f]].lines;
    const t = time.at(pos[f]);
    setHead(f, t === NO_TIME ? 0 : t);
  }
  // Min-heap of file slots by key; typed arrays and plain comparisons keep this loop cheap, since
  // files covering the same hours alternate every dozen lines or so.
  const heap = new Int32Array(k);
  let size = 0;
  const less = (a: number, b: number) => key[a] < key[b];
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
  /** The next output position that keeps a checkpoint (a division per run cost 6–9% of the merge). */
  let nextCheck = 0;
  while (size > 0) {
    const f = heap[0];
    const id = live[f];
    // The runner-up bounds how far this file may run before another file's line is due.
    const runnerUp = size === 1 ? -1 : size > 2 && less(heap[2], heap[1]) ? heap[2] : heap[1];
    // Times are whole seconds: this file's lines are due while their time is at most `bound`
    // (on a tie, the file that comes first goes first).
    const bound = runnerUp < 0 ? Infinity : runnerUp < f ? headT[runnerUp] - 1 : headT[runnerUp];
    const fileEnd = end[f];
    const start = pos[f];
    let p = start;
    /** The time of the line the run stopped at: the file's next head. */
    let stopT = 0;
    // The head line is due (this file is the heap's first). A line without a time takes the time
    // before it, which was due, so it is due too.
    // The column's own layout is read here, a block at a time, rather than through `time.at`:
    // this loop visits every row, and the call made the merge half as slow again.
    run: for (;;) {
      const block = p >>> PACK_SHIFT;
      const b = base[block];
      const lim = bound - b;
      const stop = Math.min(fileEnd, (block + 1) << PACK_SHIFT);
      for (; p < stop; p++) {
        const d = delta[p];
        if (d < PACK_ESCAPE) {
          if (d > lim) {
            stopT = b + d;
            break run;
          }
        } else if (d === PACK_ESCAPE) {
          const t = time.at(p);
          if (t > bound) {
            stopT = t;
            break run;
          }
        }
      }
      if (p === fileEnd) break;
    }
    const n = p - start;
    // Checkpoints falling inside this run: the running file's next row there is its own.
    for (; nextCheck < o + n; nextCheck += TIMELINE_STEP) checkpoint(nextCheck, id, start + (nextCheck - o));
    if (n < 16) for (let k = 0; k < n; k++) file[o + k] = id;
    else file.fill(id, o, o + n);
    o += n;
    pos[f] = p;
    cursor[id] = p;
    if (p === fileEnd) {
      heap[0] = heap[--size];
    } else {
      setHead(f, stopT);
    }
    if (size > 0) siftDown(0);
  }
  return { file, fileCount, next };
}
