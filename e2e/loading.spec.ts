import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { collectErrors } from './support/collect-errors';

/**
 * Drops a log big enough (~150 MB) that loading takes seconds. It is built inside the page: sending
 * that many bytes from the test would take longer than reading them.
 */
async function dropBigLog(page: Page) {
  await page.evaluate(() => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      lines.push(
        `[SMTP] 2025/04/01 08:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:00 [${String(i % 1000).padStart(3, '0')}] HELO host${i}.example.jp\r\n`,
      );
    }
    const chunk = lines.join('');
    const file = new File(Array(1500).fill(chunk), 'big-smtp.log');
    const dt = new DataTransfer();
    dt.items.add(file);
    const target = document.querySelector('[data-testid="drop-zone"]');
    if (!target) throw new Error('no drop zone');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  });
}

test('rows appear while loading, and Cancel stops the load', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await dropBigLog(page);

  const progress = page.getByRole('progressbar');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', /^\d+$/);
  // The first slices are on screen, in file order, before the file is done.
  await expect(page.getByTestId('log-row').first()).toContainText('HELO host0.example.jp');
  await expect(page.getByTestId('row-order')).toHaveAttribute('data-order', 'file');
  await expect(page.getByTestId('file-progress')).toContainText('big-smtp.log');

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Loading cancelled.')).toBeVisible();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('log-empty')).toBeVisible();
  expect(await page.evaluate(() => window.__pmailProbe.state)).toBe('idle');

  // A fresh worker serves the next load.
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('row-count')).toBeVisible();
  await expect(page.getByTestId('log-row').first()).toBeVisible();

  expect(errors).toEqual([]);
});
