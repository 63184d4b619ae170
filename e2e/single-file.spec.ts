import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { collectErrors } from './support/collect-errors';
import { cspViolations, recordCspViolations, tryInjections } from './support/csp';

/** Made by `npm run build` (scripts/single-file.ts). */
const SINGLE_FILE = new URL('../dist-single/pmail-log-viewer.html', import.meta.url);
const SAMPLE = new URL('../public/sample/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', SAMPLE), 'utf8')) as {
  files: string[];
  expected: { lines: number };
};

const idle = (page: Page) => page.evaluate(() => window.__logview.idle());

// An admin copies the one file to an isolated server and double-clicks it: no server, no network.
test.beforeEach(async ({ context }) => {
  expect(existsSync(SINGLE_FILE), 'dist-single/pmail-log-viewer.html: run `npm run build`').toBe(true);
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort('internetdisconnected'),
  );
  await context.setOffline(true);
});

test('the single file works from file:// offline: the sample set, a picked file, charts, search', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await recordCspViolations(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(SINGLE_FILE.href);

  // The built-in sample set, through the button.
  await page.getByTestId('load-sample').click();
  const rowCount = page.getByTestId('row-count');
  await expect(rowCount).toHaveAttribute('data-count', String(manifest.expected.lines), { timeout: 30_000 });
  await idle(page);
  // What loads on first use in the normal build is inside the file: the chart, RE2, the CP932 encoder.
  await expect(page.getByTestId('histogram')).toBeVisible();
  await page.getByTestId('text-filter').fill('サービスを開始');
  await page.getByTestId('text-filter').press('Enter');
  await idle(page);
  await expect(rowCount).not.toHaveAttribute('data-shown', String(manifest.expected.lines));
  await expect(page.getByTestId('log-row').first()).toContainText('サービスを開始しました');
  await page.getByTestId('clear-filters').click();
  await page.getByTestId('regex-toggle').check();
  await page.getByTestId('text-filter').fill('Relaying denied$');
  await page.getByTestId('text-filter').press('Enter');
  await idle(page);
  await expect(page.getByTestId('log-row').first()).toContainText('Relaying denied');

  // The same files through the file picker: the same path a drop takes.
  await page
    .getByTestId('file-input')
    .setInputFiles(manifest.files.map((f) => fileURLToPath(new URL(f, SAMPLE))));
  await expect(rowCount).toHaveAttribute('data-count', String(manifest.expected.lines), { timeout: 30_000 });
  await idle(page);
  await page.getByTestId('tab-deliveries').click();
  await idle(page);
  await expect(page.getByTestId('delivery-charts')).toBeVisible();

  // Nothing but the file itself and the page's own blob: workers was ever asked for.
  expect(requests.filter((url) => url !== SINGLE_FILE.href && !url.startsWith('blob:'))).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the single file carries its own CSP: its script and style by hash, no origin at all', async ({
  page,
}) => {
  await recordCspViolations(page);
  await page.goto(SINGLE_FILE.href);
  const policy =
    (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval';/);
  expect(policy).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*';/);
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("connect-src 'none'");
  expect(policy).toContain('worker-src blob:');
  expect(policy).not.toMatch(/unsafe-inline|'unsafe-eval'|'self'|https?:|\*/);
  await expect(page.getByTestId('load-sample')).toBeVisible();
  expect(await tryInjections(page)).toEqual([]);
  await expect
    .poll(async () => new Set((await cspViolations(page)).map((v) => v.split(' ')[0])))
    .toEqual(new Set(['script-src-elem', 'script-src-attr', 'style-src-elem', 'connect-src']));
});
