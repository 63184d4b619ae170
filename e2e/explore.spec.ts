import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { collectErrors } from './support/collect-errors';

const fixture = (name: string) => readFileSync(new URL(`../src/ingest/fixtures/${name}`, import.meta.url));
const sample = (name: string) => readFileSync(new URL(`../public/sample/${name}`, import.meta.url));

async function idle(page: Page) {
  await page.evaluate(() => window.__logview.idle());
}

async function load(page: Page, files: Array<{ name: string; buffer: Buffer }>) {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(files.map((f) => ({ ...f, mimeType: 'text/plain' })));
  await expect(page.getByTestId('row-count')).toBeVisible({ timeout: 30_000 });
  await idle(page);
}

/** The message texts of the rows on screen. */
const shownTexts = (page: Page) => page.getByTestId('log-row').locator('.log-cell--message').allInnerTexts();

test('filters by text, Japanese in a Shift_JIS and a UTF-8 file alike, with chips and counts', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const utf8 = Buffer.from(
    '[SMTP] 2025/04/03 09:00:00 [007] 中継を拒否しました。(utf8@example.com)\r\n',
    'utf8',
  );
  await load(page, [
    { name: 'smtp-2025-04-01.log', buffer: sample('smtp-2025-04-01.log') },
    { name: 'utf8.log', buffer: utf8 },
  ]);
  const total = Number(await page.getByTestId('row-count').getAttribute('data-count'));

  await page.getByTestId('text-filter').fill('中継を拒否');
  await page.getByTestId('text-filter').press('Enter');
  await idle(page);
  const texts = await shownTexts(page);
  expect(texts.length).toBeGreaterThan(1);
  for (const t of texts) expect(t).toContain('中継を拒否');
  expect(texts.some((t) => t.includes('utf8@example.com'))).toBe(true);
  const rowCount = page.getByTestId('row-count');
  await expect(rowCount).toHaveAttribute('data-shown', String(texts.length));
  await expect(rowCount).toContainText(`${texts.length} of ${total.toLocaleString('en-US')} lines`);
  await expect(page.getByTestId('filter-chip')).toHaveCount(1);

  // Case-insensitive ASCII, combined with a service and errors only.
  await page.getByTestId('text-filter').fill('RELAYING');
  await page.getByTestId('text-filter').press('Enter');
  await page.getByTestId('errors-only').check();
  await idle(page);
  for (const t of await shownTexts(page)) expect(t.toLowerCase()).toContain('relaying');
  await expect(page.getByTestId('filter-chip')).toHaveCount(2);

  await page.getByTestId('clear-filters').click();
  await idle(page);
  await expect(rowCount).toHaveAttribute('data-shown', String(total));
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  expect(errors).toEqual([]);
  // The CP932 encoder and the chart were loaded on demand, from the page's own origin only.
});

test('filters by kind and service, and removes a part by its chip', async ({ page }) => {
  const errors = collectErrors(page);
  await load(page, [
    { name: 'pop3.log', buffer: sample('pop3.log') },
    { name: 'imap4.log', buffer: sample('imap4.log') },
  ]);
  await page.getByTestId('service-IMAP4').click();
  await idle(page);
  const services = await page.getByTestId('log-row').locator('.log-cell--service').allInnerTexts();
  expect(new Set(services)).toEqual(new Set(['POP3']));
  await page.getByTestId('filter-chip').first().click();
  await idle(page);
  const both = await page.getByTestId('log-row').locator('.log-cell--service').allInnerTexts();
  expect(new Set(both).size).toBeGreaterThan(0);
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a thread ID opens exactly its connection: the vendor sample’s two sessions, in order', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await load(page, [{ name: 'vendor-sample.sjis.log', buffer: fixture('vendor-sample.sjis.log') }]);
  const row = page
    .getByTestId('log-row')
    .filter({ has: page.locator('.log-cell--message', { hasText: /^Connect from 192\.168\.1\.11/ }) });
  await row.getByTestId('thread-link').click();
  await idle(page);
  const lines = page.getByTestId('conversation-line');
  await expect(lines).toHaveCount(7);
  const texts = await lines.locator('.conversation-line__text').allInnerTexts();
  expect(texts[0]).toBe('Connect from 192.168.1.11(192.168.1.11)');
  expect(texts[4]).toBe('HELO devmachine2');
  expect(texts[6]).toBe('Disconnect from 192.168.1.11(192.168.1.11)');
  await expect(page.getByTestId('conversation')).toContainText('devmachine2');

  await page
    .getByTestId('log-row')
    .filter({ hasText: 'HELO devmachine1' })
    .getByTestId('thread-link')
    .click();
  await idle(page);
  await expect(lines.first()).toContainText('Connect from 192.168.1.10');
  await expect(lines).toHaveCount(7);
  expect(errors).toEqual([]);
});

