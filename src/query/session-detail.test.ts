import { describe, expect, it } from 'vitest';
import { build, crlf, sjis } from '../ingest/test-support/build';
import { VENDOR_SAMPLE } from '../ingest/test-support/vendor-sample';
import { describeSession } from './session-detail';

describe('describeSession', () => {
  it('gives every field of the vendor sample’s first session, reply codes included', async () => {
    const { index } = await build([['smtp.log', sjis(crlf(VENDOR_SAMPLE))]]);
    const at = (hms: string) => Date.UTC(2005, 4, 18, ...hms.split(':').map(Number)) / 1000;
    expect(describeSession(index, 0)).toEqual({
      id: 0,
      service: 'SMTP',
      thread: 0,
      jobId: -1,
      firstTime: at('03:10:41'),
      lastTime: at('03:10:43'),
      peerHost: '192.168.1.10',
      peerIp: '192.168.1.10',
      helo: 'devmachine1',
      authUser: null,
      mailFrom: null,
      rcptTo: [],
      replyCodes: [220, 250],
      outcome: 'ok',
      lineCount: 7,
      partial: false,
      closed: true,
      bestEffort: false,
      rows: [1, 3, 4, 5, 10, 13, 14],
    });
  });

  it('lists recipients and the sender of a mail transaction', async () => {
    const lines = [
      '[SMTP] 2024/01/01 00:00:01 [000-00001] Connect from mx.example.com(203.0.113.9)',
      '[SMTP] 2024/01/01 00:00:02 [000-00001] MAIL FROM:<a@example.com>',
      '[SMTP] 2024/01/01 00:00:02 [000-00001] 250 OK',
      '[SMTP] 2024/01/01 00:00:03 [000-00001] RCPT TO:<b@example.jp>',
      '[SMTP] 2024/01/01 00:00:03 [000-00001] 250 OK',
      '[SMTP] 2024/01/01 00:00:03 [000-00001] RCPT TO:<c@example.jp>',
      '[SMTP] 2024/01/01 00:00:03 [000-00001] 550 5.7.1 Relaying denied',
    ];
    const { index } = await build([['m.log', sjis(crlf(lines))]]);
    expect(describeSession(index, 0)).toMatchObject({
      jobId: 1,
      mailFrom: 'a@example.com',
      rcptTo: ['b@example.jp', 'c@example.jp'],
      replyCodes: [250, 250, 550],
      outcome: 'relay denied',
      closed: false,
    });
  });
});
