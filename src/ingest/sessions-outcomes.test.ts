// Sessions and outcomes as an admin reads them (README "Decisions"): MTA deliveries whole,
// failed connects, results over the worst event, failure notes, impossible dates. Each case runs
// on Shift_JIS and UTF-8 bytes: the scanner matches Japanese words as bytes of either encoding.
import { describe, expect, it } from 'vitest';
import { ConnectDetail, LineKind, NoteDetail } from '../model/line-kind';
import { Outcome, SessionFlag, type LogIndex } from '../model/log-index';
import { NO_TIME } from '../model/units';
import { rowsAt } from '../query/row-bytes';
import { buildRowViews } from '../query/row-view';
import { summarize } from '../query/summary';
import { unpack } from './test-support/columns';
import { build, crlf, sjis, utf8 } from './test-support/build';
import { decodeBytes } from './codec';

const ENCODINGS = [
  ['Shift_JIS', sjis],
  ['UTF-8', utf8],
] as const;

const str = (index: LogIndex, id: number) => (id >= 0 ? index.strings[id] : undefined);
const sessionRows = (index: LogIndex, s: number) =>
  unpack(index.rows.session).flatMap((v, r) => (v === s ? [r] : []));
const peer = (index: LogIndex, s: number) => [
  str(index, index.sessions.peerHost[s]),
  str(index, index.sessions.peerIp[s]),
];
const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
  Date.UTC(y, mo - 1, d, h, mi, s) / 1000;

