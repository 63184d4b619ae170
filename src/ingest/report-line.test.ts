import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { newReportFields, parseReportLine, type ReportFields } from './test-support/report-line';

const T = Date.UTC(2024, 0, 1, 10, 0, 0) / 1000;
const D = '2024/01/01 10:00:00';

// Bytes around the line that would change the result if the parser strayed outside [start, end):
// a glued `7` would turn a code `0` into `07` = 7, or a `<c@d>` into the non-address `<c@d>7`.
const PREFIX = Buffer.from('2099/12/31 23:59:59\t<pre@fix>\t<pre2@fix>\t7\n9', 'latin1');
const SUFFIX = Buffer.from('7\t-5\t<post@fix>', 'latin1');

interface Parsed {
  time: number;
  /** Byte strings (latin1), so non-ASCII bytes can be compared exactly. */
  sender: string;
  recipient: string;
  domain: string;
  code: number;
}

function run(b: Uint8Array, start: number, end: number): Parsed | null {
  const out = newReportFields();
  if (!parseReportLine(b, start, end, out)) return null;
  expect(out.senderStart).toBeGreaterThanOrEqual(start);
  expect(out.senderEnd).toBeGreaterThanOrEqual(out.senderStart);
  expect(out.recipientStart).toBeGreaterThanOrEqual(
    out.senderStart === out.senderEnd ? start : out.senderEnd,
  );
  expect(out.recipientEnd).toBeGreaterThan(out.recipientStart);
  expect(out.recipientEnd).toBeLessThanOrEqual(end);
  expect(out.domainStart).toBeGreaterThan(out.recipientStart);
  expect(out.domainStart).toBeLessThanOrEqual(out.recipientEnd);
  const s = (a: number, z: number) => Buffer.from(b.subarray(a, z)).toString('latin1');
  return {
    time: out.time,
    sender: s(out.senderStart, out.senderEnd),
    recipient: s(out.recipientStart, out.recipientEnd),
    domain: s(out.domainStart, out.recipientEnd),
    code: out.code,
  };
}

/** Parses the line alone and inside a larger buffer; both must agree. */
function parse(line: string | Uint8Array): Parsed | null {
  const bytes = typeof line === 'string' ? Buffer.from(line, 'utf8') : line;
  const alone = run(bytes, 0, bytes.length);
  const big = new Uint8Array(PREFIX.length + bytes.length + SUFFIX.length);
  big.set(PREFIX, 0);
  big.set(bytes, PREFIX.length);
  big.set(SUFFIX, PREFIX.length + bytes.length);
  const inside = run(big, PREFIX.length, PREFIX.length + bytes.length);
  expect(inside).toEqual(alone);
  return alone;
}

const sjis = (s: string) => iconv.encode(s, 'cp932');
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('parseReportLine: separators', () => {
  it('reads a tab-separated entry with <> addresses', () => {
    expect(parse(`${D}\t<a@b.jp>\t<c@d.example.jp>\t0`)).toEqual({
      time: T,
      sender: 'a@b.jp',
      recipient: 'c@d.example.jp',
      domain: 'd.example.jp',
      code: 0,
    });
  });

  it('reads commas, with or without padding spaces', () => {
    const want = { time: T, sender: 'a@b.jp', recipient: 'c@d.jp', domain: 'd.jp', code: -4 };
    expect(parse(`${D},a@b.jp,c@d.jp,-4`)).toEqual(want);
    expect(parse(`${D}, a@b.jp , c@d.jp , -4`)).toEqual(want);
  });

  it('reads single spaces and runs of spaces', () => {
    const want = { time: T, sender: 'a@b.jp', recipient: 'c@d.jp', domain: 'd.jp', code: -7 };
    expect(parse(`${D} a@b.jp c@d.jp -7`)).toEqual(want);
    expect(parse(`${D}    <a@b.jp>     c@d.jp   -7   `)).toEqual(want);
  });

  it('reads mixed bare and bracketed addresses', () => {
    expect(parse(`${D}\ta@b.jp\t<c@d.jp>\t-1`)).toMatchObject({ sender: 'a@b.jp', recipient: 'c@d.jp' });
    expect(parse(`${D}\t<a@b.jp>\tc@d.jp\t-1`)).toMatchObject({ sender: 'a@b.jp', recipient: 'c@d.jp' });
  });

  it('ignores a stray CR and a UTF-8 BOM', () => {
    expect(parse(`${D}\ta@b\tc@d\t-2\r`)).toMatchObject({ code: -2 });
    expect(parse(`\uFEFF${D}\ta@b\tc@d\t-2`)).toMatchObject({ time: T, code: -2 });
  });

  it('takes the domain after the last @', () => {
    expect(parse(`${D}\ta@b\tx@y@z.jp\t0`)).toMatchObject({ recipient: 'x@y@z.jp', domain: 'z.jp' });
  });
});

