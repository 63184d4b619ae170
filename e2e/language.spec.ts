import { collectErrors } from './support/collect-errors';
import { expect, test } from './support/test';

test.use({ locale: 'ja-JP' });

test('Japanese for a Japanese browser, English on a click, remembered; log text never translated', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PMail ログビューア');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('row-count')).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => window.__logview.idle());
  await expect(page.getByTestId('row-count')).toContainText('行中');
  await expect(page.getByTestId('tab-deliveries')).toContainText('配信');
  await expect(page.getByTestId('overview')).toContainText('セッションと結果');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PMail Log Viewer');
  await expect(page.getByTestId('row-count')).toContainText('of 4,768 lines');
  // The log's own Japanese stays as it was written.
  await page.getByTestId('text-filter').fill('サービスを開始');
  await page.getByTestId('text-filter').press('Enter');
  await page.evaluate(() => window.__logview.idle());
  await expect(page.getByTestId('log-row').first()).toContainText('サービスを開始しました');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PMail Log Viewer');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PMail ログビューア');
  expect(errors).toEqual([]);
});

test('what the engine says about a file is in the reader’s language too', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const crOnly = ['[SMTP] 2025/04/01 08:00:00 [000] NOOP', '[SMTP] 2025/04/01 08:00:01 [000] QUIT', ''].join(
    '\r',
  );
  await page.getByTestId('file-input').setInputFiles([
    {
      name: 'binary.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]),
    },
    { name: 'mac.log', mimeType: 'text/plain', buffer: Buffer.from(crOnly) },
  ]);
  await page.evaluate(() => window.__logview.idle());
  const fileError = page.getByTestId('file-error');
  await expect(fileError).toHaveAttribute('data-code', 'binary');
  await expect(fileError).toContainText('binary.bin');
  await expect(fileError).toContainText('バイナリデータです（オフセット 4 に NUL バイト）');
  const warning = page.locator('[data-testid="file-row"][data-name="mac.log"] li[data-code="cr-only"]');
  await expect(warning).toContainText('行末が CR だけ');

  await page.getByTestId('lang-toggle').click();
  await expect(fileError).toContainText('binary data (a NUL byte at offset 4)');
  await expect(warning).toContainText('its lines end in CR alone');
  expect(errors).toEqual([]);
});
