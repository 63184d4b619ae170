/**
 * `npm run bench:summary -- [--window MiB] FILE...`: the command-line summary over the
 * files in windows (scripts/windowed-summary.ts), printing its windows, parts, time and the
 * process's peak resident memory (getrusage's maxrss). Make big inputs with `npm run corpus`.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { summarizeWindows, WINDOW_BYTES } from '../scripts/windowed-summary';

const args = process.argv.slice(2);
let windowBytes = WINDOW_BYTES;
const at = args.indexOf('--window');
if (at >= 0) {
  windowBytes = Number(args[at + 1]) * 2 ** 20;
  args.splice(at, 2);
}
const files = await Promise.all(
  args.map(async (path) => ({ path, name: basename(path), size: (await stat(path)).size })),
);
const bytes = files.reduce((n, f) => n + f.size, 0);
const t0 = performance.now();
const result = await summarizeWindows(files, { windowBytes });
const seconds = (performance.now() - t0) / 1000;
const MB = 1e6;
process.stdout.write(
  JSON.stringify({
    inputMB: Math.round(bytes / MB),
    windowMiB: windowBytes / 2 ** 20,
    windows: result.windows,
    parts: result.parts,
    lines: result.summary.lines,
    seconds: Math.round(seconds * 10) / 10,
    peakRssMB: Math.round((process.resourceUsage().maxRSS * 1024) / MB),
  }) + '\n',
);
if (process.argv.includes('--json')) process.stderr.write(JSON.stringify(result.summary) + '\n');