test('previous and next session on a reused thread, and a whole MTA delivery with its JobID', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await load(page, [{ name: 'mta.log', buffer: sample('mta.log') }]);
  // A delivery with a JobID: every line of its pair, from the delivery note to the Disconnect.
  // The file's JobIDs come after its upgrade: its last delivery notes.
  await page.getByTestId('text-filter').fill('配信を開始');
  await page.getByTestId('text-filter').press('Enter');
  await idle(page);
  await page.getByTestId('log-scroller').press('End');
  await idle(page);
  const jobRow = page
    .getByTestId('log-row')
    .filter({ has: page.locator('.log-cell--thread', { hasText: '-' }) })
    .last();
  await jobRow.getByTestId('thread-link').click();
  await idle(page);
  const lines = page.getByTestId('conversation-line');
  await expect(lines.first()).toContainText('配信を開始します');
  const count = await lines.count();
  expect(count).toBeGreaterThan(1);

  // The thread served an earlier delivery: previous, then next again.
  const previous = page.getByTestId('session-prev');
  await expect(previous).toBeEnabled();
  const first = (await lines.first().getAttribute('data-row')) ?? '';
  await previous.click();
  await idle(page);
  await expect(lines.first()).not.toHaveAttribute('data-row', first);
  await page.getByTestId('session-next').click();
  await idle(page);
  await expect(lines.first()).toHaveAttribute('data-row', first);
  expect(errors).toEqual([]);
});

test('a hostile line stays text in the conversation', async ({ page }) => {
  const errors = collectErrors(page);
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs++;
    await d.dismiss();
  });
  const lines = [
    '[SMTP] 2025/04/01 08:00:00 [000] Connect from evil(203.0.113.9)',
    '[SMTP] 2025/04/01 08:00:01 [000] HELO <img src=x onerror=alert(1)>',
    '[SMTP] 2025/04/01 08:00:02 [000] Disconnect from evil(203.0.113.9)',
  ];
  await load(page, [{ name: 'evil.log', buffer: Buffer.from(lines.join('\r\n') + '\r\n') }]);
  await page.getByTestId('log-row').first().getByTestId('thread-link').click();
  await idle(page);
  await expect(page.getByTestId('conversation-line').nth(1)).toContainText(
    'HELO <img src=x onerror=alert(1)>',
  );
  await expect(page.getByTestId('conversation').locator('img')).toHaveCount(0);
  expect(dialogs).toBe(0);
  expect(errors).toEqual([]);
});

test('keyboard: j/k and arrows move the selection, Enter opens its connection, Esc closes, / focuses the text filter', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await load(page, [{ name: 'vendor-sample.sjis.log', buffer: fixture('vendor-sample.sjis.log') }]);
  await page.getByTestId('log-scroller').focus();
  await page.keyboard.press('j'); // row 0: the service start
  await page.keyboard.press('j'); // row 1: Connect from 192.168.1.10
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('k');
  await expect(page.locator('.log-row--selected')).toContainText('Connect from 192.168.1.10');
  await page.keyboard.press('Enter');
  await idle(page);
  await expect(page.getByTestId('conversation-line').first()).toContainText('Connect from 192.168.1.10');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('conversation')).toHaveCount(0);
  await page.keyboard.press('/');
  await expect(page.getByTestId('text-filter')).toBeFocused();
  expect(errors).toEqual([]);
});

