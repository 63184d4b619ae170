import { describe, expect, it } from 'vitest';
import { verbOfDetail } from '../model/command-verbs';
import { LineKind, ReplyCode } from '../model/line-kind';
import { Outcome, SessionFlag, type LogIndex } from '../model/log-index';
import { NO_TIME } from '../model/units';
import { fileOfRow, rowBytes, rowsAt } from '../query/row-bytes';
import { decodeBytes } from './codec';
import type { FileError } from './file-error';
import { bytesSource, indexSources, type SliceSource } from './index-files';
import { build, crlf, sjis, utf8 } from './test-support/build';
import { unpack } from './test-support/columns';
import { VENDOR_SAMPLE } from './test-support/vendor-sample';

const text = (index: LogIndex, r: number) =>
  decodeBytes(rowBytes(index, r), index.files[fileOfRow(index, r)].encoding);
const sessionRows = (index: LogIndex, s: number) =>
  unpack(index.rows.session).flatMap((v, r) => (v === s ? [r] : []));
const str = (index: LogIndex, id: number) => (id >= 0 ? index.strings[id] : undefined);

describe('format generations', () => {
  it('reads ≤1.26 lines (no thread) and cuts sessions at Connect/Disconnect in file order', async () => {
    const lines = [
      '[POP3] 2003/01/02 09:00:00 POP3 サービスを開始しました。(Debug Level2)',
      '[POP3] 2003/01/02 09:00:01 Connect from pc1(192.0.2.1)',
      '[POP3] 2003/01/02 09:00:01 USER taro',
      '[POP3] 2003/01/02 09:00:02 PASS ****',
      '[POP3] 2003/01/02 09:00:03 Disconnect from pc1(192.0.2.1)',
      '[POP3] 2003/01/02 09:05:00 Connect from pc2(192.0.2.2)',
      '[POP3] 2003/01/02 09:05:01 USER hanako',
      '[POP3] 2003/01/02 09:05:02 Disconnect from pc2(192.0.2.2)',
    ];
    const { index } = await build([['pop.log', sjis(crlf(lines))]]);
    expect(index.files[0]).toMatchObject({ format: '1.26', level: 2, lines: 8, unparsed: 0 });
    expect(index.sessions.count).toBe(2);
    expect(sessionRows(index, 0)).toEqual([1, 2, 3, 4]);
    expect(sessionRows(index, 1)).toEqual([5, 6, 7]);
    expect(index.sessions.flags[0]).toBe(SessionFlag.BestEffort | SessionFlag.Closed);
    expect(index.sessions.thread[0]).toBe(-1);
    expect(str(index, index.sessions.authUser[1])).toBe('hanako');
    expect(verbOfDetail(index.rows.detail[3])).toBe('PASS');
  });

  it('reads 1.88a [thread-JobId]: one session per pair, even on a reused thread', async () => {
    const lines = [
      '[IMAP4] 2024/03/01 10:00:00 IMAP4 サービスを開始しました。(Debug Level3)',
      '[IMAP4] 2024/03/01 10:00:01 [003-00017] Connect from a.example.jp(198.51.100.7)',
      '[IMAP4] 2024/03/01 10:00:01 [003-00017] * OK IMAP4rev1 ready',
      '[IMAP4] 2024/03/01 10:00:02 [003-00017] A001 LOGIN taro ****',
      '[IMAP4] 2024/03/01 10:00:02 [003-00017] A001 NO LOGIN failed',
      '[IMAP4] 2024/03/01 10:00:03 [003-00017] Disconnect from a.example.jp(198.51.100.7)',
      '[IMAP4] 2024/03/01 10:00:04 [003-00018] Connect from b.example.jp(198.51.100.8)',
      '[IMAP4] 2024/03/01 10:00:04 [003-00018] A001 LOGIN "jiro" ****',
      '[IMAP4] 2024/03/01 10:00:05 [003-00018] A001 OK LOGIN completed',
      '[IMAP4] 2024/03/01 10:00:06 [003-00018] A002 LOGOUT',
      '[IMAP4] 2024/03/01 10:00:06 [003-00018] Disconnect from b.example.jp(198.51.100.8)',
    ];
    const { index } = await build([['imap.log', sjis(crlf(lines))]]);
    expect(index.files[0]).toMatchObject({ format: '1.88a', level: 3 });
    const s = index.sessions;
    expect(s.count).toBe(2);
    expect([s.thread[0], s.jobId[0], s.thread[1], s.jobId[1]]).toEqual([3, 17, 3, 18]);
    expect(s.outcome[0]).toBe(Outcome.AuthFailed);
    expect(s.outcome[1]).toBe(Outcome.Ok);
    expect(str(index, s.authUser[0])).toBe('taro');
    expect(str(index, s.authUser[1])).toBe('jiro');
    expect(index.rows.kind[2]).toBe(LineKind.Reply);
    expect(index.rows.detail[2]).toBe(ReplyCode.ImapUntagged);
    expect(index.rows.kind[3]).toBe(LineKind.Command);
    expect(index.rows.detail[4]).toBe(ReplyCode.ImapNo);
  });

  it('takes the newest layout in a file that mixes generations', async () => {
    const lines = ['[SMTP] 2005/05/18 03:10:41 HELO old', '[SMTP] 2005/05/18 03:10:42 [000] HELO new'];
    const { index } = await build([['mixed.log', sjis(crlf(lines))]]);
    expect(index.files[0].format).toBe('1.27');
  });
});

