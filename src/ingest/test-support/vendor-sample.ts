/**
 * The vendor's own sample, verbatim (shared/reference/log-format.md, "The vendor's sample"): level 3,
 * 1.27 layout; note 03:10:43 written before 03:10:42. The fixtures script writes it out too.
 */
export const VENDOR_SAMPLE = [
  '[SMTP] 2005/05/18 03:09:41 SMTP サービスを開始しました。(Debug Level3)',
  '[SMTP] 2005/05/18 03:10:41 [000] Connect from 192.168.1.10(192.168.1.10)',
  '[SMTP] 2005/05/18 03:10:41 [001] Connect from 192.168.1.11(192.168.1.11)',
  '[SMTP] 2005/05/18 03:10:41 [000] 無条件接続許可ホスト(IP)',
  '[SMTP] 2005/05/18 03:10:41 [000] 中継許可IPされたアドレス',
  '[SMTP] 2005/05/18 03:10:41 [000] 220 192.168.1.10 ESMTP PMailServer 1.27; Date: Wed,18 May 2005 03:10:41 +0900(JST)',
  '[SMTP] 2005/05/18 03:10:41 [001] 無条件接続許可ホスト(IP)',
  '[SMTP] 2005/05/18 03:10:41 [001] 中継許可IPされたアドレス',
  '[SMTP] 2005/05/18 03:10:41 [001] 220 192.168.1.11 ESMTP PMailServer 1.27; Date: Wed,18 May 2005 03:10:41 +0900(JST)',
  '[SMTP] 2005/05/18 03:10:42 [001] HELO devmachine2',
  '[SMTP] 2005/05/18 03:10:42 [000] HELO devmachine1',
  '[SMTP] 2005/05/18 03:10:42 [001] 250 192.168.1.11 Hello 192.168.1.10 [192.168.1.11], pleased to meet you.',
  '[SMTP] 2005/05/18 03:10:43 [001] Disconnect from 192.168.1.11(192.168.1.11)',
  '[SMTP] 2005/05/18 03:10:42 [000] 250 192.168.1.10 Hello 192.168.1.10 [192.168.1.10], pleased to meet you.',
  '[SMTP] 2005/05/18 03:10:43 [000] Disconnect from 192.168.1.10(192.168.1.10)',
];