test('the filters and the open session live in the URL: a reload and the same files restore the view', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const files = [{ name: 'pop3.log', buffer: sample('pop3.log') }];
  await load(page, files);
  await page.getByTestId('text-filter').fill('-ERR');
  await page.getByTestId('text-filter').press('Enter');
  await idle(page);
  await page.getByTestId('thread-link').first().click();
  await idle(page);
  const shown = await page.getByTestId('row-count').getAttribute('data-shown');
  const title = (await page.locator('.conversation__title').textContent()) ?? '';
  expect(page.url()).toContain('#');

  await page.reload();
  await page.getByTestId('file-input').setInputFiles(files.map((f) => ({ ...f, mimeType: 'text/plain' })));
  await expect(page.getByTestId('row-count')).toBeVisible({ timeout: 30_000 });
  await idle(page);
  await expect(page.getByTestId('text-filter')).toHaveValue('-ERR');
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-shown', shown ?? '');
  await expect(page.locator('.conversation__title')).toHaveText(title);

  // A link pasted into the open tab applies at once: its filter, and no open session.
  await page.evaluate(() => {
    location.hash = 'text=USER';
  });
  await idle(page);
  await expect(page.getByTestId('text-filter')).toHaveValue('USER');
  await expect(page.getByTestId('conversation')).toHaveCount(0);
  for (const text of await shownTexts(page)) expect(text).toContain('USER');
  expect(errors).toEqual([]);
});

test('exports what is shown: the .log of an unfiltered file is the file, the CSV runs no formula', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const lines = [
    '[SMTP] 2025/04/01 08:00:00 [000] Connect from evil(203.0.113.9)',
    "[SMTP] 2025/04/01 08:00:01 [000] =cmd|' /C calc'!A0",
    '[SMTP] 2025/04/01 08:00:02 [000] 中継を拒否しました。',
    '[SMTP] 2025/04/01 08:00:03 [000] Disconnect from evil(203.0.113.9)',
  ];
  const input = Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
  await load(page, [{ name: 'evil.log', buffer: input }]);

  const [logDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-log').click(),
  ]);
  expect(readFileSync(await logDownload.path())).toEqual(input);

  await page.getByTestId('text-filter').fill('cmd');
  await page.getByTestId('text-filter').press('Enter');
  await idle(page);
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  expect(csv.split('\r\n')).toEqual([
    '\ufefftime,service,thread,jobId,kind,message,file,line',
    `2025/04/01 08:00:01,SMTP,000,,note,'=cmd|' /C calc'!A0,evil.log,2`,
    '',
  ]);
  expect(errors).toEqual([]);
});

test('a regular expression filters lines, a catastrophic one does not freeze the page, a bad one says why', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await load(page, [{ name: 'smtp-2025-04-01.log', buffer: sample('smtp-2025-04-01.log') }]);
  await page.getByTestId('regex-toggle').check();
  await page.getByTestId('text-filter').fill('^.*55[0-9] 5\\.7\\.1 .*Relaying');
  await page.getByTestId('text-filter').press('Enter');
  await idle(page);
  const texts = await shownTexts(page);
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) expect(t).toMatch(/55\d 5\.7\.1 .*Relaying/);

  await page.getByTestId('text-filter').fill('(a+)+$');
  await page.getByTestId('text-filter').press('Enter');
  // The page answers while the engine runs the pattern.
  const clicked = await page.evaluate(async () => {
    const t0 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return performance.now() - t0;
  });
  expect(clicked).toBeLessThan(1000);
  await idle(page);

  await page.getByTestId('text-filter').fill('(unclosed');
  await page.getByTestId('text-filter').press('Enter');
  await expect(page.getByTestId('filter-error')).toBeVisible();
  await idle(page);
  expect(errors).toEqual([]);
});

