/**
 * The summary of files of any number and size in bounded memory: the files are indexed a window
 * at a time, each window's facts (src/query/summary-facts.ts) added to the total and the window
 * dropped before the next is read; the summary and the findings are made from the total at the
 * end. A load that fits in one window is indexed whole and gives what the page shows.
 *
 * A window holds the same share of every file (window k of n: each file's bytes from k/n to
 * (k+1)/n of its size, cut after a line's end), so the service logs and the report log of one
 * stretch of time are read together, as the page reads them: an MTA session's outcome comes from
 * its report entry, which must be in the same index.
 */
import { open } from 'node:fs/promises';
import type { Encoding } from '../src/model/file-info';
import type { FailedFile } from '../src/model/file-problems';
import { NO_TIME } from '../src/model/units';
import { indexBatches, type SliceSource } from '../src/ingest/index-files';
import { parseSlices } from '../src/ingest/read-slices';
import { addFacts, emptyFacts, indexFacts } from '../src/query/summary-facts';
import { findingsFromFacts } from '../src/query/findings';
import { DEFAULT_THRESHOLDS } from '../src/query/finding-types';
import { summaryFromFacts } from '../src/query/summary';
import { addTimeline, emptyTimeline, linesOverTimeFrom } from '../src/query/timeline-facts';
import type { Summary } from '../src/query/types';

const MiB = 1 << 20;
/**
 * Input bytes indexed at once. The index holds its files' bytes plus about as much again in
 * columns, sessions and strings, so the process stays near twice this whatever the input (the
 * figures: README, "Performance").
 */
export const WINDOW_BYTES = 256 * MiB;
/** How far past a cut a line's end is looked for; a longer line is cut there (it makes two rows). */
const MAX_CUT_SEARCH = 1 * MiB;
const CUT_READ = 64 * 1024;

export interface InputFile {
  path: string;
  /** The name the summary lists it by. */
  name: string;
  size: number;
}

/** A part of an input file: bytes [start, end). */
export interface Part {
  input: number;
  start: number;
  end: number;
}

/** Bytes [start, end) of the file at `path` (fewer at its end). */
export async function readRange(path: string, start: number, end: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(end - start);
    const { bytesRead } = await fh.read(buf, 0, buf.length, start);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** A byte range of a file as a file of its own to the index builder. */
function partSource(file: InputFile, part: Part): SliceSource {
  return {
    name: file.name,
    size: part.end - part.start,
    offset: part.start,
    read: (s, e) => readRange(file.path, part.start + s, part.start + e),
  };
}

/** The first line start at or after `at` (the file's size when none is; `at` + MAX_CUT_SEARCH at most). */
async function lineStartFrom(file: InputFile, at: number): Promise<number> {
  if (at <= 0) return 0;
  const limit = Math.min(file.size, at + MAX_CUT_SEARCH);
  // The byte before `at` is read too: when it is LF, `at` starts a line.
  for (let pos = at - 1; pos < limit; pos += CUT_READ) {
    const bytes = await readRange(file.path, pos, Math.min(limit, pos + CUT_READ));
    const lf = bytes.indexOf(0x0a);
    if (lf >= 0) return pos + lf + 1;
  }
  return limit;
}

/** The windows: window k holds part k of every file (files with nothing in it leave no part). */
export async function planWindows(files: InputFile[], windowBytes: number): Promise<Part[][]> {
  const total = files.reduce((n, f) => n + f.size, 0);
  const count = Math.max(1, Math.ceil(total / windowBytes));
  const windows: Part[][] = Array.from({ length: count }, () => []);
  for (let input = 0; input < files.length; input++) {
    const file = files[input];
    let start = 0;
    for (let k = 0; k < count; k++) {
      const end =
        k === count - 1
          ? file.size
          : Math.max(start, await lineStartFrom(file, Math.floor((file.size * (k + 1)) / count)));
      // An empty file is listed all the same: its one part is in the first window.
      if (end > start || (file.size === 0 && k === 0)) windows[k].push({ input, start, end });
      start = end;
    }
  }
  return windows;
}

export interface WindowedSummary {
  summary: Summary;
  failedFiles: FailedFile[];
  /** How many windows the files were read in, and the parts (index files) they made. */
  windows: number;
  parts: number;
  /** Input files of which at least one part was read. */
  filesRead: number;
}

/**
 * The summary of `files` read `windowBytes` at a time. `encoding` reads every file in it; else a
 * file's encoding is detected in its parts until one tells (one with a byte past ASCII or a BOM),
 * and its later parts are read in what that one was found to be.
 */
export async function summarizeWindows(
  files: InputFile[],
  opts: { encoding?: Encoding; windowBytes?: number } = {},
): Promise<WindowedSummary> {
  const windows = await planWindows(files, opts.windowBytes ?? WINDOW_BYTES);
  const total = emptyFacts();
  const timeline = emptyTimeline();
  const encodingOf: Array<Encoding | undefined> = [];
  const failed = new Map<number, FailedFile>();
  let parts = 0;
  for (const window of windows) {
    const todo = window.filter((p) => !failed.has(p.input));
    parts += todo.length;
    const sources = todo.map((p) => partSource(files[p.input], p));
    const failedHere = new Set<number>();
    const index = await indexBatches(
      sources,
      (src, i) => parseSlices(src, undefined, opts.encoding ?? encodingOf[todo[i].input]),
      {
        encoding: opts.encoding,
        onFileError: (i, e) => {
          failedHere.add(i);
          failed.set(todo[i].input, { fileName: e.fileName, problem: e.problem });
        },
      },
    );
    const inputOf = todo.filter((_, i) => !failedHere.has(i)).map((p) => p.input);
    // A part all ASCII says nothing of the file's encoding: the next part detects it again.
    inputOf.forEach((input, i) => {
      if (index.files[i].encodingSource !== 'default') encodingOf[input] ??= index.files[i].encoding;
    });
    const lastTimes = inputOf.map((input) => total.files[input]?.lastTime ?? NO_TIME);
    addFacts(total, indexFacts(index, DEFAULT_THRESHOLDS, lastTimes), inputOf);
    addTimeline(timeline, index);
  }
  return {
    summary: {
      ...summaryFromFacts(total),
      findings: findingsFromFacts(total, DEFAULT_THRESHOLDS),
      linesOverTime: linesOverTimeFrom(timeline),
    },
    failedFiles: [...failed.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f),
    windows: windows.length,
    parts,
    filesRead: total.files.filter((f) => f !== undefined).length,
  };
}
