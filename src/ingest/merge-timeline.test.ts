import { describe, expect, it } from 'vitest';
import type { FileInfo } from '../model/file-info';
import { NO_TIME } from '../model/units';
import { mergeTimeline, TimelineMerge } from './merge-timeline';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const fileInfo = (firstRow: number, lines: number) => ({ firstRow, lines }) as FileInfo;

describe('TimelineMerge', () => {
  it('gives, while the last file still arrives in pieces, the timeline of the merge in one go', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = rng(seed);
      const sizes = Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * 30));
      const total = sizes.reduce((a, b) => a + b, 0);
      // Times that go back now and then, with lines without a time, and many ties.
      const time = Uint32Array.from({ length: total }, () =>
        random() < 0.1 ? NO_TIME : Math.floor(random() * 20),
      );
      const files: FileInfo[] = [];
      let row = 0;
      for (const n of sizes) {
        files.push(fileInfo(row, n));
        row += n;
      }
      const whole = Array.from(mergeTimeline(time, files));

      const last = files[files.length - 1];
      const merge = new TimelineMerge([
        ...files.slice(0, -1).map((f) => ({ firstRow: f.firstRow, rows: f.lines, complete: true })),
        { firstRow: last.firstRow, rows: 0, complete: false },
      ]);
      for (let seen = 0; seen < last.lines;) {
        seen = Math.min(last.lines, seen + Math.floor(random() * 5));
        merge.advance(time, seen, false);
      }
      const stepwise = Array.from(merge.finish(time));

      expect(stepwise).toEqual(whole);
      expect([...stepwise].sort((a, b) => a - b)).toEqual([...Array(total).keys()]);
    }
  });

  it('keeps each file in its own order, earliest head first, the first file on a tie', () => {
    // File 0: 5, 1 (goes back in time); file 1: 3; file 2: 3 (ties with file 1).
    const time = Uint32Array.of(5, 1, 3, 3);
    expect(Array.from(mergeTimeline(time, [fileInfo(0, 2), fileInfo(2, 1), fileInfo(3, 1)]))).toEqual([
      2, 3, 0, 1,
    ]);
  });
});
