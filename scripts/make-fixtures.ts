/**
 * Writes the small committed parser fixtures in src/ingest/fixtures/, one per format quirk, as real
 * bytes, plus expected.json with what each holds (counted here, by construction).
 *
 *   tsx scripts/make-fixtures.ts [--out src/ingest/fixtures]
 *
 * The lines are written out by hand rather than generated, so a change to the generator never moves
 * a fixture. src/ingest/fixtures/README.md says what each file shows.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { VENDOR_SAMPLE } from '../src/ingest/test-support/vendor-sample';
import { Rng } from './log-generator';

export const DEFAULT_FIXTURE_DIR = fileURLToPath(new URL('../src/ingest/fixtures/', import.meta.url));

const FORMAT_126 = [
  '[SMTP] 2005/05/18 03:09:41 SMTP サービスを開始しました。(Debug Level2)',
  '[SMTP] 2005/05/18 03:10:41 Connect from 192.0.2.10(192.0.2.10)',
  '[SMTP] 2005/05/18 03:10:41 無条件接続許可ホスト(IP)',
  '[SMTP] 2005/05/18 03:10:41 中継許可IPされたアドレス',
  '[SMTP] 2005/05/18 03:10:42 HELO devmachine1',
  '[SMTP] 2005/05/18 03:10:42 MAIL FROM:<taro@example.jp>',
  '[SMTP] 2005/05/18 03:10:42 RCPT TO:<hanako@example.com>',
  '[SMTP] 2005/05/18 03:10:43 DATA',
  '[SMTP] 2005/05/18 03:10:43 QUIT',
  '[SMTP] 2005/05/18 03:10:43 Disconnect from 192.0.2.10(192.0.2.10)',
  '[SMTP] 2005/05/18 03:12:05 Connect from mail.example.com(198.51.100.7)',
  '[SMTP] 2005/05/18 03:12:06 EHLO mail.example.com',
  '[SMTP] 2005/05/18 03:12:06 MAIL FROM:<info@example.com>',
  '[SMTP] 2005/05/18 03:12:06 RCPT TO:<jiro@example.jp>',
  '[SMTP] 2005/05/18 03:12:07 DATA',
  '[SMTP] 2005/05/18 03:12:07 QUIT',
  '[SMTP] 2005/05/18 03:12:08 Disconnect from mail.example.com(198.51.100.7)',
  '[SMTP] 2005/05/18 03:15:00 SMTP サービスを停止しました。',
];

/** Thread 000 serves job 00012, then job 00015 while job 00013 is still open on thread 001. */
const FORMAT_188A = [
  '[SMTP] 2025/04/01 09:00:00 SMTP サービスを開始しました。(Debug Level3)',
  '[SMTP] 2025/04/01 09:00:10 [000-00012] Connect from 192.0.2.10(192.0.2.10)',
  '[SMTP] 2025/04/01 09:00:10 [001-00013] Connect from mail.example.com(198.51.100.7)',
  '[SMTP] 2025/04/01 09:00:10 [000-00012] 無条件接続許可ホスト(IP)',
  '[SMTP] 2025/04/01 09:00:10 [000-00012] 中継許可IPされたアドレス',
  '[SMTP] 2025/04/01 09:00:10 [000-00012] 220 mail.example.jp ESMTP PMailServer 1.88a; Date: Tue,01 Apr 2025 09:00:10 +0900(JST)',
  '[SMTP] 2025/04/01 09:00:10 [001-00013] 220 mail.example.jp ESMTP PMailServer 1.88a; Date: Tue,01 Apr 2025 09:00:10 +0900(JST)',
  '[SMTP] 2025/04/01 09:00:11 [000-00012] HELO pc01',
  '[SMTP] 2025/04/01 09:00:11 [000-00012] 250 mail.example.jp Hello pc01 [192.0.2.10], pleased to meet you.',
  '[SMTP] 2025/04/01 09:00:11 [001-00013] EHLO mail.example.com',
  '[SMTP] 2025/04/01 09:00:11 [001-00013] 250-mail.example.jp Hello mail.example.com [198.51.100.7], pleased to meet you.',
  '[SMTP] 2025/04/01 09:00:11 [001-00013] 250 HELP',
  '[SMTP] 2025/04/01 09:00:12 [000-00012] MAIL FROM:<taro@example.jp>',
  '[SMTP] 2025/04/01 09:00:12 [000-00012] 250 2.1.0 <taro@example.jp>... Sender ok',
  '[SMTP] 2025/04/01 09:00:12 [000-00012] RCPT TO:<hanako@example.com>',
  '[SMTP] 2025/04/01 09:00:12 [000-00012] 250 2.1.5 <hanako@example.com>... Recipient ok',
  '[SMTP] 2025/04/01 09:00:12 [000-00012] DATA',
  '[SMTP] 2025/04/01 09:00:12 [000-00012] 354 Enter mail, end with "." on a line by itself',
  '[SMTP] 2025/04/01 09:00:13 [000-00012] 250 OK',
  '[SMTP] 2025/04/01 09:00:13 [000-00012] QUIT',
  '[SMTP] 2025/04/01 09:00:13 [000-00012] 221 2.0.0 mail.example.jp closing connection',
  '[SMTP] 2025/04/01 09:00:13 [000-00012] Disconnect from 192.0.2.10(192.0.2.10)',
  '[SMTP] 2025/04/01 09:00:14 [000-00015] Connect from 192.0.2.11(192.0.2.11)',
  '[SMTP] 2025/04/01 09:00:14 [001-00013] MAIL FROM:<info@example.com>',
  '[SMTP] 2025/04/01 09:00:14 [001-00013] 250 2.1.0 <info@example.com>... Sender ok',
  '[SMTP] 2025/04/01 09:00:14 [000-00015] 無条件接続許可ホスト(IP)',
  '[SMTP] 2025/04/01 09:00:14 [001-00013] RCPT TO:<someone@example.org>',
  '[SMTP] 2025/04/01 09:00:14 [001-00013] 550 5.7.1 <someone@example.org>... Relaying denied',
  '[SMTP] 2025/04/01 09:00:14 [001-00013] 中継を拒否しました。(someone@example.org)',
  '[SMTP] 2025/04/01 09:00:15 [000-00015] QUIT',
  '[SMTP] 2025/04/01 09:00:15 [001-00013] QUIT',
  '[SMTP] 2025/04/01 09:00:15 [000-00015] Disconnect from 192.0.2.11(192.0.2.11)',
  '[SMTP] 2025/04/01 09:00:16 [001-00013] Disconnect from mail.example.com(198.51.100.7)',
];