describe('parseReportLine: empty sender', () => {
  const want = { time: T, sender: '', recipient: 'c@d.jp', domain: 'd.jp', code: -6 };

  it('reads <> with tabs, commas and spaces', () => {
    expect(parse(`${D}\t<>\t<c@d.jp>\t-6`)).toEqual(want);
    expect(parse(`${D},<>,c@d.jp,-6`)).toEqual(want);
    expect(parse(`${D}  <>  c@d.jp  -6`)).toEqual(want);
  });

  it('reads an empty field between tabs or commas', () => {
    expect(parse(`${D}\t\t<c@d.jp>\t-6`)).toEqual(want);
    expect(parse(`${D},,c@d.jp,-6`)).toEqual(want);
    expect(parse(`${D}, , c@d.jp, -6`)).toEqual(want);
  });

  it('keeps the empty field when a message-id column follows', () => {
    expect(parse(`${D}\t\tc@d.jp\t-6\t<20240101.1234@mx.b.jp>`)).toEqual(want);
  });

  it('takes a lone address for the recipient', () => {
    expect(parse(`${D} c@d.jp -6`)).toEqual(want);
  });

  it('refuses a line with no recipient', () => {
    expect(parse(`${D}\t<>\t-6`)).toBeNull();
    expect(parse(`${D}\ta@b.jp\t<>\t-6`)).toBeNull();
  });
});

describe('parseReportLine: extra columns', () => {
  it('skips a [MTA] prefix', () => {
    expect(parse(`[MTA] ${D}\t<a@b>\t<c@d>\t0`)).toMatchObject({ time: T, sender: 'a@b', recipient: 'c@d' });
    expect(parse(`[MTA]\t${D}\t\t<c@d>\t-9`)).toMatchObject({ sender: '', recipient: 'c@d', code: -9 });
  });

  it('skips an extra column before the addresses', () => {
    expect(parse(`${D}\tQ0001\ta@b\tc@d\t-3`)).toMatchObject({ sender: 'a@b', recipient: 'c@d', code: -3 });
    expect(parse(`1\t${D}\ta@b\tc@d\t-3`)).toMatchObject({ code: -3 });
    // An integer-looking column before: the field after the recipient still wins.
    expect(parse(`${D}\t17\ta@b\tc@d\t-3`)).toMatchObject({ code: -3 });
  });

  it('skips an extra column after the code', () => {
    expect(parse(`${D}\ta@b\tc@d\t0\t2048`)).toMatchObject({ recipient: 'c@d', code: 0 });
    expect(parse(`${D}\ta@b\tc@d\t0\t123456`)).toMatchObject({ code: 0 });
    expect(parse(`${D}\ta@b\tc@d\t0\t<20240101.1@mx.b>`)).toMatchObject({ recipient: 'c@d', code: 0 });
    expect(parse(`${D}\ta@b\tc@d\t0\tsent ok 250`)).toMatchObject({ code: 0 });
  });

  it('takes the last code before the recipient when none follows', () => {
    expect(parse(`${D}\t-6\ta@b\tc@d`)).toMatchObject({ code: -6 });
    expect(parse(`${D}\t5\t-6\ta@b\tc@d\tdone`)).toMatchObject({ code: -6 });
    expect(parse(`${D}\ta@b\t-8\tc@d`)).toMatchObject({ code: -8 });
  });

  it('reads the addresses and code before the date', () => {
    expect(parse(`a@b\tc@d\t-10\t${D}`)).toMatchObject({
      time: T,
      sender: 'a@b',
      recipient: 'c@d',
      code: -10,
    });
  });
});

describe('parseReportLine: codes', () => {
  it('reads 0 and every documented negative code', () => {
    for (let code = 0; code >= -17; code--) {
      expect(parse(`${D}\ta@b\tc@d\t${code}`)?.code).toBe(code);
    }
  });

  it('keeps codes outside the table', () => {
    for (const code of [-99, 5, 9999, -9999, -18, 250]) {
      expect(parse(`${D}\ta@b\tc@d\t${code}`)?.code).toBe(code);
    }
    expect(parse(`${D}\ta@b\tc@d\t007`)?.code).toBe(7);
  });

  it('does not take part of the date or of an address for a code', () => {
    expect(parse(`${D}\ta@b\tc@d`)).toBeNull();
    expect(parse(`${D}\ta@b\tc@d-0`)).toBeNull();
    expect(parse(`${D}\ta@b\t<c@d>0`)).toBeNull();
    expect(parse(`${D}\ta@b\tc@d\t12345`)).toBeNull();
    expect(parse(`${D}\ta@b\tc@d\t--1`)).toBeNull();
    expect(parse(`${D}\ta@b\tc@d\t-`)).toBeNull();
    expect(parse(`${D}\ta@b\tc@d\t1.5`)).toBeNull();
  });
});

