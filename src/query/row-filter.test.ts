import { describe, expect, it } from 'vitest';
import { encodeTerm } from '../ingest/encode-term';
import { build, crlf, sjis, utf8 } from '../ingest/test-support/build';
import { LineKind } from '../model/line-kind';
import { Outcome } from '../model/log-index';
import { rowBytes } from './row-bytes';
import type { RowFilter } from './view-query';
import { selectionIds, selectionSize, selectItems } from './view-selection';

const SMTP = [
  '[SMTP] 2025/04/01 08:00:00 SMTP サービスを開始しました。(Debug Level3)',
  '[SMTP] 2025/04/01 08:00:01 [000] Connect from pc1.example.jp(192.0.2.10)',
  '[SMTP] 2025/04/01 08:00:01 [000] MAIL FROM:<Taro@Example.jp>',
  '[SMTP] 2025/04/01 08:00:02 [000] RCPT TO:<x@example.com>',
  '[SMTP] 2025/04/01 08:00:02 [000] 550 5.7.1 Relaying denied',
  '[SMTP] 2025/04/01 08:00:02 [000] 中継を拒否しました。(x@example.com)',
  '[SMTP] 2025/04/01 08:00:03 [000] Disconnect from pc1.example.jp(192.0.2.10)',
  '[SMTP] 2025/04/01 09:00:00 [000] Connect from 198.51.100.7(198.51.100.7)',
  '[SMTP] 2025/04/01 09:00:01 [000] 無条件接続許可ホスト(IP) ァ',
  '[SMTP] 2025/04/01 09:00:02 [000] Disconnect from 198.51.100.7(198.51.100.7)',
];
const POP3 = [
  '[POP3] 2025/04/01 08:30:00 [001-00010] Connect from pc2(192.0.2.11)',
  '[POP3] 2025/04/01 08:30:01 [001-00010] USER hanako',
  '[POP3] 2025/04/01 08:30:01 [001-00010] -ERR Authentication failed',
  '[POP3] 2025/04/01 08:30:02 [001-00010] Disconnect from pc2(192.0.2.11)',
];

const utc = (h: number, m: number, s: number) => Date.UTC(2025, 3, 1, h, m, s) / 1000;

/** The text of the rows a filter keeps, in timeline order, and its facets. */
async function filtered(filter: RowFilter, smtpEncoding: 'sjis' | 'utf8' = 'sjis') {
  const encode = smtpEncoding === 'sjis' ? sjis : utf8;
  const { index } = await build([
    ['smtp.log', encode(crlf(SMTP))],
    ['pop3.log', utf8(crlf(POP3))],
  ]);
  const selection = await selectItems(
    index,
    { source: 'rows', filter },
    { pause: async () => {}, stopped: () => false },
    encodeTerm,
  );
  if (!selection) throw new Error('stopped');
  const rows = selectionIds(index, selection, 0, selectionSize(selection), () => new Uint32Array(0));
  const decoder = new TextDecoder(smtpEncoding === 'sjis' ? 'shift_jis' : 'utf-8');
  const text = Array.from(rows, (r) => {
    const line = rowBytes(index, r);
    return (index.files[0].firstRow + index.files[0].lines > r ? decoder : new TextDecoder()).decode(line);
  });
  return { text, facets: selection.facets, index };
}

const tail = (lines: string[]) => lines.map((l) => l.slice(l.indexOf(':') + 6));

