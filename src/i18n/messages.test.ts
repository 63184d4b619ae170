import { describe, expect, it } from 'vitest';
import type { FileProblem, FileWarning, LoadProblem } from '../model/file-problems';
import { en, ja } from './messages';

const problems: FileProblem[] = [
  { code: 'binary', offset: 1234 },
  { code: 'utf-16' },
  { code: 'too-large', bytes: 5 * 2 ** 30, limit: 2 ** 32 - 1 },
  { code: 'too-many-files', limit: 65535 },
  { code: 'changed' },
  { code: 'truncated', read: 1000, size: 2000 },
  { code: 'unreadable', detail: 'NotReadableError' },
  { code: 'parser-crashed', detail: 'out of memory' },
  { code: 'over-load-limit', limit: 3 * 2 ** 30 },
  { code: 'archive-corrupt', detail: 'invalid distance' },
  { code: 'archive-encrypted' },
  { code: 'archive-method', method: 14 },
  { code: 'archive-too-large', limit: 3 * 2 ** 30 },
  { code: 'archive-bomb', ratio: 500 },
  { code: 'archive-not-opened' },
];
const warnings: FileWarning[] = [
  { code: 'no-layout' },
  { code: 'impossible-dates', count: 4, firstLine: 2 },
  { code: 'cr-only' },
];
const loads: LoadProblem[] = [
  { code: 'nothing-to-load' },
  { code: 'sample-unavailable', detail: '404' },
  { code: 'folder-unreadable', detail: 'gone' },
  { code: 'engine-failed', detail: 'boom' },
];
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('what the engine says about files, in both languages', () => {
  it('words each problem differently, with its facts, in English and in Japanese', () => {
    const words = (catalogue: typeof en) => [
      ...problems.map(catalogue.fileProblem),
      ...warnings.map(catalogue.fileWarning),
      ...loads.map(catalogue.loadProblem),
    ];
    for (const [catalogue, script] of [
      [en, /^[\x20-\x7e–—…’×]+$/],
      [ja, japanese],
    ] as const) {
      const said = words(catalogue);
      expect(new Set(said).size).toBe(said.length);
      for (const s of said) expect(s).toMatch(script);
    }
    for (const catalogue of [en, ja]) {
      expect(catalogue.fileProblem(problems[0])).toContain('1,234');
      expect(catalogue.fileProblem(problems[2])).toContain('5.0');
      expect(catalogue.fileProblem(problems[5])).toMatch(/1,000.*2,000|2,000.*1,000/);
      expect(catalogue.fileProblem(problems[6])).toContain('NotReadableError');
      expect(catalogue.fileWarning(warnings[1])).toContain('4');
    }
  });
});