describe('parseReportLine: non-entries', () => {
  it.each([
    ['a service-log line', '[SMTP] 2005/05/18 03:10:41 [000] Connect from a(1.2.3.4)'],
    ['a service start line', '[SMTP] 2005/05/18 03:09:41 SMTP サービスを開始しました。(Debug Level3)'],
    ['an MTA reply with a thread id', '[MTA] 2005/05/18 03:10:41 [001] 250 <a@b> Recipient ok'],
    ['an MTA command with thread and job id', '[MTA] 2005/05/18 03:10:41 [001-00012] RCPT TO:<c@d> 0'],
    ['a blank line', ''],
    ['spaces and tabs only', ' \t , \t'],
    ['garbage', 'lorem ipsum @ <> -- ,,, 12'],
    ['a date without anything', D],
    ['a date without a code', `${D}\ta@b\tc@d\tdelivered`],
    ['a date without addresses', `${D}\t0`],
    ['addresses and code without a date', 'a@b\tc@d\t0'],
    ['a date glued to text', `${D}x\ta@b\tc@d\t0`],
    ['a date split by a tab', '2024/01/01\t10:00:00\ta@b\tc@d\t0'],
    ['brackets not closing an address', `${D}\t<a@b\tc@d>x\t0`],
  ])('refuses %s', (_, line) => {
    expect(parse(line)).toBeNull();
  });

  it('keeps an entry whose date does not exist, with its time marked impossible', () => {
    // The line is still an entry (its code counts); the scanner places it after the line before.
    expect(parse('2024/13/01 10:00:00\ta@b\tc@d\t-4')).toMatchObject({ time: 0xfffffffe, code: -4 });
  });

  it('refuses raw binary bytes', () => {
    const junk = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(parse(junk)).toBeNull();
  });

  it('leaves out untouched when it refuses a line', () => {
    const out: ReportFields = newReportFields();
    out.code = 42;
    const b = Buffer.from(`${D}\ta@b\tc@d`);
    expect(parseReportLine(b, 0, b.length, out)).toBe(false);
    expect(out).toEqual({ ...newReportFields(), code: 42 });
  });
});

describe('parseReportLine: non-ASCII bytes', () => {
  it('reads a Shift_JIS address', () => {
    const line = Buffer.concat([sjis(`${D}\t<山田@例え.jp>\t<ァ@x.jp>\t-13`)]);
    expect(parse(line)).toEqual({
      time: T,
      sender: latin1(sjis('山田@例え.jp')),
      recipient: latin1(sjis('ァ@x.jp')), // ァ is 0x83 0x40: its trail byte is not the address's @
      domain: 'x.jp',
      code: -13,
    });
  });

  it('does not take Shift_JIS text whose trail byte is 0x40 for an address', () => {
    // The full-width space U+3000 (0x81 0x40) and ァ (0x83 0x40) hold the byte of `@`.
    expect(sjis('\u3000ァ').includes(0x40)).toBe(true);
    const line = sjis(`${D}\t件名\u3000ァイル\ta@b\tc@d\t-17\t本文\u3000テスト`);
    expect(parse(line)).toMatchObject({ sender: 'a@b', recipient: 'c@d', code: -17 });
  });

  it('reads a UTF-8 address whose last byte before @ looks like a Shift_JIS lead byte', () => {
    // あ is E3 81 82 in UTF-8; 0x82 is a Shift_JIS lead byte, but the field is valid UTF-8.
    const r = parse(`${D}\t<あ@例え.jp>\tc@d\t0`);
    expect(r?.sender).toBe(latin1(Buffer.from('あ@例え.jp', 'utf8')));
  });

  it('reads Shift_JIS in an extra column', () => {
    const line = sjis(`[MTA] ${D}\t<a@b.jp>\t<c@d.jp>\t-16\t配信タイムアウト`);
    expect(parse(line)).toMatchObject({ sender: 'a@b.jp', recipient: 'c@d.jp', code: -16 });
  });
});

describe('parseReportLine: bounds', () => {
  it('clamps offsets outside the buffer and never throws', () => {
    const b = Buffer.from(`${D}\ta@b\tc@d\t0`);
    const out = newReportFields();
    expect(parseReportLine(b, -5, b.length + 10, out)).toBe(true);
    expect(out.recipientEnd).toBeLessThanOrEqual(b.length);
    expect(parseReportLine(b, 10, 5, out)).toBe(false);
    expect(parseReportLine(b, b.length, b.length, out)).toBe(false);
  });

  it('survives random bytes at random offsets', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = Buffer.from(`${D}\t, <>@-0123456789ab\x81\x40\xe3\x82`, 'latin1');
    const out = newReportFields();
    for (let n = 0; n < 2000; n++) {
      const b = Uint8Array.from({ length: rnd() % 80 }, () => alphabet[rnd() % alphabet.length]);
      const start = rnd() % (b.length + 1);
      const end = start + (rnd() % (b.length - start + 1));
      if (parseReportLine(b, start, end, out)) {
        expect(out.recipientStart).toBeGreaterThanOrEqual(start);
        expect(out.recipientEnd).toBeLessThanOrEqual(end);
        expect(out.senderStart).toBeGreaterThanOrEqual(start);
        expect(out.senderEnd).toBeLessThanOrEqual(end);
      }
    }
  });
});