const REPORT_TABS = [
  '2025/04/01 09:00:00\ttaro@example.jp\thanako@example.com\t0',
  '2025/04/01 09:05:12\tjiro@example.jp\tinfo@example.net\t-4',
  '2025/04/01 09:07:30\t<>\tsato@example.jp\t-1',
  '2025/04/01 09:10:00\tsales@example.jp\tuser1@example.org\t-7',
  '2025/04/01 09:12:00\tsupport@example.jp\tuser2@example.co.jp\t-99',
];

const REPORT_COMMAS = [
  '2025/04/01 09:00:00,taro@example.jp,hanako@example.com,0',
  '2025/04/01 09:05:12,<jiro@example.jp>,<info@example.net>,-4',
  '2025/04/01 09:07:30,<>,sato@example.jp,-13',
  '2025/04/01 09:20:00,,kato@example.jp,-5',
];

const REPORT_SPACES = [
  '2025/04/01 09:00:00   taro@example.jp   hanako@example.com   0',
  '2025/04/01 09:01:00  <jiro@example.jp>  <info@example.net>  -4',
  '2025/04/01 09:02:00 <suzuki@example.jp>     user3@example.org -17',
  '2025/04/01 09:03:00    <>    sato@example.jp    -1',
  '2025/04/01 09:04:00        kato@example.jp      -12',
];

const REPORT_PREFIXED = [
  '[MTA] 2025/04/01 09:00:00\ttaro@example.jp\thanako@example.com\t0\tmx.example.com',
  '[MTA] 2025/04/01 09:05:12\tjiro@example.jp\tinfo@example.net\t-4\t配信先サーバが RCPT TO にエラー応答しました。',
  '[MTA] 2025/04/01 09:07:30\t<>\tsato@example.jp\t-16\tmx1.example.net',
];

/** Far beyond any read slice, so one line spans many slices and multi-byte characters straddle them. */
const HUGE_LINE_BYTES = 200 * 1024;

/** What expected.json says of each log fixture (src/ingest/fixtures.test.ts checks it). */
export interface FixtureExpectation {
  encoding: 'shift_jis' | 'utf-8';
  bom: boolean;
  eol: 'CRLF' | 'LF';
  finalNewline: boolean;
  lines: number;
  unparsed: number;
}

interface Fixture {
  name: string;
  bytes: Buffer;
  /** Counted here; undefined for the binary file, which is not a log. */
  expected?: FixtureExpectation;
}

function sjis(s: string): Buffer {
  const b = iconv.encode(s, 'cp932');
  if (iconv.decode(b, 'cp932') !== s) throw new Error(`not representable in CP932: ${s}`);
  return b;
}

