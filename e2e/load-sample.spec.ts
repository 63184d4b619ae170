import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { collectErrors } from './support/collect-errors';

interface Manifest {
  files: string[];
  expected: { lines: number };
}
const manifest = JSON.parse(
  readFileSync(new URL('../public/sample/manifest.json', import.meta.url), 'utf8'),
) as Manifest;

/** Index of the last real row on screen, once no placeholder is left. */
async function lastShownIndex(page: Page): Promise<number> {
  await expect(page.getByTestId('log-row-placeholder')).toHaveCount(0);
  return Number(await page.getByTestId('log-row').last().getAttribute('data-index'));
}

/** Pages down from the top until a row holding `text` is rendered (rows outside the window are not in the DOM). */
async function scrollToText(page: Page, text: string, total: number) {
  const scroller = page.getByTestId('log-scroller');
  await scroller.press('Home');
  const hits = page.getByTestId('log-row').filter({ hasText: text });
  for (let last = await lastShownIndex(page); (await hits.count()) === 0;) {
    expect(last, `no row contains ${text}`).toBeLessThan(total - 1);
    await scroller.press('PageDown');
    const before = last;
    await expect.poll(() => lastShownIndex(page)).toBeGreaterThan(before);
    last = await lastShownIndex(page);
  }
  return hits.first();
}

test('loads the bundled sample through the drop path', async ({ page }) => {
  const errors = collectErrors(page);
  const lines = manifest.expected.lines;
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'PMail Log Viewer' })).toBeVisible();
  await expect(page.getByText('never leave the machine')).toBeVisible();

  await page.getByTestId('load-sample').click();

  const rowCount = page.getByTestId('row-count');
  await expect(rowCount).toHaveAttribute('data-count', String(lines), { timeout: 30_000 });
  await expect(rowCount).toContainText(lines.toLocaleString('en-US'));
  await expect(page.getByTestId('index-time')).toBeVisible();
  await expect(page.getByTestId('file-error')).toHaveCount(0);

  // Every sample file is listed, and the 1.26 best-effort note is shown for the old one.
  const fileRows = page.getByTestId('file-row');
  await expect(fileRows).toHaveCount(manifest.files.length);
  for (const name of manifest.files) {
    await expect(page.locator(`[data-testid="file-row"][data-name="${name}"]`)).toBeVisible();
  }
  await expect(page.getByTestId('best-effort-note')).toBeVisible();

  // Rows are shown, in the merged timeline, and Shift_JIS notes decode.
  await expect(page.getByTestId('row-order')).toHaveAttribute('data-order', 'timeline');
  await expect(page.getByTestId('log-row').first()).toBeVisible();
  const started = await scrollToText(page, 'サービスを開始しました', lines);
  await expect(started).toBeVisible();
  const relay = await scrollToText(page, '中継許可IPされたアドレス', lines);
  await expect(relay).toBeVisible();
  await expect(relay.locator('[title]').filter({ hasText: '中継許可IPされたアドレス' })).toHaveAttribute(
    'title',
    /中継許可IPされたアドレス/,
  );

  // End reaches the very last row; Home returns to the first.
  const scroller = page.getByTestId('log-scroller');
  await scroller.press('End');
  await expect(page.locator(`[data-testid="log-row"][data-index="${lines - 1}"]`)).toBeVisible();
  await scroller.press('Home');
  await expect(page.locator('[data-testid="log-row"][data-index="0"]')).toBeVisible();

  const probe = await page.evaluate(() => window.__pmailProbe);
  expect(probe.state).toBe('ready');
  expect(probe.rowCount).toBe(lines);
  expect(probe.fileErrors).toBe(0);
  expect(probe.t0).not.toBeNull();
  expect(probe.firstRowsAt).not.toBeNull();
  expect(probe.indexedAt).not.toBeNull();

  expect(errors).toEqual([]);
});
