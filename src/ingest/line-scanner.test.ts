import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, MODEL, modelSource, moduleSource, TARGET } from '../../scripts/build-wasm';
import { COMMAND_VERBS } from '../model/command-verbs';
import { ConnectDetail, LineKind, NoteDetail, ReplyCode } from '../model/line-kind';
import { Outcome, SessionFlag } from '../model/log-index';
import { NO_TIME } from '../model/units';
import { LineScanner, ScanFacts, SESSION_FIELDS, SessionField, type FileSessions } from './line-scanner';
import { crlf, sjis } from './test-support/build';

const T = '[SMTP] 2005/05/18 03:10:41';

/** Field k of every session, in order. */
const field = (f: FileSessions, k: number) =>
  Array.from({ length: f.count }, (_, s) => f.rows[s * SESSION_FIELDS + k]);

/** Scans `text` in one go and returns the kind and detail of each line. */
function scanAll(text: string) {
  const s = new LineScanner();
  const r = s.scan(sjis(text), 0, true);
  return Array.from({ length: r.count }, (_, i) => [r.kind[i], r.detail[i]]);
}

describe('LineScanner (assembly/line-scan.ts)', () => {
  it('reads a big slice in pieces exactly as in one go, lines across pieces and a line longer than one included', () => {
    // 4 MiB pieces: ~10 MiB of lines, with a 5 MiB line that spans a whole piece, and slices that
    // end mid-line so the carried line crosses both slices and pieces.
    const lines: string[] = [];
    for (let i = 0; lines.length < 120_000; i++) {
      lines.push(
        `${T} [${String(i % 40).padStart(3, '0')}] ${i % 3 ? 'NOOP' : 'Connect from h(1.2.3.4)'} ${'x'.repeat(i % 50)}`,
      );
      if (i === 30_000) lines.push(`${T} [001] ${'y'.repeat(5 << 20)}`);
    }
    const bytes = sjis(crlf(lines));
    const cut = (bytes.length >> 1) + 7;
    /** A scan's columns, copied: the next scan reuses their buffer. */
    const keep = (r: ReturnType<LineScanner['scan']>) => ({
      count: r.count,
      offset: r.offset.slice(),
      time: r.time.slice(),
      session: r.session.slice(),
      kind: r.kind.slice(),
    });
    const read = (whole: boolean) => {
      const s = new LineScanner();
      const first = keep(s.scan(bytes.subarray(0, cut), 0, false, { whole }));
      const second = keep(s.scan(bytes.subarray(cut), cut - s.carried, true, { whole }));
      return { first, second, lineCounts: field(s.sessions(), SessionField.LineCount) };
    };
    const inPieces = read(false);
    expect(inPieces).toEqual(read(true));
    expect(inPieces.first.count + inPieces.second.count).toBe(lines.length);
  }, 30_000);

  it('is the build of the committed AssemblyScript source and model (run `npm run wasm` after editing either)', () => {
    expect(readFileSync(MODEL, 'utf8')).toBe(modelSource());
    expect(readFileSync(TARGET, 'utf8')).toBe(moduleSource(compile()));
  }, 30_000);

  it('uses the same codes as the TypeScript model for kinds, replies and verbs', () => {
    const verb = (v: (typeof COMMAND_VERBS)[number]) => COMMAND_VERBS.indexOf(v) + 1;
    expect(
      scanAll(
        crlf([
          `${T} SMTP サービスを開始しました。(Debug Level2)`,
          `${T} SMTP サービスを停止しました。`,
          `${T} [001] Connect from a(1.2.3.4)`,
          `${T} [001] Disconnect from a(1.2.3.4)`,
          `${T} [001] rcpt TO:<x@y>`,
          `${T} [001] A1 authenticate PLAIN`,
          `${T} [001] 550 5.7.1 Relaying denied`,
          `${T} [001] +OK`,
          `${T} [001] -ERR no`,
          `${T} [001] * 3 EXISTS`,
          `${T} [001] A1 OK done`,
          `${T} [001] A1 NO nope`,
          `${T} [001] A1 BAD what`,
          `${T} [001] + go ahead`,
          `${T} [001] ユーザー認証に失敗しました`,
          `${T} [001] 中継を拒否しました`,
          `${T} [001] メールを受信しました`,
          `${T} [002] Connect to mx.example.net(203.0.113.10)`,
          `${T} [002] Connect to mx.down.example(203.0.113.99) に失敗しました。`,
          'not a log line',
        ]),
      ),
    ).toEqual([
      [LineKind.ServiceStart, 2],
      [LineKind.ServiceStop, 0],
      [LineKind.Connect, 0],
      [LineKind.Disconnect, 0],
      [LineKind.Command, verb('RCPT')],
      [LineKind.Command, verb('AUTHENTICATE')],
      [LineKind.Reply, 550],
      [LineKind.Reply, ReplyCode.PopOk],
      [LineKind.Reply, ReplyCode.PopErr],
      [LineKind.Reply, ReplyCode.ImapUntagged],
      [LineKind.Reply, ReplyCode.ImapOk],
      [LineKind.Reply, ReplyCode.ImapNo],
      [LineKind.Reply, ReplyCode.ImapBad],
      [LineKind.Reply, ReplyCode.Continuation],
      [LineKind.Note, NoteDetail.Failure],
      [LineKind.Note, NoteDetail.Failure],
      [LineKind.Note, 0],
      [LineKind.Connect, ConnectDetail.Outbound],
      [LineKind.Connect, ConnectDetail.Outbound | ConnectDetail.Failed],
      [LineKind.Unparsed, 0],
    ]);
  });

  it('rebuilds sessions with the outcomes of the TypeScript model', () => {
    const s = new LineScanner();
    const lines = [
      `${T} [001] Connect from mx.example.org(192.0.2.1)`,
      `${T} [001] 550 5.7.1 Relaying denied`,
      `${T} [002] ユーザー認証に失敗しました`,
      `${T} [003] 中継を拒否しました`,
      `${T} [004] USER taro`,
      `${T} [004] -ERR bad password`,
      `${T} [005] STAT`,
      `${T} [005] -ERR no`,
      `${T} [006] 421 try later`,
      `${T} [007] 535 auth failed`,
      `${T} [001] Disconnect from mx.example.org(192.0.2.1)`,
    ];
    s.scan(sjis(crlf(lines)), 0, true);
    const f = s.sessions();
    expect(field(f, SessionField.Outcome)).toEqual([
      Outcome.RelayDenied,
      Outcome.AuthFailed,
      Outcome.RelayDenied,
      Outcome.AuthFailed,
      Outcome.Rejected,
      Outcome.Error,
      Outcome.AuthFailed,
    ]);
    expect(field(f, SessionField.Flags)).toEqual([SessionFlag.Closed, ...Array(6).fill(SessionFlag.Partial)]);
    const first = (k: number) => field(f, k)[0];
    expect([
      first(SessionField.FirstLine),
      first(SessionField.LastLine),
      first(SessionField.LineCount),
    ]).toEqual([0, 10, 3]);
    const text = (k: number) =>
      new TextDecoder().decode(f.stringBytes.subarray(k === 0 ? 0 : f.stringEnds[k - 1], f.stringEnds[k]));
    expect([
      text(first(SessionField.PeerHost)),
      text(first(SessionField.PeerIp)),
      text(field(f, SessionField.AuthUser)[3]),
    ]).toEqual(['mx.example.org', '192.0.2.1', 'taro']);
  });

  it('serves one file at a time: a new scanner resets the module, and the old one refuses to go on', () => {
    const first = new LineScanner();
    first.scan(sjis(crlf([`${T} [001] Connect from a(1.2.3.4)`])), 0, false);
    const second = new LineScanner();
    expect(() => first.scan(new Uint8Array(1), 0, true)).toThrow(/another file/);
    expect(second.scan(sjis(crlf([`${T} [009] QUIT`])), 0, true).session[0]).toBe(0);
    expect(field(second.sessions(), SessionField.Thread)).toEqual([9]);
  });

  it('grows its output for many short lines, and carries a line cut by a slice', () => {
    const s = new LineScanner();
    // 100 000 empty lines: far more than the first guess of lines for 100 KB.
    const first = s.scan(new Uint8Array(100_000).fill(0x0a), 0, false);
    expect(first.count).toBe(100_000);
    expect(first.offset[99_999]).toBe(99_999);
    expect(first.kind.every((k) => k === LineKind.Unparsed)).toBe(true);
    const line = sjis(`${T} [007] EHLO mx\r\n`);
    const a = s.scan(line.subarray(0, 10), 100_000, false);
    expect([a.count, s.carried]).toEqual([0, 10]);
    const b = s.scan(line.subarray(10), 100_000, true);
    expect(b.count).toBe(1);
    expect([b.offset[0], b.end[0], b.session[0]]).toEqual([100_000, 100_000 + line.length - 2, 0]);
    const f = s.sessions();
    expect([field(f, SessionField.Thread), field(f, SessionField.JobId)]).toEqual([[7], [-1]]);
    expect(b.time[0]).not.toBe(NO_TIME);
    expect(s.newTags()).toEqual(['SMTP']);
    expect(s.facts()).toBe(ScanFacts.Thread);
  });

  it('keeps sessions past the first block of the module (16 384 sessions a block)', () => {
    const n = 40_000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const thread = String(i % 1000).padStart(3, '0');
      lines.push(
        `${T} [${thread}] Connect from h${i}(10.0.${i >> 8}.${i & 255})`,
        `${T} [${thread}] Disconnect from h${i}`,
      );
    }
    const s = new LineScanner();
    const r = s.scan(sjis(crlf(lines)), 0, true);
    expect(r.count).toBe(2 * n);
    const f = s.sessions();
    expect(f.count).toBe(n);
    const first = field(f, SessionField.FirstLine);
    const last = field(f, SessionField.LastLine);
    const host = field(f, SessionField.PeerHost);
    const decoder = new TextDecoder();
    const str = (k: number) =>
      decoder.decode(f.stringBytes.subarray(k === 0 ? 0 : f.stringEnds[k - 1], f.stringEnds[k]));
    for (const i of [0, 16_383, 16_384, 32_768, n - 1]) {
      expect([first[i], last[i], str(host[i])]).toEqual([2 * i, 2 * i + 1, `h${i}`]);
    }
    expect(field(f, SessionField.Flags).every((x) => x === SessionFlag.Closed)).toBe(true);
  });
});
