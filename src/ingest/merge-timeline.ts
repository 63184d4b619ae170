import type { FileInfo } from '../model/file-info';
import { NO_TIME } from '../model/units';
import { GrowableColumns } from './growable';

/** A file as the merge sees it: its rows, and whether more are still to come. */
interface MergeFile {
  firstRow: number;
  /** Rows available so far. */
  rows: number;
  complete: boolean;
}

/**
 * Merges the files into one timeline: a k-way merge on time that never reorders lines within a
 * file, because timestamps inside a file are not monotonic (log-format.md, "Timestamps are not
 * monotonic"). A line without a time sorts with the line before it in its file. Each step takes
 * the file whose next line is earliest (the first file on a tie); runs of one file are copied
 * without touching the heap.
 *
 * It can run while the last file is still being read: it goes as far as that file's rows allow
 * (its next line might come before any other file's) and resumes when more arrive, so most of the
 * merge is done by the time the load ends. Every other file must be complete.
 */
export class TimelineMerge {
  private readonly files: MergeFile[];
  private readonly pos: Uint32Array;
  /** Each file's head time: its next line's time, or the time before it for a line without one. */
  private readonly headT: Float64Array;
  /** Time of each file's last merged line, for a next line without a time. */
  private readonly lastT: Float64Array;
  private readonly heap: Int32Array;
  private size = 0;
  private started = false;
  private readonly out = new GrowableColumns({ row: Uint32Array });

  constructor(files: readonly MergeFile[]) {
    this.files = files.filter((f) => f.rows > 0 || !f.complete).map((f) => ({ ...f }));
    const k = this.files.length;
    this.pos = Uint32Array.from(this.files, (f) => f.firstRow);
    this.headT = new Float64Array(k);
    this.lastT = new Float64Array(k);
    this.heap = new Int32Array(k);
  }

  /** Takes in the last file's rows so far (`complete` once it is all read) and merges what it can. */
  advance(time: Uint32Array, lastRows: number, complete: boolean): void {
    const last = this.files[this.files.length - 1];
    if (last && !last.complete) {
      last.rows = lastRows;
      last.complete = complete;
    }
    if (!this.started) {
      if (!this.files.every((f) => f.complete || f.rows > 0)) return;
      this.started = true;
      for (let f = 0; f < this.files.length; f++) {
        if (this.files[f].rows === 0) continue;
        this.setHead(time, f);
        this.heap[this.size++] = f;
      }
      for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
    } else if (this.size > 0 && this.pos[this.heap[0]] < this.endOf(this.heap[0])) {
      // The top file was waiting for rows: it has some now.
      this.setHead(time, this.heap[0]);
      this.siftDown(0);
    } else if (this.size > 0 && this.files[this.heap[0]].complete) {
      // The top file was waiting for rows, and it turned out to have no more.
      this.heap[0] = this.heap[--this.size];
      if (this.size > 0) this.siftDown(0);
    }
    this.run(time);
  }

  /** The whole timeline: call once every file is complete. */
  finish(time: Uint32Array): Uint32Array {
    const last = this.files[this.files.length - 1];
    this.advance(time, last ? last.rows : 0, true);
    this.out.shrinkToFit();
    return this.out.trimmed().row;
  }

  private endOf(f: number): number {
    return this.files[f].firstRow + this.files[f].rows;
  }

  private setHead(time: Uint32Array, f: number): void {
    const t = time[this.pos[f]];
    this.headT[f] = t === NO_TIME ? this.lastT[f] : t;
  }

  private less(a: number, b: number): boolean {
    const h = this.headT;
    return h[a] < h[b] || (h[a] === h[b] && a < b);
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const f = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const c = l + 1 < this.size && this.less(heap[l + 1], heap[l]) ? l + 1 : l;
      if (!this.less(heap[c], f)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = f;
  }

  private run(time: Uint32Array): void {
    const { heap, pos, headT, out } = this;
    while (this.size > 0) {
      const f = heap[0];
      const end = this.endOf(f);
      // The top file ran out of rows it has, but more are coming: its next line may be earliest.
      if (pos[f] === end) return;
      // The runner-up bounds how far this file may run before another file's line is due.
      const size = this.size;
      const next = size === 1 ? -1 : size > 2 && this.less(heap[2], heap[1]) ? heap[2] : heap[1];
      const limitT = next >= 0 ? headT[next] : Infinity;
      const limitBefore = next >= 0 && next < f;
      let p = pos[f];
      let lt = headT[f];
      const need = out.count + (end - p);
      if (need > out.capacity) out.reserve(Math.max(need, out.capacity * 2));
      const rows = out.cols.row;
      let o = out.count;
      for (;;) {
        const t0 = time[p];
        const t = t0 === NO_TIME ? lt : t0;
        if (t > limitT || (t === limitT && limitBefore)) break;
        rows[o++] = p;
        lt = t;
        if (++p === end) break;
      }
      out.count = o;
      pos[f] = p;
      this.lastT[f] = lt;
      if (p < end) {
        this.setHead(time, f);
        this.siftDown(0);
      } else if (this.files[f].complete) {
        heap[0] = heap[--this.size];
        if (this.size > 0) this.siftDown(0);
      } else {
        return; // wait for the file's next rows (advance)
      }
    }
  }
}

/** The merged timeline of complete files, in one go. */
export function mergeTimeline(time: Uint32Array, files: readonly FileInfo[]): Uint32Array {
  const merge = new TimelineMerge(
    files.map((f) => ({ firstRow: f.firstRow, rows: f.lines, complete: true })),
  );
  return merge.finish(time);
}
