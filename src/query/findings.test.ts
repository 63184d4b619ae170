import { describe, expect, it } from 'vitest';
import { build, crlf, sjis } from '../ingest/test-support/build';
import { findFindings } from './findings';
import { DEFAULT_THRESHOLDS, type FindingKind } from './finding-types';

const at = (h: number, m: number, s = 0) =>
  `2025/04/01 ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;

/** A POP3 login that fails, from `ip` as `user`, at h:m. */
const failedLogin = (thread: number, h: number, m: number, ip: string, user: string) => [
  `[POP3] ${at(h, m)} [${String(thread).padStart(3, '0')}] Connect from ${ip}(${ip})`,
  `[POP3] ${at(h, m)} [${String(thread).padStart(3, '0')}] USER ${user}`,
  `[POP3] ${at(h, m, 1)} [${String(thread).padStart(3, '0')}] -ERR Authentication failed`,
  `[POP3] ${at(h, m, 2)} [${String(thread).padStart(3, '0')}] Disconnect from ${ip}(${ip})`,
];

/** A quiet, ordinary day: a login every ten minutes from 08:00 to 18:00, each one fine. */
function ordinaryDay(): string[] {
  const lines = [`[POP3] ${at(8, 0)} POP3 サービスを開始しました。(Debug Level3)`];
  for (let k = 0; k < 60; k++) {
    const h = 8 + Math.floor(k / 6);
    const m = (k % 6) * 10;
    lines.push(
      `[POP3] ${at(h, m, 5)} [001] Connect from pc1(192.0.2.10)`,
      `[POP3] ${at(h, m, 5)} [001] USER taro`,
      `[POP3] ${at(h, m, 6)} [001] +OK`,
      `[POP3] ${at(h, m, 7)} [001] Disconnect from pc1(192.0.2.10)`,
    );
  }
  return lines;
}

async function findingsOf(files: Array<[string, string[]]>) {
  const { index } = await build(files.map(([n, lines]) => [n, sjis(crlf(lines))]));
  return findFindings(index, DEFAULT_THRESHOLDS);
}

const kinds = (list: Array<{ kind: FindingKind }>) => list.map((f) => f.kind);

describe('findings', () => {
  it('raises none on an ordinary day', async () => {
    const report = Array.from({ length: 20 }, (_, k) => `${at(9, k)}\ttaro@example.jp\tb${k}@example.net\t0`);
    expect(
      await findingsOf([
        ['pop3.log', ordinaryDay()],
        ['mta-report.log', report],
      ]),
    ).toEqual([]);
  });

  it('finds password guessing from one IP and against one user, with the burst as evidence', async () => {
    const lines = [...ordinaryDay()];
    for (let k = 0; k < 6; k++) lines.push(...failedLogin(2, 18, 30 + k, '203.0.113.66', `user${k}`));
    for (let k = 0; k < 5; k++) lines.push(...failedLogin(3, 18, 50 + k, `198.51.100.${k}`, 'admin'));
    const found = await findingsOf([['pop3.log', lines]]);
    const ip = found.find((f) => f.kind === 'password-guessing-ip');
    expect(ip).toMatchObject({ subject: '203.0.113.66', count: 6, log: { peer: '203.0.113.66' } });
    expect(found.find((f) => f.kind === 'password-guessing-user')).toMatchObject({
      subject: 'admin',
      count: 5,
    });
    // Five failures an hour apart are no burst.
    const slow: string[] = [...ordinaryDay()];
    for (let k = 0; k < 5; k++) slow.push(...failedLogin(2, 8 + 2 * k, 3, '203.0.113.67', 'x'));
    expect(kinds(await findingsOf([['pop3.log', slow]]))).toEqual([]);
  });

  it('finds relay attempts from one peer', async () => {
    const smtp: string[] = [];
    for (let k = 0; k < 3; k++) {
      smtp.push(
        `[SMTP] ${at(9, k)} [001] Connect from 203.0.113.80(203.0.113.80)`,
        `[SMTP] ${at(9, k)} [001] RCPT TO:<x${k}@example.com>`,
        `[SMTP] ${at(9, k, 1)} [001] 550 5.7.1 Relaying denied`,
        `[SMTP] ${at(9, k, 2)} [001] Disconnect from 203.0.113.80(203.0.113.80)`,
      );
    }
    const found = await findingsOf([['smtp.log', smtp]]);
    expect(found).toEqual([
      expect.objectContaining({ kind: 'relay-attempts', subject: '203.0.113.80', count: 3 }),
    ]);
  });

  it('finds a destination domain that keeps failing, and a surge of temporary failures', async () => {
    const report = [
      ...Array.from({ length: 4 }, (_, k) => `${at(9, k)}\ta@example.jp\tu${k}@broken.example\t-4`),
      `${at(9, 10)}\ta@example.jp\tok@broken.example\t0`,
      ...Array.from({ length: 5 }, (_, k) => `${at(10, k * 5)}\ta@example.jp\tv${k}@busy.example\t-7`),
      ...Array.from({ length: 5 }, (_, k) => `${at(12, k)}\ta@example.jp\tw${k}@fine.example\t0`),
    ];
    const found = await findingsOf([['mta-report.log', report]]);
    expect(found.find((f) => f.kind === 'failing-domain')).toMatchObject({
      subject: 'broken.example',
      count: 4,
      deliveries: { address: '@broken.example', failedOnly: true },
    });
    expect(found.find((f) => f.kind === 'temporary-surge')).toMatchObject({
      count: 5,
      deliveries: { codes: [-7, -9] },
    });
    expect(kinds(found).sort()).toEqual(['failing-domain', 'temporary-surge']);
  });

  it('finds a service restart, a change of debug level, and a gap without lines', async () => {
    const lines = [
      `[SMTP] ${at(8, 0)} SMTP サービスを開始しました。(Debug Level3)`,
      `[SMTP] ${at(8, 1)} [001] Connect from pc1(192.0.2.10)`,
      `[SMTP] ${at(8, 2)} [001] Disconnect from pc1(192.0.2.10)`,
      `[SMTP] ${at(12, 0)} SMTP サービスを停止しました。`,
      `[SMTP] ${at(12, 1)} SMTP サービスを開始しました。(Debug Level1)`,
    ];
    const found = await findingsOf([['smtp.log', lines]]);
    expect(found.find((f) => f.kind === 'service-restart')).toMatchObject({ subject: 'smtp.log', count: 1 });
    expect(found.find((f) => f.kind === 'level-change')).toMatchObject({ subject: 'smtp.log', count: 1 });
    const gap = found.find((f) => f.kind === 'gap');
    expect(gap).toMatchObject({ count: 238 });
    expect(kinds(found).sort()).toEqual(['gap', 'level-change', 'service-restart']);
  });
});
