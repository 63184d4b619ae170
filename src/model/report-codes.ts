/**
 * Result codes of the MTA report log (shared/reference/log-format.md, "MTA report log"; the Japanese
 * texts are copied verbatim from the vendor's page, log-format.ja.txt, which wins over the rendering).
 */

/**
 * `ok`: delivered. `temporary`: the server will retry (-7, -9, per the vendor's page). `failed`: every
 * other documented negative code. `unknown`: a code the vendor's table does not list.
 */
export type ReportSeverity = 'ok' | 'temporary' | 'failed' | 'unknown';

export interface ReportCodeInfo {
  readonly code: number;
  /** The vendor's own wording. */
  readonly ja: string;
  readonly en: string;
  readonly severity: ReportSeverity;
  /** False for codes outside the vendor's table: they are kept and shown as "unknown code N". */
  readonly known: boolean;
}

function entry(code: number, ja: string, en: string): ReportCodeInfo {
  const severity: ReportSeverity = code === 0 ? 'ok' : code === -7 || code === -9 ? 'temporary' : 'failed';
  return { code, ja, en, severity, known: true };
}

/** Every documented code, ordered 0, -1, … -17, so `REPORT_CODES[-code]` is the entry for `code`. */
export const REPORT_CODES: readonly ReportCodeInfo[] = Object.freeze([
  entry(0, '正常に配信が行われました', 'delivered'),
  entry(
    -1,
    '配信先サーバに接続ができませんでした。(接続失敗や接続拒否等)',
    'could not connect to the destination server (failure or refusal)',
  ),
  entry(
    -2,
    '配信先サーバが HELO/EHLO にエラー応答しました。',
    'destination answered HELO/EHLO with an error',
  ),
  entry(
    -3,
    '配信先サーバが MAIL FROM にエラー応答しました。',
    'destination answered MAIL FROM with an error',
  ),
  entry(-4, '配信先サーバが RCPT TO にエラー応答しました。', 'destination answered RCPT TO with an error'),
  entry(-5, '配信先サーバが DATA にエラー応答しました。', 'destination answered DATA with an error'),
  entry(
    -6,
    '配信先サーバが End of Data にエラー応答しました。',
    'destination answered end-of-data with an error',
  ),
  entry(-7, '配信先サーバが RCPT TO に一時的エラー応答しました。', 'temporary error to RCPT TO'),
  entry(-8, 'データの送信中にネットワークエラーが発生しました。', 'network error while sending data'),
  entry(-9, '配信先サーバが MAIL FROM に一時的エラー応答しました。', 'temporary error to MAIL FROM'),
  entry(
    -10,
    'DNS エラーが発生しました(DNS サーバからの応答が異常等)',
    'DNS error (abnormal answer from the DNS server, etc.)',
  ),
  entry(-11, '配信先サーバで SMTP認証を失敗しました。', 'SMTP authentication failed at the destination'),
  entry(
    -12,
    '配信先サーバに接続に失敗しました(配信先サーバから応答が無い等)',
    'connection to the destination failed (no answer, etc.)',
  ),
  entry(-13, '配信先サーバが DNS から見つかりませんでした', 'destination server not found in DNS'),
  // -14 and -15 carry the same text on the vendor's page; we keep both as they are.
  entry(
    -14,
    'メール処理中に例外処理が発生しました。(内部エラー)',
    'exception while processing the mail (internal error)',
  ),
  entry(
    -15,
    'メール処理中に例外処理が発生しました。(内部エラー)',
    'exception while processing the mail (internal error)',
  ),
  entry(-16, 'データ本文送信中にタイムアウトが発生しました。', 'timeout while sending the message body'),
  entry(-17, 'MTA フィルタに該当しました。', 'matched an MTA filter'),
]);

/** The table entry for `code`, or an "unknown code N" entry for a code the vendor does not list. */
export function describeReportCode(code: number): ReportCodeInfo {
  const i = -code;
  if (Number.isInteger(i) && i >= 0 && i < REPORT_CODES.length) return REPORT_CODES[i];
  return { code, ja: `不明なコード ${code}`, en: `unknown code ${code}`, severity: 'unknown', known: false };
}

/** What a delivery was: 0 delivered, -7 and -9 deferred (the server retries), any other code failed. */
export type DeliveryClass = 'delivered' | 'temporary' | 'failure';

export function deliveryClass(code: number): DeliveryClass {
  if (code === 0) return 'delivered';
  return code === -7 || code === -9 ? 'temporary' : 'failure';
}
