import { describe, expect, it } from 'vitest';
import { build, crlf, sjis } from '../ingest/test-support/build';
import { describeJourney } from './journey';

const SMTP = [
  // Accepted for taro (local): one session fits.
  '[SMTP] 2025/04/01 10:00:00 [001] Connect from mx.sender.example(198.51.100.5)',
  '[SMTP] 2025/04/01 10:00:01 [001] MAIL FROM:<a@sender.example>',
  '[SMTP] 2025/04/01 10:00:01 [001] RCPT TO:<taro@example.jp>',
  '[SMTP] 2025/04/01 10:00:02 [001] DATA',
  '[SMTP] 2025/04/01 10:00:03 [001] 250 OK',
  '[SMTP] 2025/04/01 10:00:04 [001] Disconnect from mx.sender.example(198.51.100.5)',
  // Two sessions with the same sender and recipient before one delivery: several fit.
  '[SMTP] 2025/04/01 11:00:00 [002] Connect from pc1.example.jp(192.0.2.10)',
  '[SMTP] 2025/04/01 11:00:01 [002] MAIL FROM:<hanako@example.jp>',
  '[SMTP] 2025/04/01 11:00:01 [002] RCPT TO:<bad@remote.example>',
  '[SMTP] 2025/04/01 11:00:02 [002] Disconnect from pc1.example.jp(192.0.2.10)',
  '[SMTP] 2025/04/01 11:05:00 [003] Connect from pc1.example.jp(192.0.2.10)',
  '[SMTP] 2025/04/01 11:05:01 [003] MAIL FROM:<hanako@example.jp>',
  '[SMTP] 2025/04/01 11:05:01 [003] RCPT TO:<bad@remote.example>',
  '[SMTP] 2025/04/01 11:05:02 [003] Disconnect from pc1.example.jp(192.0.2.10)',
];
const MTA = [
  '[MTA] 2025/04/01 10:00:10 [004] 配信を開始します。(a@sender.example -> taro@example.jp)',
  '[MTA] 2025/04/01 10:00:10 [004] Connect to mail.example.jp(192.0.2.1)',
  '[MTA] 2025/04/01 10:00:11 [004] Disconnect from mail.example.jp(192.0.2.1)',
  '[MTA] 2025/04/01 11:06:00 [005] 配信を開始します。(hanako@example.jp -> bad@remote.example)',
  '[MTA] 2025/04/01 11:06:00 [005] Connect to mx.remote.example(203.0.113.9)',
  '[MTA] 2025/04/01 11:06:01 [005] Disconnect from mx.remote.example(203.0.113.9)',
];
const POP3 = [
  '[POP3] 2025/04/01 10:30:00 [001-00001] Connect from pc2(192.0.2.11)',
  '[POP3] 2025/04/01 10:30:01 [001-00001] USER taro',
  '[POP3] 2025/04/01 10:30:01 [001-00001] +OK',
  '[POP3] 2025/04/01 10:30:02 [001-00001] Disconnect from pc2(192.0.2.11)',
];
const REPORT = [
  '2025/04/01 10:00:11\ta@sender.example\ttaro@example.jp\t0',
  '2025/04/01 11:06:01\thanako@example.jp\tbad@remote.example\t-4',
  '2025/04/01 12:00:00\tghost@nowhere.example\tnobody@else.example\t-13',
];

async function journeys() {
  const { index } = await build([
    ['smtp.log', sjis(crlf(SMTP))],
    ['mta.log', sjis(crlf(MTA))],
    ['pop3.log', sjis(crlf(POP3))],
    ['mta-report.log', sjis(crlf(REPORT))],
  ]);
  const byStep = (entry: number) =>
    Object.fromEntries(describeJourney(index, entry).steps.map((s) => [s.step, s]));
  return { index, byStep };
}

describe('a delivery’s journey', () => {
  it('links a delivered message to the session that accepted it, its delivery and the recipient’s pickup', async () => {
    const { byStep } = await journeys();
    const steps = byStep(0);
    expect(steps.accepted).toMatchObject({
      certainty: 'one',
      service: 'SMTP',
      peer: 'mx.sender.example (198.51.100.5)',
    });
    expect(steps.delivery).toMatchObject({ certainty: 'one', service: 'MTA', outcome: 'ok' });
    expect(steps.pickup).toMatchObject({ certainty: 'one', service: 'POP3', start: '2025/04/01 10:30:00' });
  });

  it('says several sessions fit where they do, shows the nearest, and gives a remote recipient no pickup', async () => {
    const { index, byStep } = await journeys();
    const steps = byStep(1);
    expect(steps.accepted).toMatchObject({
      certainty: 'several',
      candidates: 2,
      start: '2025/04/01 11:05:00',
    });
    expect(steps.delivery).toMatchObject({ certainty: 'one', outcome: 'rejected' });
    expect(steps.pickup).toBeUndefined();
    expect(describeJourney(index, 1).code).toBe(-4);
  });

  it('invents no link for a message no session fits', async () => {
    const { byStep } = await journeys();
    const steps = byStep(2);
    expect(steps.accepted).toEqual({ step: 'accepted', certainty: 'none', candidates: 0 });
    expect(steps.delivery).toEqual({ step: 'delivery', certainty: 'none', candidates: 0 });
  });
});