describe('line kinds', () => {
  it('classifies every kind, with verbs and reply codes', async () => {
    const lines = [
      '[SMTP] 2024/01/01 00:00:00 SMTP サービスを開始しました。(Debug Level3)',
      '[SMTP] 2024/01/01 00:00:01 [000] Connect from mx.example.com(203.0.113.9)',
      '[SMTP] 2024/01/01 00:00:01 [000] 250-mail.example.jp Hello',
      '[SMTP] 2024/01/01 00:00:01 [000] EHLO mx.example.com',
      '[SMTP] 2024/01/01 00:00:02 [000] MAIL FROM:<a@example.com> SIZE=100',
      '[SMTP] 2024/01/01 00:00:02 [000] RCPT TO:<b@example.jp>',
      '[SMTP] 2024/01/01 00:00:02 [000] RCPT TO: c@example.jp',
      '[SMTP] 2024/01/01 00:00:03 [000] 中継許可IPされたアドレス',
      '[SMTP] 2024/01/01 00:00:03 [000] Disconnect from mx.example.com(203.0.113.9)',
      '[SMTP] 2024/01/01 00:00:04 SMTP サービスを停止しました。',
      '[POP3] 2024/01/01 00:00:05 [001] +OK ready',
      '[POP3] 2024/01/01 00:00:05 [001] -ERR no such message',
      'これはログではありません',
      '',
    ];
    const { index } = await build([['k.log', sjis(crlf(lines))]]);
    const K = LineKind;
    expect(Array.from(index.rows.kind)).toEqual([
      K.ServiceStart,
      K.Connect,
      K.Reply,
      K.Command,
      K.Command,
      K.Command,
      K.Command,
      K.Note,
      K.Disconnect,
      K.ServiceStop,
      K.Reply,
      K.Reply,
      K.Unparsed,
      K.Unparsed,
    ]);
    expect(index.rows.detail[0]).toBe(3);
    expect(index.rows.detail[2]).toBe(250);
    expect([3, 4, 5].map((r) => verbOfDetail(index.rows.detail[r]))).toEqual(['EHLO', 'MAIL', 'RCPT']);
    expect(index.rows.detail[10]).toBe(ReplyCode.PopOk);
    expect(index.rows.detail[11]).toBe(ReplyCode.PopErr);
    expect(index.rows.time.at(12)).toBe(NO_TIME);
    const s = index.sessions;
    expect(str(index, s.mailFrom[0])).toBe('a@example.com');
    expect(str(index, s.helo[0])).toBe('mx.example.com');
    const rcpts = Array.from(s.rcptAddr.subarray(s.rcptStart[0], s.rcptStart[1])).map((id) => str(index, id));
    expect(rcpts).toEqual(['b@example.jp', 'c@example.jp']);
    expect(index.files[0].unparsed).toBe(2);
  });

  it('flags auth failures, relay denials and rejections from replies', async () => {
    const lines = [
      '[SMTP] 2024/01/01 00:00:01 [000] Connect from x(192.0.2.1)',
      '[SMTP] 2024/01/01 00:00:01 [000] AUTH LOGIN',
      '[SMTP] 2024/01/01 00:00:01 [000] 535 Authentication failed',
      '[SMTP] 2024/01/01 00:00:01 [001] Connect from y(192.0.2.2)',
      '[SMTP] 2024/01/01 00:00:01 [001] RCPT TO:<z@elsewhere.example>',
      '[SMTP] 2024/01/01 00:00:01 [001] 550 5.7.1 <z@elsewhere.example>... Relaying denied',
      '[SMTP] 2024/01/01 00:00:01 [002] Connect from w(192.0.2.3)',
      '[SMTP] 2024/01/01 00:00:01 [002] 554 Transaction failed',
      '[SMTP] 2024/01/01 00:00:01 [003] Connect from v(192.0.2.4)',
      '[SMTP] 2024/01/01 00:00:01 [003] 451 Try again later',
      '[POP3] 2024/01/01 00:00:01 [000] Connect from p(192.0.2.5)',
      '[POP3] 2024/01/01 00:00:01 [000] USER taro',
      '[POP3] 2024/01/01 00:00:01 [000] PASS ****',
      '[POP3] 2024/01/01 00:00:01 [000] -ERR password incorrect',
    ];
    const { index } = await build([['o.log', sjis(crlf(lines))]]);
    expect(Array.from(index.sessions.outcome)).toEqual([
      Outcome.AuthFailed,
      Outcome.RelayDenied,
      Outcome.Rejected,
      Outcome.Error,
      Outcome.AuthFailed,
    ]);
  });

  it('swaps direction in MTA logs: our commands, the remote host replies', async () => {
    const lines = [
      '[MTA] 2024/01/01 00:00:01 [000] Connect to mx.example.com(203.0.113.5)',
      '[MTA] 2024/01/01 00:00:01 [000] 220 mx.example.com ESMTP',
      '[MTA] 2024/01/01 00:00:01 [000] EHLO mail.example.jp',
      '[MTA] 2024/01/01 00:00:02 [000] 550 5.1.1 User unknown',
      '[MTA] 2024/01/01 00:00:02 [000] Disconnect from mx.example.com(203.0.113.5)',
    ];
    const { index } = await build([['mta.log', sjis(crlf(lines))]]);
    expect(Array.from(index.rows.kind)).toEqual([
      LineKind.Connect,
      LineKind.Reply,
      LineKind.Command,
      LineKind.Reply,
      LineKind.Disconnect,
    ]);
    expect(index.sessions.count).toBe(1);
    expect(str(index, index.sessions.peerHost[0])).toBe('mx.example.com');
    expect(index.sessions.outcome[0]).toBe(Outcome.Rejected);
  });
});