function sjisFile(name: string, lines: string[], unparsed = 0): Fixture {
  return {
    name,
    bytes: sjis(lines.join('\r\n') + '\r\n'),
    expected: {
      encoding: 'shift_jis',
      bom: false,
      eol: 'CRLF',
      finalNewline: true,
      lines: lines.length,
      unparsed,
    },
  };
}

/** Valid lines mixed with unparsed ones, a 200 KB line and a line holding a lone 0x80 byte. */
function mixedGarbage(): Fixture {
  const unit = 'ログ行が非常に長い場合のテストです。0123456789 ';
  const head = '[SMTP] 2025/04/01 10:00:02 [000] ';
  // Odd-length unit (47 bytes in CP932): the 2-byte characters land on every slice alignment.
  const repeats = Math.floor((HUGE_LINE_BYTES - head.length) / sjis(unit).length);
  const body = unit.repeat(repeats);
  const parts: (string | Buffer)[] = [
    '[SMTP] 2025/04/01 10:00:00 SMTP サービスを開始しました。(Debug Level2)',
    '----',
    '[SMTP] 2025/04/01 10:00:01 [000] Connect from 192.0.2.10(192.0.2.10)',
    'ログファイルの書き込み中にエラーが発生しました',
    '[SMTP] 2025/04/01 10:00:01 [000] EHLO pc01',
    '[SMTP] 2025/',
    head + body,
    '   at PMailServer.ThreadProc.Execute()',
    Buffer.concat([
      sjis('[SMTP] 2025/04/01 10:00:03 [000] 不正なバイト('),
      Buffer.from([0x80]),
      sjis(')を含む行'),
    ]),
    '[SMTP] 2025/13/01 10:00:03 [000] month 13 is not a date',
    '[SMTP] 2025/04/01 10:00:03 [000] QUIT',
    '[SMTP] 2025/04/01 10:00:04 [000] Disconnect from 192.0.2.10(192.0.2.10)',
  ];
  const crlf = Buffer.from('\r\n');
  const bytes = Buffer.concat(parts.flatMap((p) => [typeof p === 'string' ? sjis(p) : p, crlf]));
  return {
    name: 'mixed-garbage.sjis.log',
    bytes,
    expected: {
      encoding: 'shift_jis',
      bom: false,
      eol: 'CRLF',
      finalNewline: true,
      lines: parts.length,
      unparsed: 4,
    },
  };
}

/** A PNG-like header, runs of NULs and seeded noise: what a user drops by mistake. */
function binary(): Fixture {
  const rng = new Rng(0xb1);
  const noise = Buffer.alloc(1024);
  for (let i = 0; i < noise.length; i++) noise[i] = rng.chance(0.3) ? 0 : rng.int(0, 255);
  const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { name: 'binary.bin', bytes: Buffer.concat([header, Buffer.alloc(64), noise, Buffer.alloc(64)]) };
}

export function buildFixtures(): Fixture[] {
  const vendorText = VENDOR_SAMPLE.join('\r\n') + '\r\n';
  const vendor = { lines: VENDOR_SAMPLE.length, unparsed: 0 };
  return [
    sjisFile('vendor-sample.sjis.log', VENDOR_SAMPLE),
    {
      name: 'vendor-sample.utf8-bom.log',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(vendorText, 'utf8')]),
      expected: { encoding: 'utf-8', bom: true, eol: 'CRLF', finalNewline: true, ...vendor },
    },
    {
      name: 'vendor-sample.utf8.log',
      bytes: Buffer.from(VENDOR_SAMPLE.join('\n'), 'utf8'),
      expected: { encoding: 'utf-8', bom: false, eol: 'LF', finalNewline: false, ...vendor },
    },
    sjisFile('format-1.26.sjis.log', FORMAT_126),
    sjisFile('format-1.88a.sjis.log', FORMAT_188A),
    sjisFile('report-tabs.sjis.log', REPORT_TABS),
    sjisFile('report-commas.sjis.log', REPORT_COMMAS),
    sjisFile('report-spaces.sjis.log', REPORT_SPACES),
    sjisFile('report-prefixed.sjis.log', REPORT_PREFIXED),
    mixedGarbage(),
    binary(),
  ];
}

export function writeFixtures(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const fixtures = buildFixtures();
  const expected: Record<string, Fixture['expected']> = {};
  const written: string[] = [];
  for (const f of fixtures) {
    writeFileSync(join(outDir, f.name), f.bytes);
    written.push(join(outDir, f.name));
    if (f.expected) expected[f.name] = f.expected;
  }
  writeFileSync(join(outDir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  written.push(join(outDir, 'expected.json'));
  return written;
}

function main(argv: string[]): void {
  let out = DEFAULT_FIXTURE_DIR;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}; usage: make-fixtures.ts [--out DIR]`);
  }
  for (const path of writeFixtures(out)) console.log(path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2));
}
