import { readFileSync, readdirSync } from 'node:fs';
import { concatBytes } from '../lib/concat-bytes';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogIndex } from '../model/log-index';
import { rowBytes } from '../query/row-bytes';
import { decodeBytes } from './codec';
import type { FixtureExpectation } from '../../scripts/make-fixtures';
import { build } from './test-support/build';

const dir = join(__dirname, 'fixtures');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  FixtureExpectation
>;
const logFixtures = readdirSync(dir).filter((f) => f.endsWith('.log'));

/**
 * Rebuilds the file from its rows: every byte must come back, terminators included. A UTF-8 BOM
 * marks the encoding and is not part of the first line.
 */
function reassemble(index: LogIndex, bom: boolean, eol: 'CRLF' | 'LF', finalNewline: boolean): Uint8Array {
  const parts: Uint8Array[] = bom ? [Uint8Array.of(0xef, 0xbb, 0xbf)] : [];
  const terminator = eol === 'CRLF' ? Uint8Array.of(0x0d, 0x0a) : Uint8Array.of(0x0a);
  for (let r = 0; r < index.rows.count; r++) {
    parts.push(rowBytes(index, r));
    if (r < index.rows.count - 1 || finalNewline) parts.push(terminator);
  }
  return concatBytes(parts);
}

describe('fixtures, read in slices of 1, 2, 3 and 100 bytes and whole', () => {
  it('has an expectation for every fixture', () => {
    expect(logFixtures.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const name of logFixtures) {
    it(
      name,
      async () => {
        const bytes = new Uint8Array(readFileSync(join(dir, name)));
        const exp = expected[name];
        const texts: string[][] = [];
        for (const sliceSize of [1, 2, 3, 100, bytes.length]) {
          const { index, errors } = await build([[name, bytes]], { sliceSize });
          expect(errors).toEqual([]);
          expect(index.files[0]).toMatchObject({
            encoding: exp.encoding,
            lines: exp.lines,
            unparsed: exp.unparsed,
          });
          expect(reassemble(index, exp.bom, exp.eol, exp.finalNewline)).toEqual(bytes);
          texts.push(
            Array.from({ length: index.rows.count }, (_, r) => decodeBytes(rowBytes(index, r), exp.encoding)),
          );
        }
        // Slicing never changes what a row says, even when a slice cuts a character in two.
        for (const t of texts) expect(t).toEqual(texts[0]);
        // Reading a fixture with a 200 KB line one byte at a time takes ~5 s on its own.
      },
      30_000,
    );
  }

  it('refuses binary.bin with a message naming the problem', async () => {
    const bytes = new Uint8Array(readFileSync(join(dir, 'binary.bin')));
    const { errors } = await build([['binary.bin', bytes]]);
    expect(errors.map((e) => [e.fileName, e.problem.code])).toEqual([['binary.bin', 'binary']]);
  });
});