test('a histogram of the matching lines over time sits above the table', async ({ page }) => {
  const errors = collectErrors(page);
  await load(page, [{ name: 'smtp-2025-04-01.log', buffer: sample('smtp-2025-04-01.log') }]);
  await expect(page.getByTestId('histogram')).toBeVisible();
  await expect(page.getByTestId('histogram').locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('columns can be hidden and resized, and their headers stay in view', async ({ page }) => {
  const errors = collectErrors(page);
  await load(page, [{ name: 'vendor-sample.sjis.log', buffer: fixture('vendor-sample.sjis.log') }]);
  const header = page.locator('.log-table__head');
  expect((await header.boundingBox())?.height).toBeGreaterThan(15);
  await page.getByTestId('column-chooser').click();
  await page.getByTestId('column-file').uncheck();
  await expect(page.getByTestId('log-row').first().locator('.log-cell--file')).toHaveCount(0);
  await expect(header.locator('.log-cell--file')).toHaveCount(0);

  const time = header.locator('.log-cell--time');
  const before = (await time.boundingBox())?.width ?? 0;
  const handle = time.locator('.log-table__resize');
  const box = await handle.boundingBox();
  if (!box) throw new Error('no resize handle');
  await page.mouse.move(box.x + 3, box.y + 5);
  await page.mouse.down();
  await page.mouse.move(box.x + 63, box.y + 5, { steps: 4 });
  await page.mouse.up();
  expect((await time.boundingBox())?.width).toBeGreaterThan(before + 40);

  // A long message can be read in full, in place.
  const banner = page.getByTestId('log-row').filter({ hasText: 'ESMTP PMailServer' }).first();
  await banner.dblclick();
  await expect(page.getByTestId('expanded-row')).toContainText('Date: Wed,18 May 2005 03:10:41 +0900(JST)');
  await page.getByTestId('expanded-row').dblclick();
  await expect(page.getByTestId('expanded-row')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('filters by peer, address, outcome, kind and time through the bar', async ({ page }) => {
  const errors = collectErrors(page);
  await load(page, [{ name: 'pop3.log', buffer: sample('pop3.log') }]);
  const shown = () => page.getByTestId('row-count').getAttribute('data-shown');
  const total = await shown();

  await page.getByTestId('outcome-filter').selectOption({ label: 'auth failed' });
  await idle(page);
  const failed = Number(await shown());
  expect(failed).toBeGreaterThan(0);
  expect(failed).toBeLessThan(Number(total));
  for (const t of await shownTexts(page)) expect(t).not.toMatch(/^\+OK .*maildrop/);

  await page.getByTestId('clear-filters').click();
  await page.getByPlaceholder('host or IP').fill('192.0.2.');
  await page.getByPlaceholder('host or IP').press('Enter');
  await idle(page);
  expect(Number(await shown())).toBe(Number(total) - 2); // all but the service start and stop

  await page.getByTestId('clear-filters').click();
  await page.getByPlaceholder('MAIL FROM, RCPT TO, user').fill('taro');
  await page.getByPlaceholder('MAIL FROM, RCPT TO, user').press('Enter');
  await page.getByTestId('kind-command').click(); // commands off
  await idle(page);
  const services = await page.getByTestId('log-row').locator('.log-cell--kind').allInnerTexts();
  expect(services.length).toBeGreaterThan(0);
  for (const k of services) expect(k).not.toMatch(/^command/);

  await page.getByTestId('clear-filters').click();
  await page.getByTestId('time-from').fill('2025/04/01 09:00');
  await page.getByTestId('time-from').press('Enter');
  await page.getByTestId('time-to').fill('2025/04/01 10:00');
  await page.getByTestId('time-to').press('Enter');
  await idle(page);
  for (const t of await page.getByTestId('log-row').locator('.log-cell--time').allInnerTexts()) {
    expect(t >= '2025/04/01 09:00:00' && t < '2025/04/01 10:00:00').toBe(true);
  }
  await expect(page.getByTestId('filter-chip')).toHaveCount(2);
  expect(errors).toEqual([]);
});
