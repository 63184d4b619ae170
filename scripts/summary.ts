/**
 * `npm run summary -- [--json] [--encoding shift_jis|utf-8] FILE_OR_FOLDER...`: the daily report
 * over the same engine the page uses, for admins' scheduled tasks and for tests. `--encoding`
 * reads every file as that encoding instead of detecting it per file. Files of any size and number
 * are read a window at a time (./windowed-summary.ts).
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { en } from '../src/i18n/messages';
import { archiveKindOf } from '../src/ingest/open-inputs';
import type { Encoding } from '../src/model/file-info';
import type { FailedFile } from '../src/model/file-problems';
import { formatSummary } from './format-summary';
import { readRange, summarizeWindows } from './windowed-summary';

async function collectFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const st = await stat(p);
    if (st.isDirectory()) {
      const names = (await readdir(p)).sort();
      out.push(...(await collectFiles(names.filter((n) => !n.startsWith('.')).map((n) => join(p, n)))));
    } else {
      out.push(p);
    }
  }
  return out;
}

const USAGE = 'usage: npm run summary -- [--json] [--encoding shift_jis|utf-8] FILE_OR_FOLDER...\n';
const ENCODINGS: readonly Encoding[] = ['shift_jis', 'utf-8'];

async function main(argv: string[]): Promise<number> {
  let json = false;
  let encoding: Encoding | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = true;
    else if (argv[i] === '--encoding') {
      const chosen = ENCODINGS.find((e) => e === argv[i + 1]);
      if (!chosen) {
        process.stderr.write(USAGE);
        return 2;
      }
      encoding = chosen;
      i++;
    } else paths.push(argv[i]);
  }
  if (paths.length === 0 || argv.includes('--help')) {
    process.stderr.write(USAGE);
    return 2;
  }
  const found = await collectFiles(paths);
  const inputs = await Promise.all(
    found.map(async (path) => ({ path, name: basename(path), size: (await stat(path)).size })),
  );
  const archives: FailedFile[] = [];
  const files: typeof inputs = [];
  for (const f of inputs) {
    if (archiveKindOf(await readRange(f.path, 0, 4)))
      archives.push({ fileName: f.name, problem: { code: 'archive-not-opened' } });
    else files.push(f);
  }
  const windowed = await summarizeWindows(files, { encoding });
  const { summary, filesRead } = windowed;
  const failed = [...archives, ...windowed.failedFiles];
  for (const f of failed) process.stderr.write(`${f.fileName}: ${en.fileProblem(f.problem)}\n`);
  process.stdout.write(
    json
      ? JSON.stringify({ ...summary, failedFiles: failed }, null, 2) + '\n'
      : formatSummary(summary, failed),
  );
  return filesRead === 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`summary: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
