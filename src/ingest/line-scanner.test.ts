import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, moduleSource, TARGET } from '../../scripts/build-wasm';
import { COMMAND_VERBS } from '../model/command-verbs';
import { LineKind, ReplyCode } from '../model/line-kind';
import { NO_TIME } from '../model/units';
import { LineScanner, ScanFacts } from './line-scanner';
import { Hint } from './parsed-batch';
import { crlf, sjis } from './test-support/build';

const T = '[SMTP] 2005/05/18 03:10:41';

/** Scans `text` in one go and returns the kind, detail and hints of each line. */
function scanAll(text: string) {
  const s = new LineScanner();
  const r = s.scan(sjis(text), 0, true);
  return Array.from({ length: r.count }, (_, i) => [r.kind[i], r.detail[i], r.hints[i]]);
}

describe('LineScanner (assembly/line-scan.ts)', () => {
  it('is the build of the committed AssemblyScript source (run `npm run wasm` after editing it)', () => {
    expect(readFileSync(TARGET, 'utf8')).toBe(moduleSource(compile()));
  }, 30_000);

  it('uses the same codes as the TypeScript model for kinds, replies, verbs and hints', () => {
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
          'not a log line',
        ]),
      ),
    ).toEqual([
      [LineKind.ServiceStart, 2, 0],
      [LineKind.ServiceStop, 0, 0],
      [LineKind.Connect, 0, 0],
      [LineKind.Disconnect, 0, 0],
      [LineKind.Command, verb('RCPT'), 0],
      [LineKind.Command, verb('AUTHENTICATE'), 0],
      [LineKind.Reply, 550, Hint.RelayAscii],
      [LineKind.Reply, ReplyCode.PopOk, 0],
      [LineKind.Reply, ReplyCode.PopErr, 0],
      [LineKind.Reply, ReplyCode.ImapUntagged, 0],
      [LineKind.Reply, ReplyCode.ImapOk, 0],
      [LineKind.Reply, ReplyCode.ImapNo, 0],
      [LineKind.Reply, ReplyCode.ImapBad, 0],
      [LineKind.Reply, ReplyCode.Continuation, 0],
      [LineKind.Note, 0, Hint.Auth | Hint.Fail],
      [LineKind.Note, 0, Hint.Relay | Hint.Refuse],
      [LineKind.Unparsed, 0, 0],
    ]);
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
    expect([b.offset[0], b.end[0], b.thread[0], b.job[0]]).toEqual([
      100_000,
      100_000 + line.length - 2,
      7,
      -1,
    ]);
    expect(b.time[0]).not.toBe(NO_TIME);
    expect(s.newTags()).toEqual(['SMTP']);
    expect(s.facts()).toBe(ScanFacts.Thread);
  });
});
