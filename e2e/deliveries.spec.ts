import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { Summary } from '../src/query/types';
import { collectErrors } from './support/collect-errors';
import { expect, test } from './support/test';

const SAMPLE = fileURLToPath(new URL('../public/sample/', import.meta.url));
const sampleFiles = readdirSync(SAMPLE)
  .filter((f) => f.endsWith('.log'))
  .map((f) => SAMPLE + f);
const sampleLines = (
  JSON.parse(readFileSync(SAMPLE + 'manifest.json', 'utf8')) as { expected: { lines: number } }
).expected.lines;

/** The codes of the report log's entries, read straight from the file (tab-separated, code last). */
const reportCodes = readFileSync(SAMPLE + 'mta-report.log', 'latin1')
  .split('\r\n')
  .map((line) => line.split('\t'))
  .filter((fields) => fields.length === 4 && /^-?\d+$/.test(fields[3]))
  .map((fields) => Number(fields[3]));

async function loadSample(page: Page) {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(sampleFiles);
  await expect(page.getByTestId('row-count')).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => window.__logview.idle());
}

const idle = (page: Page) => page.evaluate(() => window.__logview.idle());

/** The sample set, loaded, with the deliveries tab open. */
async function openDeliveries(page: Page) {
  await loadSample(page);
  await page.getByTestId('tab-deliveries').click();
  await idle(page);
}

/** The codes of the deliveries rows on screen. */
const shownCodes = async (page: Page) =>
  (
    await page.getByTestId('report-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))
  ).map(Number);

test('the overview is the summary: every number equals `npm run summary -- --json`, and each is a link', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const json = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../scripts/summary.ts', import.meta.url)),
      '--json',
      ...sampleFiles,
    ],
    { encoding: 'utf8' },
  );
  const summary = JSON.parse(json) as Summary;
  await loadSample(page);
  const overview = page.getByTestId('overview');
  await expect(overview).toBeVisible();
  const shown = Object.fromEntries(
    await page
      .getByTestId('overview-count')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-key'), Number(e.getAttribute('data-value'))]),
      ),
  ) as Record<string, number>;
  const expected: Record<string, number> = {};
  for (const [svc, n] of Object.entries(summary.sessions)) expected[`sessions:${svc}`] = n;
  for (const [svc, outcomes] of Object.entries(summary.outcomes))
    for (const [o, n] of Object.entries(outcomes)) expected[`outcome:${svc}:${o}`] = n;
  for (const [k, n] of Object.entries(summary.report.classes)) expected[`deliveries:${k}`] = n;
  for (const u of summary.authFailuresByUser) expected[`auth-user:${u.user}`] = u.count;
  for (const u of summary.authFailuresByIp) expected[`auth-ip:${u.ip}`] = u.count;
  for (const r of summary.relayDenials) expected[`relay:${r.peer}`] = r.count;
  for (const p of summary.topPeers) expected[`peer:${p.service} ${p.peer}`] = p.sessions;
  expect(shown).toEqual(expected);
  expect(Object.keys(expected).length).toBeGreaterThan(30);
  const findings = await page
    .getByTestId('finding')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  expect(findings).toEqual((summary.findings ?? []).map((f) => f.kind));
  expect(findings.length).toBeGreaterThan(0);

  // A threshold changed: the engine finds again (a gap of ten minutes is found in the sample).
  await page.locator('.findings__thresholds > summary').click();
  await page.getByTestId('threshold-gapMin').fill('10');
  await expect
    .poll(() => page.locator('[data-testid="finding"][data-kind="gap"]').count())
    .toBeGreaterThan(0);
  // Its evidence is one click away: the log table over the gap's minutes.
  await page
    .locator('[data-testid="finding"][data-kind="gap"] [data-testid="finding-evidence"]')
    .first()
    .click();
  await idle(page);
  await expect(page.getByTestId('filter-chip').filter({ hasText: 'from' })).toBeVisible();

  // A number is a link: the relay denials of SMTP, in the log table.
  const relayDenied = expected['outcome:SMTP:relay denied'];
  await page.locator('[data-key="outcome:SMTP:relay denied"]').click();
  await idle(page);
  await expect(page.getByTestId('row-count')).not.toHaveAttribute('data-shown', String(sampleLines));
  await expect(page.getByText('outcome: relay denied')).toBeVisible();
  expect(relayDenied).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('failed only shows exactly the entries whose code is not 0, and narrows the log table to their deliveries', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await loadSample(page);
  const total = await page.getByTestId('row-count').getAttribute('data-count');
  await page.getByTestId('tab-deliveries').click();
  await idle(page);
  await expect(page.getByTestId('report-count')).toHaveAttribute('data-shown', String(reportCodes.length));
  await page.getByTestId('failed-only').check();
  await idle(page);
  const failed = reportCodes.filter((c) => c !== 0).length;
  await expect(page.getByTestId('report-count')).toHaveAttribute('data-shown', String(failed));
  const codes = await shownCodes(page);
  expect(codes.length).toBeGreaterThan(10);
  for (const c of codes) expect(c).not.toBe(0);

  await page.getByTestId('tab-log').click();
  await idle(page);
  await expect(page.getByTestId('filter-chip').filter({ hasText: 'failed deliveries' })).toBeVisible();
  const shown = Number(await page.getByTestId('row-count').getAttribute('data-shown'));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(Number(total));
  const services = await page.getByTestId('log-row').locator('.log-cell--service').allInnerTexts();
  expect(new Set(services)).toEqual(new Set(['MTA']));
  expect(errors).toEqual([]);
});