describe('session rebuilding', () => {
  it('splits a reused thread into one session per connection and keeps a partial start', async () => {
    const lines = [
      '[SMTP] 2024/01/01 00:00:00 [005] QUIT',
      '[SMTP] 2024/01/01 00:00:00 [005] Disconnect from early(192.0.2.9)',
      '[SMTP] 2024/01/01 00:00:01 [005] Connect from a(192.0.2.1)',
      '[SMTP] 2024/01/01 00:00:01 [006] Connect from b(192.0.2.2)',
      '[SMTP] 2024/01/01 00:00:02 [005] HELO a',
      '[SMTP] 2024/01/01 00:00:02 [006] HELO b',
      '[SMTP] 2024/01/01 00:00:03 [005] Disconnect from a(192.0.2.1)',
      '[SMTP] 2024/01/01 00:00:04 [005] Connect from c(192.0.2.3)',
      '[SMTP] 2024/01/01 00:00:05 [005] HELO c',
      '[SMTP] 2024/01/01 00:00:06 [005] Disconnect from c(192.0.2.3)',
      '[SMTP] 2024/01/01 00:00:07 [006] Disconnect from b(192.0.2.2)',
    ];
    const { index } = await build([['t.log', sjis(crlf(lines))]]);
    const s = index.sessions;
    expect(s.count).toBe(4);
    expect(s.flags[0]).toBe(SessionFlag.Partial | SessionFlag.Closed);
    expect([1, 2, 3].map((i) => str(index, s.helo[i]))).toEqual(['a', 'b', 'c']);
    expect(sessionRows(index, 1)).toEqual([2, 4, 6]);
    expect(sessionRows(index, 3)).toEqual([7, 8, 9]);
    expect(sessionRows(index, 2)).toEqual([3, 5, 10]);
    expect([s.firstTime[3], s.lastTime[3]].map((t) => t % 86400)).toEqual([4, 6]);
  });

  it('closes open sessions when the service restarts', async () => {
    const lines = [
      '[SMTP] 2024/01/01 00:00:01 [000] Connect from a(192.0.2.1)',
      '[SMTP] 2024/01/01 00:00:02 SMTP サービスを開始しました。(Debug Level1)',
      '[SMTP] 2024/01/01 00:00:03 [000] HELO after-restart',
    ];
    const { index } = await build([['r.log', sjis(crlf(lines))]]);
    expect(index.sessions.count).toBe(2);
    expect(index.sessions.flags[1]).toBe(SessionFlag.Partial);
    expect(index.files[0].level).toBe(1);
  });
});

