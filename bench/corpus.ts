/**
 * Where the benchmarks get their input: files named on the command line, a corpus kept from an
 * earlier run in bench/out/corpus-SIZE/, or a fresh one from scripts/generate-corpus.ts.
 */
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../scripts/generate-corpus';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = join(ROOT, 'bench', 'out');
/** Fixed, so a kept corpus and a fresh one of the same size hold the same bytes. */
const SEED = 1;
/** Written last, after the generator returned: its presence means the corpus is complete. */
const MANIFEST = 'bench-corpus.json';
export const MiB = 1 << 20;

export interface Corpus {
  /** Absolute paths, in the order they are handed to the app. */
  files: string[];
  bytes: number;
  /** Lines the generator wrote; unknown for files given on the command line. */
  lines: number | undefined;
  source: 'command-line' | 'kept' | 'generated';
  dir: string | undefined;
  generateSeconds: number | undefined;
  /** Deletes a corpus generated into a temporary directory by this run; no-op otherwise. */
  dispose(): void;
}

interface Manifest {
  sizeMB: number;
  seed: number;
  names: string[];
  bytes: number;
  lines: number;
}

export function log(msg: string): void {
  // stdout is reserved for the one JSON result.
  process.stderr.write(`[bench] ${msg}\n`);
}

/**
 * Command-line files win. Otherwise a kept `bench/out/corpus-SIZE/` is reused; otherwise a corpus is
 * generated, into `bench/out/corpus-SIZE/` with `keep` (via a temporary name renamed at the end, so
 * an interrupted run never leaves a half corpus that looks reusable), else into the OS temp dir,
 * deleted by `dispose()`.
 */
export function resolveCorpus(paths: string[], sizeMB: number, keep: boolean): Corpus {
  if (paths.length > 0) {
    const files = paths.map((p) => resolve(p));
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    return {
      files,
      bytes,
      lines: undefined,
      source: 'command-line',
      dir: undefined,
      generateSeconds: undefined,
      dispose: () => {},
    };
  }
  if (!(sizeMB > 0)) throw new Error(`--size must be a positive number of MB, got ${sizeMB}`);
  const keptDir = join(OUT_DIR, `corpus-${sizeMB}`);
  if (existsSync(join(keptDir, MANIFEST))) {
    const m = JSON.parse(readFileSync(join(keptDir, MANIFEST), 'utf8')) as Manifest;
    log(`reusing ${keptDir}`);
    return {
      files: m.names.map((n) => join(keptDir, n)),
      bytes: m.bytes,
      lines: m.lines,
      source: 'kept',
      dir: keptDir,
      generateSeconds: undefined,
      dispose: () => {},
    };
  }
  const dir = keep
    ? `${keptDir}.partial-${process.pid}`
    : mkdtempSync(join(tmpdir(), `pmail-corpus-${sizeMB}-`));
  log(`generating a ${sizeMB} MB corpus into ${dir}`);
  const t0 = performance.now();
  const r = generateCorpus({ sizeMB, outDir: dir, seed: SEED });
  const generateSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const manifest: Manifest = {
    sizeMB,
    seed: SEED,
    names: r.files.map((f) => basename(f)),
    bytes: r.bytes,
    lines: r.lines,
  };
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  log(
    `generated ${r.files.length} files, ${(r.bytes / MiB).toFixed(0)} MB, ${r.lines} lines in ${generateSeconds} s`,
  );
  let finalDir = dir;
  if (keep) {
    rmSync(keptDir, { recursive: true, force: true });
    renameSync(dir, keptDir);
    finalDir = keptDir;
  }
  return {
    files: manifest.names.map((n) => join(finalDir, n)),
    bytes: r.bytes,
    lines: r.lines,
    source: 'generated',
    dir: finalDir,
    generateSeconds,
    dispose: () => {
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A service log starts with `[TAG] `; the report log with a date. The codec work needs the former. */
export function isServiceLog(path: string): boolean {
  const head = Buffer.alloc(1);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, head, 0, 1, 0) === 1 && head[0] === 0x5b;
  } finally {
    closeSync(fd);
  }
}

/** Reads the first `n` bytes of a file (or all of it if shorter). */
export function readHead(path: string, n: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(n, statSync(path).size));
    let off = 0;
    while (off < buf.length) {
      const got = readSync(fd, buf, off, buf.length - off, off);
      if (got === 0) break;
      off += got;
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, off);
  } finally {
    closeSync(fd);
  }
}