describe('row filters, evaluated over the columns', () => {
  it('keeps the services and kinds asked for, and counts each facet without its own part', async () => {
    const { text, facets, index } = await filtered({ services: ['SMTP'], kinds: [LineKind.Connect] });
    expect(tail(text)).toEqual([
      ' [000] Connect from pc1.example.jp(192.0.2.10)',
      ' [000] Connect from 198.51.100.7(198.51.100.7)',
    ]);
    expect(facets?.services[index.services.indexOf('POP3')]).toBe(1);
    expect(facets?.kinds[LineKind.Disconnect]).toBe(2);
  });

  it('keeps a time range, start included and end excluded', async () => {
    const { text } = await filtered({ from: utc(8, 0, 2), to: utc(8, 30, 1) });
    expect(text).toHaveLength(5);
    expect(text[0]).toContain('RCPT TO');
    expect(text.at(-1)).toContain('[001-00010] Connect');
  });

  it('chooses sessions by thread and JobID, id, peer, address and outcome, and shows all their lines', async () => {
    expect((await filtered({ thread: 1, jobId: 10 })).text).toHaveLength(4);
    expect((await filtered({ session: 0 })).text).toHaveLength(6);
    expect((await filtered({ peer: '198.51.100' })).text).toHaveLength(3);
    expect((await filtered({ peer: 'PC1.EXAMPLE' })).text).toHaveLength(6);
    expect((await filtered({ address: 'taro@example.JP' })).text).toHaveLength(6);
    expect((await filtered({ address: 'hanako' })).text).toHaveLength(4);
    expect((await filtered({ outcomes: [Outcome.AuthFailed] })).text).toHaveLength(4);
    expect((await filtered({ outcomes: [Outcome.Ok] })).text).toHaveLength(3);
  });

  it('keeps only errors: failed replies, failure notes, -ERR', async () => {
    const { text } = await filtered({ errorsOnly: true });
    expect(tail(text)).toEqual([
      ' [000] 550 5.7.1 Relaying denied',
      ' [000] 中継を拒否しました。(x@example.com)',
      ' [001-00010] -ERR Authentication failed',
    ]);
  });

  it.each(['sjis', 'utf8'] as const)(
    'finds text case-insensitively in the raw bytes, Japanese included (%s)',
    async (encoding) => {
      expect((await filtered({ text: 'relaying DENIED' }, encoding)).text).toHaveLength(1);
      expect((await filtered({ text: '中継を拒否' }, encoding)).text).toHaveLength(1);
      expect((await filtered({ text: 'connect from' }, encoding)).text).toHaveLength(6);
    },
  );

  it('does not take a Shift_JIS trail byte for the ASCII it looks like', async () => {
    // ァ is 0x83 0x40: its trail byte is the byte of `@`, and its line holds no `@`.
    const { text } = await filtered({ text: '@', services: ['SMTP'] });
    expect(tail(text)).toEqual([
      ' [000] MAIL FROM:<Taro@Example.jp>',
      ' [000] RCPT TO:<x@example.com>',
      ' [000] 中継を拒否しました。(x@example.com)',
    ]);
  });

  it('combines parts with AND', async () => {
    const { text } = await filtered({ services: ['SMTP'], errorsOnly: true, text: 'denied', peer: 'pc1' });
    expect(tail(text)).toEqual([' [000] 550 5.7.1 Relaying denied']);
  });

  it('matches a regular expression on decoded lines, narrowed by the text it needs', async () => {
    const { text } = await filtered({ regex: '5[0-9]{2} 5\\.7\\.[0-9] +Relay' });
    expect(tail(text)).toEqual([' [000] 550 5.7.1 Relaying denied']);
    expect((await filtered({ regex: '拒否しました。\\(x@' })).text).toHaveLength(1);
  });

  it('runs a catastrophic pattern without backtracking, and refuses a pattern RE2 does not accept', async () => {
    // A backtracking engine takes 2^40 steps on this line; RE2 one pass (else the test times out).
    const line = `[SMTP] 2025/04/01 08:00:00 [000] HELO ${'a'.repeat(40)}!`;
    const { index } = await build([['evil.log', utf8(crlf([line]))]]);
    const run = (regex: string) =>
      selectItems(
        index,
        { source: 'rows', filter: { regex } },
        { pause: async () => {}, stopped: () => false },
        encodeTerm,
      );
    const selection = await run('(a+)+$');
    expect(selection?.kind === 'list' && selection.items.length).toBe(0);
    await expect(run('(unclosed')).rejects.toThrow();
  });
});