describe('lines and bytes', () => {
  const body = [
    '[SMTP] 2024/01/01 00:00:01 [000] HELO a',
    '',
    'x\ry',
    '[SMTP] 2024/01/01 00:00:02 [000] QUIT',
  ];

  it('splits on CRLF and LF alike, keeps empty lines and lone CRs, counts a last line without newline', async () => {
    const mixed = utf8(body[0] + '\r\n' + body[1] + '\n' + body[2] + '\n' + body[3]);
    for (const sliceSize of [1, 2, 3, 100]) {
      const { index } = await build([['m.log', mixed]], { sliceSize });
      expect(index.rows.count).toBe(4);
      expect([0, 1, 2, 3].map((r) => text(index, r))).toEqual(body);
    }
  });

  it('does not invent a row after a final newline', async () => {
    const { index } = await build([['f.log', utf8('a\nb\n')]]);
    expect(index.rows.count).toBe(2);
    expect(text(index, 1)).toBe('b');
  });

  it('keeps an enormous line as one row, with its exact bytes', async () => {
    const huge = '[SMTP] 2024/01/01 00:00:01 [000] ' + 'あ'.repeat(300_000);
    const bytes = sjis(crlf(['[SMTP] 2024/01/01 00:00:00 [000] HELO a', huge, 'tail']));
    const { index } = await build([['h.log', bytes]], { sliceSize: 64 * 1024 });
    expect(index.rows.count).toBe(3);
    expect(text(index, 1)).toBe(huge);
    expect(index.rows.kind[1]).toBe(LineKind.Note);
  });

  it('keeps lines with more service tags than the column holds, as unparsed rows', async () => {
    // Two files of 200 distinct tags each: the one-byte service column holds 254 besides "none"
    // and REPORT, across the whole load.
    const tags = (from: number) =>
      Array.from(
        { length: 200 },
        (_, i) => `[T${from + i}] 2024/01/01 00:00:00 [000] Connect from h(192.0.2.1)`,
      );
    const { index, errors } = await build([
      ['a.log', utf8(crlf(tags(0)))],
      ['b.log', utf8(crlf(tags(200)))],
    ]);
    expect(errors).toEqual([]);
    expect(index.rows.count).toBe(400);
    expect(index.files.map((f) => f.unparsed)).toEqual([0, 146]);
    expect(index.rows.kind[399]).toBe(LineKind.Unparsed);
    expect(index.rows.service[399]).toBe(0);
    expect([index.rows.time.at(399), index.rows.session.at(399)]).toEqual([NO_TIME, -1]);
    expect(index.rows.time.at(0)).not.toBe(NO_TIME);
    expect(index.rows.session.at(0)).not.toBe(-1);
    expect(text(index, 399)).toBe('[T399] 2024/01/01 00:00:00 [000] Connect from h(192.0.2.1)');
  });

  it('finds every row of files that start between two kept line starts, with a BOM, empty lines and CRs', async () => {
    // Only every 16th row's start is kept: rows in between are found by counting newlines, from
    // the kept start or from the file's first line (after its BOM) when that is nearer.
    const lines = (tag: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        i % 5 === 3
          ? ''
          : i % 7 === 4
            ? 'x\ry'
            : `[${tag}] 2024/01/01 00:00:${String(i).padStart(2, '0')} [000] NOOP`,
      );
    const a = lines('A', 7);
    const b = lines('B', 40);
    const c = lines('C', 23);
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf);
    const bBytes = utf8(b.join('\n') + '\n');
    const files: Array<[string, Uint8Array]> = [
      ['a.log', utf8(a.join('\n'))],
      ['bad.log', Uint8Array.of(0x41, 0x00, 0x00, 0x00, 0x0a)],
      ['b.log', new Uint8Array([...bom, ...bBytes])],
      ['c.log', sjis(c.join('\r\n') + '\r\n')],
    ];
    const expected = [...a, ...b, ...c];
    for (const sliceSize of [3, 17, 1000]) {
      const { index, errors } = await build(files, { sliceSize });
      expect(errors.map((e) => e.fileName)).toEqual(['bad.log']);
      expect(index.files.map((f) => [f.name, f.firstRow, f.firstLineAt])).toEqual([
        ['a.log', 0, 0],
        ['b.log', 7, 3],
        ['c.log', 47, 0],
      ]);
      // Bytes, not decoded text: a decoder would hide a BOM left on the first row.
      const rows = Array.from({ length: index.rows.count }, (_, r) => Array.from(rowBytes(index, r)));
      expect(rows).toEqual(expected.map((l) => Array.from(utf8(l))));
    }
  });

  it('gives an empty file no rows and no error', async () => {
    const { index, errors } = await build([['empty.log', new Uint8Array(0)]]);
    expect(errors).toEqual([]);
    expect(index.files[0].lines).toBe(0);
  });
});

