import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../ingest/codec';
import { build, utf8 } from '../ingest/test-support/build';
import { csvLines, logBytes, neutralise } from './export-rows';
import { rowsAt } from './row-bytes';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../ingest/fixtures/${name}`, import.meta.url)));

describe('exports', () => {
  it.each([
    'vendor-sample.sjis.log',
    'vendor-sample.utf8-bom.log',
    'mixed-garbage.sjis.log',
    'format-1.26.sjis.log',
  ])('gives back %s byte for byte as .log, BOM, line endings and all', async (name) => {
    const bytes = fixture(name);
    const { index } = await build([[name, bytes]]);
    expect(logBytes(index, rowsAt(index, 0, index.rows.count))).toEqual(bytes);
  });

  it('keeps mixed line endings and a last line without one', async () => {
    const bytes = utf8(
      '[SMTP] 2025/04/01 08:00:00 a\r\n[SMTP] 2025/04/01 08:00:01 b\n\r\n[SMTP] 2025/04/01 08:00:02 c',
    );
    const { index } = await build([['x.log', bytes]]);
    expect(logBytes(index, rowsAt(index, 0, index.rows.count))).toEqual(bytes);
  });

  it('neutralises cells a spreadsheet would run, and quotes what CSV needs', async () => {
    expect(['=1+1', '+cmd', '-2', '@SUM(A1)', '\t=x', '\r=x', 'plain'].map(neutralise)).toEqual([
      "'=1+1",
      "'+cmd",
      "'-2",
      "'@SUM(A1)",
      "'\t=x",
      "'\r=x",
      'plain',
    ]);
    const lines = [
      '[SMTP] 2025/04/01 08:00:00 [000-00012] HELO =HYPERLINK("http://evil.example","x")',
      '[SMTP] 2025/04/01 08:00:01 [000-00012] 550 "quoted", with comma',
    ];
    const { index } = await build([['evil.log', utf8(lines.join('\r\n') + '\r\n')]]);
    const csv = csvLines(index, rowsAt(index, 0, 2), (b, f) => decodeBytes(b, index.files[f].encoding));
    expect(csv).toBe(
      [
        `2025/04/01 08:00:00,SMTP,000,00012,command HELO,"HELO =HYPERLINK(""http://evil.example"",""x"")",evil.log,1`,
        `2025/04/01 08:00:01,SMTP,000,00012,reply 550,"550 ""quoted"", with comma",evil.log,2`,
        '',
      ].join('\r\n'),
    );
  });
});