describe.each(ENCODINGS)('sessions and outcomes (%s)', (_, encode) => {
  const load = (...files: Array<[string, string[]]>) =>
    build(files.map(([name, lines]) => [name, encode(crlf(lines))]));

  describe('MTA deliveries', () => {
    it('keeps a JobID pair one session from its first line to its last, and a pair seen again after it a new one', async () => {
      const { index } = await load([
        'mta.log',
        [
          '[MTA] 2025/04/01 08:01:00 [001-00001] 配信を開始します。(a@example.jp -> b@example.net)',
          '[MTA] 2025/04/01 08:01:00 [001-00001] Connect to mx.example.net(203.0.113.10)',
          '[MTA] 2025/04/01 08:01:02 [001-00001] Disconnect from mx.example.net(203.0.113.10)',
          '[MTA] 2025/04/01 09:00:00 [001-00001] 配信を開始します。(a@example.jp -> c@example.org)',
          '[MTA] 2025/04/01 09:00:00 [001-00001] Connect to mx.example.org(203.0.113.40)',
          '[MTA] 2025/04/01 09:00:01 [001-00001] Disconnect from mx.example.org(203.0.113.40)',
        ],
      ]);
      const s = index.sessions;
      expect(s.count).toBe(2);
      expect(sessionRows(index, 0)).toEqual([0, 1, 2]);
      expect(sessionRows(index, 1)).toEqual([3, 4, 5]);
      expect(peer(index, 0)).toEqual(['mx.example.net', '203.0.113.10']);
      expect(s.flags[0]).toBe(SessionFlag.Closed);
      expect(str(index, s.mailFrom[0])).toBe('a@example.jp');
      expect(str(index, s.rcptAddr[s.rcptStart[0]])).toBe('b@example.net');
      expect(summarize(index).topPeers.map((p) => p.peer)).not.toContain('(unknown)');
    });

    it('without JobIDs, gives a thread the lines before its Connect to, and a delivery that never connected not the next one', async () => {
      const { index } = await load([
        'mta.log',
        [
          '[MTA] 2025/04/01 08:00:00 [002] 配信を開始します。(a@example.jp -> x@nowhere.example)',
          '[MTA] 2025/04/01 08:00:01 [002] 配信先サーバが DNS から見つかりませんでした。エラー(x@nowhere.example)',
          '[MTA] 2025/04/01 08:01:00 [002] 配信を開始します。(a@example.jp -> b@example.net)',
          '[MTA] 2025/04/01 08:01:00 [002] Connect to mx.example.net(203.0.113.10)',
          '[MTA] 2025/04/01 08:01:01 [002] MAIL FROM:<a@example.jp>',
          '[MTA] 2025/04/01 08:01:02 [002] Disconnect from mx.example.net(203.0.113.10)',
          '[MTA] 2025/04/01 08:02:00 [002] Connect to mx.example.org(203.0.113.40)',
          '[MTA] 2025/04/01 08:02:00 [002] 配信を開始します。(a@example.jp -> c@example.org)',
          '[MTA] 2025/04/01 08:02:01 [002] Disconnect from mx.example.org(203.0.113.40)',
        ],
      ]);
      const s = index.sessions;
      expect(s.count).toBe(3);
      expect(sessionRows(index, 0)).toEqual([0, 1]);
      expect(s.outcome[0]).toBe(Outcome.Error);
      expect(peer(index, 0)).toEqual([undefined, undefined]);
      expect(sessionRows(index, 1)).toEqual([2, 3, 4, 5]);
      expect(peer(index, 1)).toEqual(['mx.example.net', '203.0.113.10']);
      expect(s.flags[1] & SessionFlag.Partial).toBe(0);
      // A delivery whose note follows its Connect is one session too.
      expect(sessionRows(index, 2)).toEqual([6, 7, 8]);
      expect(str(index, s.rcptAddr[s.rcptStart[2]])).toBe('c@example.org');
    });

    it('reads a failed connect as a failed step of its delivery, and the host reached after it as the peer', async () => {
      const { index } = await load([
        'mta.log',
        [
          '[MTA] 2025/04/01 08:00:00 [003] 配信を開始します。(a@example.jp -> b@down.example)',
          '[MTA] 2025/04/01 08:00:30 [003] Connect to mx.down.example(203.0.113.99) に失敗しました。',
          '[MTA] 2025/04/01 08:05:00 [004] 配信を開始します。(a@example.jp -> c@example.net)',
          '[MTA] 2025/04/01 08:05:30 [004] Connect to mx1.example.net(203.0.113.25) に失敗しました。',
          '[MTA] 2025/04/01 08:05:31 [004] Connect to mx2.example.net(203.0.113.26)',
          '[MTA] 2025/04/01 08:05:32 [004] DATA',
          '[MTA] 2025/04/01 08:05:32 [004] 354 go ahead',
          '[MTA] 2025/04/01 08:05:33 [004] 250 2.0.0 Ok: queued',
          '[MTA] 2025/04/01 08:05:34 [004] Disconnect from mx2.example.net(203.0.113.26)',
        ],
      ]);
      const s = index.sessions;
      expect(s.count).toBe(2);
      expect(index.rows.kind[1]).toBe(LineKind.Connect);
      expect(index.rows.detail[1]).toBe(ConnectDetail.Outbound | ConnectDetail.Failed);
      expect(peer(index, 0)).toEqual(['mx.down.example', '203.0.113.99']);
      expect(s.outcome[0]).toBe(Outcome.Error);
      expect(s.flags[0] & SessionFlag.FailedConnect).toBe(SessionFlag.FailedConnect);
      expect(sessionRows(index, 1)).toEqual([2, 3, 4, 5, 6, 7, 8]);
      expect(peer(index, 1)).toEqual(['mx2.example.net', '203.0.113.26']);
      expect(s.outcome[1]).toBe(Outcome.Ok);
      expect(s.flags[1] & SessionFlag.Warnings).toBe(SessionFlag.Warnings);
    });

    it('takes the outcome of a delivery from its report entry, else from the MTA log’s own signs', async () => {
      const { index } = await load(
        [
          'mta.log',
          [
            // No reply logged (level 2): only the report knows this one bounced.
            '[MTA] 2025/04/01 08:00:00 [001] 配信を開始します。(a@example.jp -> b@example.net)',
            '[MTA] 2025/04/01 08:00:00 [001] Connect to mx.example.net(203.0.113.10)',
            '[MTA] 2025/04/01 08:00:01 [001] RCPT TO:<b@example.net>',
            '[MTA] 2025/04/01 08:00:02 [001] Disconnect from mx.example.net(203.0.113.10)',
            // A timeout note, no report entry: the log's own sign.
            '[MTA] 2025/04/01 08:10:00 [001] 配信を開始します。(a@example.jp -> c@example.org)',
            '[MTA] 2025/04/01 08:10:00 [001] Connect to mx.example.org(203.0.113.40)',
            '[MTA] 2025/04/01 08:10:30 [001] データ本文送信中にタイムアウトが発生しました。',
            '[MTA] 2025/04/01 08:10:31 [001] Disconnect from mx.example.org(203.0.113.40)',
            // Delivered, and the report says so.
            '[MTA] 2025/04/01 08:20:00 [001] 配信を開始します。(<> -> d@example.com)',
            '[MTA] 2025/04/01 08:20:00 [001] Connect to mx.example.com(203.0.113.5)',
            '[MTA] 2025/04/01 08:20:01 [001] Disconnect from mx.example.com(203.0.113.5)',
            // A later attempt of the first delivery: its own entry, not the first one's.
            '[MTA] 2025/04/01 09:00:00 [001] 配信を開始します。(a@example.jp -> b@example.net)',
            '[MTA] 2025/04/01 09:00:00 [001] Connect to mx.example.net(203.0.113.10)',
            '[MTA] 2025/04/01 09:00:02 [001] Disconnect from mx.example.net(203.0.113.10)',
          ],
        ],
        [
          'mta-report.log',
          [
            '2025/04/01 08:00:02\ta@example.jp\tb@example.net\t-7',
            '2025/04/01 08:20:01\t<>\td@example.com\t0',
            '2025/04/01 09:00:02\ta@example.jp\tb@example.net\t-4',
          ],
        ],
      );
      const s = index.sessions;
      expect(s.count).toBe(4);
      expect([...s.delivery]).toEqual([0, -1, 1, 2]);
      expect([...s.outcome]).toEqual([Outcome.Error, Outcome.Error, Outcome.Ok, Outcome.Rejected]);
    });

    it('lets the worst of several recipients’ entries decide, and never gives an attempt the next one’s entry', async () => {
      const { index } = await load(
        [
          'mta.log',
          [
            '[MTA] 2025/04/01 08:00:00 [001] Connect to mx.example.net(203.0.113.10)',
            '[MTA] 2025/04/01 08:00:01 [001] MAIL FROM:<a@example.jp>',
            '[MTA] 2025/04/01 08:00:01 [001] RCPT TO:<b@example.net>',
            '[MTA] 2025/04/01 08:00:01 [001] RCPT TO:<c@example.net>',
            '[MTA] 2025/04/01 08:00:02 [001] Disconnect from mx.example.net(203.0.113.10)',
            // Two attempts of one delivery; the report has only the second one's entry.
            '[MTA] 2025/04/01 10:00:00 [002] 配信を開始します。(a@example.jp -> d@example.org)',
            '[MTA] 2025/04/01 10:00:01 [002] Connect to mx.example.org(203.0.113.40)',
            '[MTA] 2025/04/01 10:00:02 [002] Disconnect from mx.example.org(203.0.113.40)',
            '[MTA] 2025/04/01 11:00:00 [002] 配信を開始します。(a@example.jp -> d@example.org)',
            '[MTA] 2025/04/01 11:00:01 [002] Connect to mx.example.org(203.0.113.40)',
            '[MTA] 2025/04/01 11:00:02 [002] Disconnect from mx.example.org(203.0.113.40)',
          ],
        ],
        [
          'mta-report.log',
          [
            '2025/04/01 08:00:02\ta@example.jp\tb@example.net\t0',
            '2025/04/01 08:00:02\ta@example.jp\tc@example.net\t-4',
            '2025/04/01 11:00:02\ta@example.jp\td@example.org\t0',
            // Someone else's mail to the same recipient: another sender, never matched.
            '2025/04/01 10:00:03\tz@example.jp\td@example.org\t-7',
          ],
        ],
      );
      const s = index.sessions;
      expect([...s.delivery]).toEqual([1, -1, 2]);
      expect([...s.outcome]).toEqual([Outcome.Rejected, Outcome.Ok, Outcome.Ok]);
    });

    it('calls a remote host refusing our relay a failed delivery, not a relay we denied', async () => {
      const { index } = await load([
        'mta.log',
        [
          '[MTA] 2025/04/01 08:00:00 [001] Connect to mx.example.net(203.0.113.10)',
          '[MTA] 2025/04/01 08:00:01 [001] RCPT TO:<b@example.net>',
          '[MTA] 2025/04/01 08:00:01 [001] 550 5.7.1 Relaying denied',
          '[MTA] 2025/04/01 08:00:01 [001] 配信先サーバに中継を拒否されました。',
          '[MTA] 2025/04/01 08:00:02 [001] Disconnect from mx.example.net(203.0.113.10)',
        ],
      ]);
      expect(index.sessions.outcome[0]).toBe(Outcome.Rejected);
      expect(summarize(index).relayDenials).toEqual([]);
      expect(summarize(index).outcomes).toEqual({ MTA: { rejected: 1 } });
    });
  });

  it('starts or stops a service only on `SERVICE サービスを開始しました` / `…停止しました` (1.26)', async () => {
    const { index } = await load([
      'smtp.log',
      [
        '[SMTP] 2003/01/02 09:00:00 SMTP サービスを開始しました。(Debug Level3)',
        '[SMTP] 2003/01/02 09:00:01 Connect from 198.51.100.9(198.51.100.9)',
        '[SMTP] 2003/01/02 09:00:01 STARTTLS',
        '[SMTP] 2003/01/02 09:00:01 TLS 通信を開始します。',
        '[SMTP] 2003/01/02 09:00:02 RCPT TO:<x@example.com>',
        '[SMTP] 2003/01/02 09:00:02 550 5.7.1 Relaying denied',
        '[SMTP] 2003/01/02 09:00:03 Disconnect from 198.51.100.9(198.51.100.9)',
        '[SMTP] 2003/01/02 18:00:00 SMTP サービスを停止しました。',
      ],
    ]);
    expect(Array.from(index.rows.kind)).toEqual([
      LineKind.ServiceStart,
      LineKind.Connect,
      LineKind.Command,
      LineKind.Note,
      LineKind.Command,
      LineKind.Reply,
      LineKind.Disconnect,
      LineKind.ServiceStop,
    ]);
    expect(index.sessions.count).toBe(1);
    expect(sessionRows(index, 0)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(index.sessions.outcome[0]).toBe(Outcome.RelayDenied);
  });

  describe('impossible dates', () => {
    it('keeps a line whose date does not exist: its fields, its session, its place after the line before', async () => {
      const { index } = await load(
        [
          'smtp.log',
          [
            '[SMTP] 2024/02/28 10:00:00 [000] Connect from 198.51.100.9(198.51.100.9)',
            '[SMTP] 2023/02/29 10:00:01 [000] RCPT TO:<x@example.com>',
            '[SMTP] 2024/13/45 25:61:61 [000] 550 5.7.1 Relaying denied',
            '[SMTP] 2024/04/31 10:00:02 [000] 中継を拒否しました。',
            '[SMTP] 2106/01/01 00:00:00 [000] Disconnect from 198.51.100.9(198.51.100.9)',
          ],
        ],
        [
          'mta-report.log',
          [
            '2025/04/01 08:00:00\ta@b.example\tc@d.example\t0',
            '2025/02/30 08:00:00\ta@b.example\tc@d.example\t-4',
          ],
        ],
      );
      const first = utc(2024, 2, 28, 10, 0, 0);
      expect(Array.from({ length: 5 }, (_, r) => index.rows.time.at(r))).toEqual([
        first,
        first,
        first,
        first,
        first,
      ]);
      expect(Array.from({ length: 5 }, (_, r) => index.rows.session.at(r))).toEqual([0, 0, 0, 0, 0]);
      expect(index.rows.kind[2]).toBe(LineKind.Reply);
      expect(index.rows.detail[2]).toBe(550);
      expect(index.sessions.outcome[0]).toBe(Outcome.RelayDenied);
      expect(index.sessions.flags[0] & SessionFlag.Closed).toBe(SessionFlag.Closed);
      expect(index.files[0].impossibleDates).toBe(4);
      expect(index.files[0].warnings).toEqual([{ code: 'impossible-dates', count: 4, firstLine: 2 }]);
      // The report entry counts, at its neighbour's time; its row shows the date as written.
      expect(index.report.count).toBe(2);
      expect(index.report.code[1]).toBe(-4);
      expect(index.report.time[1]).toBe(utc(2025, 4, 1, 8, 0, 0));
      const decode = (b: Uint8Array, f: number) => decodeBytes(b, index.files[f].encoding);
      const views = buildRowViews(index, rowsAt(index, 0, index.rows.count), decode);
      const byText = (t: string) => views.find((v) => v.text.includes(t));
      expect(byText('Relaying')?.time).toBe('2024/13/45 25:61:61');
      expect(byText('RCPT')?.time).toBe('2023/02/29 10:00:01');
      expect(byText('-4')?.time).toBe('2025/02/30 08:00:00');
      expect(byText('Connect')?.time).toBe('2024/02/28 10:00:00');
    });

    it('gives a file’s first line with an impossible date no time', async () => {
      const { index } = await load(['smtp.log', ['[SMTP] 2023/02/29 10:00:01 [000] NOOP']]);
      expect(index.rows.kind[0]).toBe(LineKind.Command);
      expect(index.rows.time.at(0)).toBe(NO_TIME);
    });
  });

  describe('outcomes are the result', () => {
    it('calls a session ok whose message was accepted after an error, and keeps the error as a warning', async () => {
      const { index } = await load([
        'smtp.log',
        [
          '[SMTP] 2025/04/01 08:00:00 [000] Connect from pc1(192.0.2.10)',
          '[SMTP] 2025/04/01 08:00:00 [000] EHLO pc1',
          '[SMTP] 2025/04/01 08:00:00 [000] 502 5.5.2 Command not recognized',
          '[SMTP] 2025/04/01 08:00:01 [000] HELO pc1',
          '[SMTP] 2025/04/01 08:00:01 [000] 250 Hello pc1',
          '[SMTP] 2025/04/01 08:00:02 [000] DATA',
          '[SMTP] 2025/04/01 08:00:02 [000] 354 Enter mail',
          '[SMTP] 2025/04/01 08:00:03 [000] 250 OK',
          '[SMTP] 2025/04/01 08:00:04 [000] Disconnect from pc1(192.0.2.10)',
          '[SMTP] 2025/04/01 08:01:00 [001] Connect from pc2(192.0.2.11)',
          '[SMTP] 2025/04/01 08:01:01 [001] DATA',
          '[SMTP] 2025/04/01 08:01:01 [001] 354 Enter mail',
          '[SMTP] 2025/04/01 08:01:02 [001] 554 Message refused',
          '[SMTP] 2025/04/01 08:01:04 [001] Disconnect from pc2(192.0.2.11)',
        ],
      ]);
      const s = index.sessions;
      expect([s.outcome[0], s.flags[0] & SessionFlag.Warnings]).toEqual([Outcome.Ok, SessionFlag.Warnings]);
      expect([s.outcome[1], s.flags[1] & SessionFlag.Warnings]).toEqual([Outcome.Rejected, 0]);
    });

    it('calls a login that succeeded after a wrong password ok, and one that never did auth failed', async () => {
      const { index } = await load([
        'pop3.log',
        [
          '[POP3] 2025/04/01 08:00:00 [000] Connect from pc1(192.0.2.10)',
          '[POP3] 2025/04/01 08:00:00 [000] USER taro',
          '[POP3] 2025/04/01 08:00:00 [000] +OK',
          '[POP3] 2025/04/01 08:00:01 [000] PASS ****',
          '[POP3] 2025/04/01 08:00:01 [000] -ERR Authentication failed',
          '[POP3] 2025/04/01 08:00:02 [000] PASS ****',
          '[POP3] 2025/04/01 08:00:02 [000] +OK maildrop has 0 messages',
          '[POP3] 2025/04/01 08:00:03 [000] Disconnect from pc1(192.0.2.10)',
          '[POP3] 2025/04/01 08:01:00 [000] Connect from pc2(192.0.2.11)',
          '[POP3] 2025/04/01 08:01:00 [000] USER jiro',
          '[POP3] 2025/04/01 08:01:00 [000] +OK',
          '[POP3] 2025/04/01 08:01:01 [000] PASS ****',
          '[POP3] 2025/04/01 08:01:01 [000] -ERR Authentication failed',
          '[POP3] 2025/04/01 08:01:03 [000] Disconnect from pc2(192.0.2.11)',
        ],
      ]);
      const s = index.sessions;
      expect([s.outcome[0], s.flags[0] & SessionFlag.Warnings]).toEqual([Outcome.Ok, SessionFlag.Warnings]);
      expect(s.outcome[1]).toBe(Outcome.AuthFailed);
    });
  });

  it('reads failures from the server’s notes where no reply is logged (level 2), and marks those notes', async () => {
    const { index } = await load([
      'pop3.log',
      [
        '[POP3] 2025/04/01 08:00:00 POP3 サービスを開始しました。(Debug Level2)',
        '[POP3] 2025/04/01 08:00:01 [000] Connect from pc1(192.0.2.10)',
        '[POP3] 2025/04/01 08:00:01 [000] USER taro',
        '[POP3] 2025/04/01 08:00:01 [000] PASS ****',
        '[POP3] 2025/04/01 08:00:01 [000] taro: パスワード認証に失敗しました。',
        '[POP3] 2025/04/01 08:00:02 [000] Disconnect from pc1(192.0.2.10)',
        '[POP3] 2025/04/01 08:01:00 [001] Connect from pc2(192.0.2.11)',
        '[POP3] 2025/04/01 08:01:00 [001] USER jiro',
        '[POP3] 2025/04/01 08:01:01 [001] ユーザ名が違います。',
        '[POP3] 2025/04/01 08:01:02 [001] Disconnect from pc2(192.0.2.11)',
        '[POP3] 2025/04/01 08:02:00 [002] Connect from pc3(192.0.2.12)',
        '[POP3] 2025/04/01 08:02:00 [002] メールボックスをロックできません。',
        '[POP3] 2025/04/01 08:02:02 [002] Disconnect from pc3(192.0.2.12)',
        '[POP3] 2025/04/01 08:03:00 [003] Connect from pc4(192.0.2.13)',
        '[POP3] 2025/04/01 08:03:00 [003] 中継を拒否しました。',
        '[POP3] 2025/04/01 08:03:00 [003] メールボックスをロックしました。',
        '[POP3] 2025/04/01 08:03:02 [003] Disconnect from pc4(192.0.2.13)',
      ],
    ]);
    const s = index.sessions;
    expect([...s.outcome]).toEqual([Outcome.AuthFailed, Outcome.Error, Outcome.Error, Outcome.RelayDenied]);
    expect(str(index, s.authUser[0])).toBe('taro');
    const failureNotes = Array.from(index.rows.kind).flatMap((k, r) =>
      k === LineKind.Note && index.rows.detail[r] === NoteDetail.Failure ? [r] : [],
    );
    expect(failureNotes).toEqual([4, 8, 11, 14]);
  });

  describe('smaller cases', () => {
    it('keeps each part’s debug level and where it starts', async () => {
      const { index } = await load([
        'smtp.log',
        [
          '[SMTP] 2025/04/01 08:00:00 SMTP サービスを開始しました。(Debug Level3)',
          '[SMTP] 2025/04/01 08:00:01 [000] Connect from pc1(192.0.2.10)',
          '[SMTP] 2025/04/01 12:00:00 SMTP サービスを停止しました。',
          '[SMTP] 2025/04/01 12:00:05 SMTP サービスを開始しました。(Debug Level3)',
          '[SMTP] 2025/04/01 12:30:00 SMTP サービスを停止しました。',
          '[SMTP] 2025/04/01 12:30:05 SMTP サービスを開始しました。(Debug Level1)',
        ],
      ]);
      expect(index.files[0].level).toBe(1);
      expect(index.files[0].levels).toEqual([
        { row: 0, level: 3 },
        { row: 5, level: 1 },
      ]);
      expect(summarize(index).files[0].levels).toEqual([3, 1]);
    });

    it('makes no sessions of thread lines in a file without Connect lines (levels 0–1)', async () => {
      const { index } = await load([
        'smtp.log',
        [
          '[SMTP] 2025/04/01 08:00:00 SMTP サービスを開始しました。(Debug Level1)',
          '[SMTP] 2025/04/01 08:00:01 [000] クライアントから切断されました。',
          '[SMTP] 2025/04/01 15:00:00 [000] SMTP 認証に失敗しました。(taro)',
        ],
      ]);
      expect(index.sessions.count).toBe(0);
      expect([0, 1, 2].map((r) => index.rows.session.at(r))).toEqual([-1, -1, -1]);
    });

    it('records the user of `APOP user digest`', async () => {
      const { index } = await load([
        'pop3.log',
        [
          '[POP3] 2025/04/01 08:00:00 [000] Connect from pc1(192.0.2.10)',
          '[POP3] 2025/04/01 08:00:00 [000] APOP hanako c4c9334bac560ecc979e58001b3e22fb',
          '[POP3] 2025/04/01 08:00:01 [000] +OK maildrop has 2 messages',
          '[POP3] 2025/04/01 08:00:02 [000] Disconnect from pc1(192.0.2.10)',
        ],
      ]);
      expect(str(index, index.sessions.authUser[0])).toBe('hanako');
      expect(index.sessions.outcome[0]).toBe(Outcome.Ok);
    });

    it('warns about a file whose lines end in CR alone', async () => {
      const lines = ['[SMTP] 2025/04/01 08:00:00 [000] NOOP', '[SMTP] 2025/04/01 08:00:01 [000] QUIT', ''];
      const { index } = await build([['mac.log', encode(lines.join('\r'))]]);
      expect(index.files[0].lines).toBe(1);
      expect(index.files[0].warnings).toEqual([{ code: 'cr-only' }]);
    });

    it('reads a report code written `+0`', async () => {
      const { index } = await load(['mta-report.log', ['2025/04/01 08:00:00\ta@b.example\tc@d.example\t+0']]);
      expect(index.report.count).toBe(1);
      expect(index.report.code[0]).toBe(0);
    });
  });
});