describe('encodings', () => {
  const sample = crlf(VENDOR_SAMPLE);

  it('detects UTF-8 with and without BOM, and Shift_JIS, per file', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(sample)]);
    const { index } = await build([
      ['a.log', bom],
      ['b.log', utf8(sample)],
      ['c.log', sjis(sample)],
    ]);
    expect(index.files.map((f) => [f.encoding, f.encodingSource])).toEqual([
      ['utf-8', 'bom'],
      ['utf-8', 'detected'],
      ['shift_jis', 'detected'],
    ]);
    expect(index.sessions.count).toBe(6);
    expect(text(index, 15 + 3)).toBe(VENDOR_SAMPLE[3]);
    expect(text(index, 30 + 3)).toBe(VENDOR_SAMPLE[3]);
  });

  it('decides when the first Japanese text comes late, even split across slices', async () => {
    const ascii = Array.from(
      { length: 50 },
      (_, i) => `[SMTP] 2024/01/01 00:00:${String(i).padStart(2, '0')} [000] NOOP`,
    );
    const bytes = utf8(crlf([...ascii, '[SMTP] 2024/01/01 00:01:00 [000] 中継許可IPされたアドレス']));
    for (const sliceSize of [1, 2, 3, 100]) {
      const { index } = await build([['late.log', bytes]], { sliceSize });
      expect(index.files[0].encoding).toBe('utf-8');
      expect(text(index, 50)).toContain('中継許可');
    }
  });

  it('decides UTF-8 from one character cut by any slice boundary, past the first lines too', async () => {
    const lines = Array.from({ length: 205 }, (_, i) => `[SMTP] 2025/04/01 08:00:00 [001] NOOP ${i}`);
    lines[201] = '[SMTP] 2025/04/01 08:00:01 [001] 受';
    const bytes = utf8(crlf(lines));
    for (let sliceSize = 1; sliceSize <= 400; sliceSize++) {
      const { index } = await build([['late.log', bytes]], { sliceSize });
      expect([sliceSize, index.files[0].encoding, index.files[0].encodingSource]).toEqual([
        sliceSize,
        'utf-8',
        'detected',
      ]);
    }
  });

  it('treats a pure-ASCII file as Shift_JIS by default and honours an override', async () => {
    const { index } = await build([['ascii.log', utf8('hello\n')]]);
    expect(index.files[0]).toMatchObject({ encoding: 'shift_jis', encodingSource: 'default' });
    const forced = await build([['f.log', sjis(sample)]], { encoding: 'utf-8' });
    expect(forced.index.files[0]).toMatchObject({ encoding: 'utf-8', encodingSource: 'override' });
  });
});