test('a code’s bar keeps exactly that code’s entries, an unknown code has its own bar, headers sort', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openDeliveries(page);
  const bars = await page
    .getByTestId('code-bar')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-code'))));
  expect(bars.sort((a, b) => a - b)).toEqual([...new Set(reportCodes)].sort((a, b) => a - b));
  expect(bars).toContain(-99);

  await page.locator('[data-testid="code-bar"][data-code="-4"]').click();
  await idle(page);
  const fours = reportCodes.filter((c) => c === -4).length;
  await expect(page.getByTestId('report-count')).toHaveAttribute('data-shown', String(fours));
  expect(await shownCodes(page)).toEqual(Array.from({ length: fours }, () => -4));
  await page.getByTestId('report-code-chip').click();
  await idle(page);

  await page.locator('[data-testid="code-bar"][data-code="-99"]').click();
  await idle(page);
  await expect(page.getByTestId('report-count')).toHaveAttribute('data-shown', '1');
  await expect(page.getByTestId('report-row')).toContainText('unknown code -99');
  await page.getByTestId('report-code-chip').click();
  await idle(page);

  await page.getByTestId('sort-code').click();
  await idle(page);
  expect((await shownCodes(page))[0]).toBe(-99);
  await page.getByTestId('sort-code').click();
  await idle(page);
  expect((await shownCodes(page))[0]).toBe(0);
  expect(errors).toEqual([]);
});

test('a delivery’s journey: a delivered, a bounced and an unmatched message, each link saying how sure it is', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openDeliveries(page);
  const journeyOf = async (recipient: string) => {
    await page.getByTestId('report-address').fill(recipient);
    await page.getByTestId('report-address').press('Enter');
    await idle(page);
    await expect(page.getByTestId('report-count')).toHaveAttribute('data-shown', '1');
    await page.getByTestId('journey-link').click();
    await idle(page);
    const steps = page.getByTestId('journey-step');
    return Object.fromEntries(
      await steps.evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-step'), e.getAttribute('data-certainty')]),
      ),
    ) as Record<string, string>;
  };

  const openStep = (step: string) =>
    page.locator(`[data-testid="journey-step"][data-step="${step}"] [data-testid="journey-open"]`);

  // Delivered (code 0): the SMTP session in which hanako submitted it, and its MTA session, the one
  // matched to the entry.
  expect(await journeyOf('keiri57@mail.example')).toMatchObject({ accepted: 'one', delivery: 'one' });
  await expect(page.getByTestId('journey')).toContainText('正常に配信が行われました');
  // The accepted link opens the SMTP conversation that handed the message in.
  await openStep('accepted').click();
  await idle(page);
  await expect(page.getByTestId('conversation')).toContainText('MAIL FROM:<hanako@example.jp>');
  await expect(page.getByTestId('conversation')).toContainText('RCPT TO:<keiri57@mail.example>');
  await expect(page.getByTestId('conversation')).toContainText('SMTP');
  await page.getByTestId('tab-deliveries').click();
  await idle(page);

  // Bounced (-4): submitted by jiro, then refused by the remote host.
  expect(await journeyOf('takahashi18@example.com')).toMatchObject({ accepted: 'one', delivery: 'one' });
  await expect(page.getByTestId('journey')).toContainText('-4');
  await expect(openStep('accepted')).toHaveCount(1);

  // Unmatched: one of the report log's own entries, of which the sample's logs hold no session.
  // Neither link is made up.
  expect(await journeyOf('keiri65@example.ne.jp')).toMatchObject({ accepted: 'none', delivery: 'none' });
  await expect(openStep('delivery')).toHaveCount(0);
  await expect(openStep('accepted')).toHaveCount(0);

  // A link opens the delivery's conversation in the log view.
  await journeyOf('takahashi18@example.com');
  await openStep('delivery').click();
  await idle(page);
  await expect(page.getByTestId('conversation')).toContainText('takahashi18@example.com');
  await expect(page.getByTestId('conversation')).toContainText('MTA');
  expect(errors).toEqual([]);
});
