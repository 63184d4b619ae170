import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexSources, bytesSource } from '../src/ingest/index-files';
import { overviewCounts, summarize } from '../src/query/summary';
import type { Summary } from '../src/query/types';
import { planWindows, summarizeWindows, type InputFile } from './windowed-summary';

const sampleDir = join(__dirname, '..', 'public', 'sample');
const names = (JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as { files: string[] })
  .files;
const files: InputFile[] = names.map((name) => {
  const path = join(sampleDir, name);
  return { path, name, size: statSync(path).size };
});
/** Small enough to cut the sample set (about 300 KB) into 20 windows of 7 parts each. */
const TINY_WINDOW = 16 * 1024;

async function pageSummary(): Promise<{ summary: Summary; index: Awaited<ReturnType<typeof indexSources>> }> {
  const index = await indexSources(files.map((f) => bytesSource(f.name, readFileSync(f.path))));
  return { summary: { ...summarize(index), ...overviewCounts(index) }, index };
}

describe('the summary in windows', () => {
  it('is the page’s summary when the files fit in one window', async () => {
    const windowed = await summarizeWindows(files);
    expect(windowed.windows).toBe(1);
    expect(windowed.summary).toEqual((await pageSummary()).summary);
  });

  it('in tiny windows, keeps every count a line or an entry makes, and splits only sessions open at a cut', async () => {
    const { summary: whole, index } = await pageSummary();
    const windowed = await summarizeWindows(files, { windowBytes: TINY_WINDOW });
    expect(windowed.windows).toBe(20);
    const w = windowed.summary;
    // Exact: lines, the files (lines, levels, encodings, warnings), the report log's entries and
    // codes, lines over time, and the findings of files and entries (restarts, levels, gaps,
    // failing domains, surges of temporary failures).
    expect(w.lines).toBe(whole.lines);
    expect(w.files).toEqual(whole.files);
    expect(w.report).toEqual(whole.report);
    expect(w.linesOverTime).toEqual(whole.linesOverTime);
    const ofLinesAndEntries = (s: Summary) =>
      s.findings!.filter(
        (f) => !['password-guessing-ip', 'password-guessing-user', 'relay-attempts'].includes(f.kind),
      );
    expect(ofLinesAndEntries(w)).toEqual(ofLinesAndEntries(whole));

    // Bounded: each session open at a cut (lines on both sides of it) is counted once per part it
    // has lines in, with the outcome those lines give. Count those (session, cut) pairs per service.
    const open = new Map<string, number>();
    const windows = await planWindows(files, TINY_WINDOW);
    const s = index.sessions;
    for (const part of windows.flat()) {
      if (part.start === 0) continue;
      const bytes = readFileSync(files[part.input].path).subarray(0, part.start);
      const row = index.files[part.input].firstRow + bytes.filter((b) => b === 0x0a).length;
      for (let i = 0; i < s.count; i++) {
        if (s.file[i] !== part.input || s.firstRow[i] >= row || s.lastRow[i] < row) continue;
        const service = index.services[s.service[i]];
        open.set(service, (open.get(service) ?? 0) + 1);
      }
    }
    for (const [service, n] of Object.entries(whole.sessions)) {
      const split = open.get(service) ?? 0;
      const more = w.sessions[service] - n;
      expect(more, service).toBeGreaterThanOrEqual(0);
      expect(more, service).toBeLessThanOrEqual(split);
      // A split session's outcome is lost and each piece has one: the outcomes move by at most
      // the split sessions and their extra pieces. (MTA sessions also take their outcome from a
      // report entry in the same window: those near a cut may find theirs in another one.)
      if (service === 'MTA') continue;
      const moved = Object.keys({ ...whole.outcomes[service], ...w.outcomes[service] }).reduce(
        (sum, o) => sum + Math.abs((w.outcomes[service][o] ?? 0) - (whole.outcomes[service][o] ?? 0)),
        0,
      );
      expect(moved, service).toBeLessThanOrEqual(2 * split + more);
    }
  });

  it('checks a file’s start only at its start: a NUL byte past the first 64 KiB is no binary file in any window', async () => {
    const bytes = new Uint8Array(readFileSync(files[0].path));
    expect(bytes.length).toBeGreaterThan(100_000);
    bytes[100_000] = 0;
    const path = join(mkdtempSync(join(tmpdir(), 'windows-')), files[0].name);
    writeFileSync(path, bytes);
    const input = [{ path, name: files[0].name, size: bytes.length }];
    const whole = await summarizeWindows(input);
    const cut = await summarizeWindows(input, { windowBytes: TINY_WINDOW });
    expect(cut.windows).toBeGreaterThan(1);
    expect([whole.failedFiles, cut.failedFiles]).toEqual([[], []]);
    expect(cut.summary.lines).toBe(whole.summary.lines);
  });
});
