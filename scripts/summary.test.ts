import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sampleDir = join(__dirname, '..', 'public', 'sample');
const manifest = JSON.parse(readFileSync(join(sampleDir, 'manifest.json'), 'utf8')) as {
  files: string[];
  expected: {
    lines: number;
    files: Array<Record<string, unknown>>;
    sessions: Record<string, number>;
    outcomes: Record<string, Record<string, number>>;
    peers: Record<string, Record<string, number>>;
    report: { entries: number; byCode: Record<string, number>; failed: number };
  };
};

function runSummary(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'summary.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Tokyo' },
  });
}

describe('npm run summary', () => {
  const files = manifest.files.map((f) => join(sampleDir, f));

  it('reproduces, with --json, the counts the sample generator says it wrote', () => {
    const out = JSON.parse(runSummary(['--json', ...files]));
    const e = manifest.expected;
    expect(out.lines).toBe(e.lines);
    expect(
      out.files.map((f: Record<string, unknown>) => ({
        name: f.name,
        encoding: f.encoding,
        kind: f.kind,
        format: f.format,
        level: f.level,
        lines: f.lines,
        unparsed: f.unparsed,
      })),
    ).toEqual(e.files);
    expect(out.sessions).toEqual(e.sessions);
    expect(out.outcomes).toEqual(e.outcomes);
    expect(out.topPeers.length).toBe(10);
    for (const p of out.topPeers as Array<{ service: string; peer: string; sessions: number }>) {
      expect(p.sessions, `${p.service} ${p.peer}`).toBe(e.peers[p.service][p.peer]);
    }
    // The top ten are the generator's ten busiest peers (by count: ties may order either way).
    const counts = Object.values(e.peers).flatMap((byPeer) => Object.values(byPeer));
    const tenth = counts.sort((a, b) => b - a)[9];
    expect(Math.min(...out.topPeers.map((p: { sessions: number }) => p.sessions))).toBe(tenth);
    expect(out.report.entries).toBe(e.report.entries);
    expect(out.report.byCode).toEqual(e.report.byCode);
    expect(out.report.failed).toBe(e.report.failed);
    expect(out.failedFiles).toEqual([]);
  });

  it('prints a readable report in text mode, with code meanings', () => {
    const out = runSummary(files);
    expect(out).toContain(
      `${manifest.expected.lines.toLocaleString('en-US')} lines in ${files.length} file(s)`,
    );
    expect(out).toContain('配信先サーバが RCPT TO にエラー応答しました。');
    expect(out).toContain('unknown code -99');
    expect(out).toContain('best effort');
    expect(out).toMatch(/Authentication failures\n\s+\S/);
  });

  it('reads every file as the encoding given with --encoding', () => {
    const detected = JSON.parse(runSummary(['--json', files[0]]));
    const forced = JSON.parse(runSummary(['--json', '--encoding', 'utf-8', files[0]]));
    expect(detected.files[0]).toMatchObject({ encoding: 'shift_jis', encodingSource: 'detected' });
    expect(forced.files[0]).toMatchObject({ encoding: 'utf-8', encodingSource: 'override' });
  });

  it('names an archive it was given instead of reading it as a log, and reads the other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'));
    writeFileSync(join(dir, 'old.log.gz'), gzipSync(readFileSync(files[0])));
    const out = JSON.parse(runSummary(['--json', dir, files[1]]));
    expect(out.failedFiles).toEqual([{ fileName: 'old.log.gz', problem: { code: 'archive-not-opened' } }]);
    expect(out.files.map((f: { name: string }) => f.name)).toEqual([manifest.files[1]]);
  });
});
