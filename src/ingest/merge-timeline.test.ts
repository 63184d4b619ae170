import { describe, expect, it } from 'vitest';
import type { FileInfo } from '../model/file-info';
import { TIMELINE_STEP, type RowSource } from '../model/log-index';
import { NO_TIME } from '../model/units';
import { rowsAt } from '../query/row-bytes';
import { mergeTimeline } from './merge-timeline';
import { pack } from './test-support/columns';

/** Files of these sizes, one after another in storage order. */
function filesOf(sizes: number[]): FileInfo[] {
  let firstRow = 0;
  return sizes.map((lines, id) => {
    const f = { id, name: `f${id}`, lines, firstRow } as FileInfo;
    firstRow += lines;
    return f;
  });
}

/** The merge by its definition: always the file whose next line is earliest (a line without a time has the time before it), ties to the earlier file. */
function naiveMerge(time: Uint32Array, files: FileInfo[]): number[] {
  const pos = files.map((f) => f.firstRow);
  const last = files.map(() => 0);
  const out: number[] = [];
  for (;;) {
    let best = -1;
    let bestT = Infinity;
    files.forEach((f, i) => {
      if (pos[i] === f.firstRow + f.lines) return;
      const t = time[pos[i]] === NO_TIME ? last[i] : time[pos[i]];
      if (t < bestT) [best, bestT] = [i, t];
    });
    if (best < 0) return out;
    last[best] = bestT;
    out.push(pos[best]++);
  }
}

describe('mergeTimeline', () => {
  // Three files with an empty one between, long enough for several checkpoints; times wander
  // (files are not monotonic) and some lines have none.
  const files = filesOf([3 * TIMELINE_STEP + 17, 0, 2 * TIMELINE_STEP - 5, 900]);
  const total = files.reduce((n, f) => n + f.lines, 0);
  const time = new Uint32Array(total);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (const f of files) {
    let t = 1_000_000;
    for (let r = f.firstRow; r < f.firstRow + f.lines; r++) {
      // Now and then a jump of half a day, which the packed column keeps as an exception.
      t += rnd() < 0.004 ? (rnd() < 0.5 ? -50_000 : 50_000) : Math.floor(rnd() * 7) - 2;
      time[r] = rnd() < 0.02 ? NO_TIME : t;
    }
  }
  const packed = pack(time, NO_TIME);
  const timeline = mergeTimeline(packed, files);
  const index = { files, rows: { count: total }, timeline } as unknown as RowSource;
  const expected = naiveMerge(time, files);

  it('orders every row as the definition does, each file in its own order', () => {
    expect(packed.exceptionRow.length).toBeGreaterThan(10);
    expect(Array.from(rowsAt(index, 0, total))).toEqual(expected);
  });

  it('finds any window from the checkpoint before it', () => {
    for (const start of [0, 1, TIMELINE_STEP - 1, TIMELINE_STEP, 2 * TIMELINE_STEP + 3, total - 5]) {
      expect(Array.from(rowsAt(index, start, 40))).toEqual(expected.slice(start, start + 40));
    }
    expect(rowsAt(index, total, 10).length).toBe(0);
  });

  it('keeps a byte a row while files fit in one', () => {
    expect(timeline.file).toBeInstanceOf(Uint8Array);
    expect(mergeTimeline(pack([0, 0], NO_TIME), filesOf([...Array(299).fill(0), 2])).file).toBeInstanceOf(
      Uint16Array,
    );
  });
});