describe('files', () => {
  it('refuses binary and UTF-16 files with a message and loads the others', async () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x14, 0]);
    const utf16 = new Uint8Array([0xff, 0xfe, 0x41, 0x00]);
    const { index, errors } = await build([
      ['image.png', binary],
      ['smtp.log', sjis(crlf(VENDOR_SAMPLE))],
      ['u16.log', utf16],
    ]);
    expect(errors.map((e) => [e.fileName, e.problem])).toEqual([
      ['image.png', { code: 'binary', offset: 4 }],
      ['u16.log', { code: 'utf-16' }],
    ]);
    expect(index.files.map((f) => f.name)).toEqual(['smtp.log']);
    expect(index.rows.count).toBe(15);
    expect(index.sessions.count).toBe(2);
  });

  it('refuses a file that ends before its size, or grows while read, and loads the others', async () => {
    const whole = sjis(crlf(VENDOR_SAMPLE));
    const shrunk: SliceSource = {
      name: 'cut.log',
      size: whole.length + 10,
      read: async (s, e) => whole.subarray(s, e),
    };
    let reads = 0;
    const grown: SliceSource = {
      name: 'grown.log',
      size: whole.length,
      // The second read returns more than asked: the file was appended to between the reads.
      read: async (s, e) =>
        ++reads === 2 ? sjis(crlf([...VENDOR_SAMPLE, ...VENDOR_SAMPLE])).subarray(s) : whole.subarray(s, e),
    };
    const errors: FileError[] = [];
    const index = await indexSources([shrunk, bytesSource('ok.log', whole), grown], {
      sliceSize: 64,
      onFileError: (_i, e) => errors.push(e),
    });
    expect(errors.map((e) => [e.fileName, e.problem])).toEqual([
      ['cut.log', { code: 'truncated', read: whole.length, size: whole.length + 10 }],
      ['grown.log', { code: 'changed' }],
    ]);
    expect(index.files.map((f) => f.name)).toEqual(['ok.log']);
    expect(index.rows.count).toBe(15);
  });

  it('merges files into one timeline without reordering lines inside a file', async () => {
    // File a is not monotonic (03 before 02); b interleaves with it.
    const a = [
      '[SMTP] 2024/01/01 00:00:01 [000] A1',
      '[SMTP] 2024/01/01 00:00:03 [000] A3',
      '[SMTP] 2024/01/01 00:00:02 [000] A2',
    ];
    const b = ['[POP3] 2024/01/01 00:00:02 [000] B2', 'garbage B', '[POP3] 2024/01/01 00:00:04 [000] B4'];
    const { index } = await build([
      ['a.log', sjis(crlf(a))],
      ['b.log', sjis(crlf(b))],
    ]);
    const order = Array.from(rowsAt(index, 0, index.rows.count)).map((r) => text(index, r).slice(-2));
    expect(order).toEqual(['A1', 'B2', ' B', 'A3', 'A2', 'B4']);
  });

  it('recognises the report log by content and fills the report table', async () => {
    const report = [
      '2024/01/01 10:00:00\ta@example.jp\tb@example.com\t0',
      '2024/01/01 10:00:01\t<>\tc@example.jp\t-4',
      '2024/01/01 10:00:02\ta@example.jp\td@example.org\t-99',
      'not an entry',
    ];
    const { index } = await build([['whatever.txt', sjis(crlf(report))]]);
    expect(index.files[0]).toMatchObject({
      kind: 'report',
      format: null,
      level: null,
      lines: 4,
      unparsed: 1,
    });
    const r = index.report;
    expect(r.count).toBe(3);
    expect(Array.from(r.code)).toEqual([0, -4, -99]);
    expect(r.sender[1]).toBe(-1);
    expect(str(index, r.recipient[2])).toBe('d@example.org');
    expect(str(index, r.domain[0])).toBe('example.com');
    expect(index.rows.kind[0]).toBe(LineKind.Report);
  });
});
