import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { collectErrors } from './support/collect-errors';

const fixture = (name: string) => ({
  name,
  mimeType: 'text/plain',
  buffer: readFileSync(new URL(`../src/ingest/fixtures/${name}`, import.meta.url)),
});

test('the user can override a file’s detected encoding, and switch back', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles([fixture('vendor-sample.sjis.log')]);
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-count', '15');

  const note = page.getByTestId('log-row').filter({ hasText: '中継許可IPされたアドレス' });
  await expect(note).toHaveCount(2);
  const select = page.getByTestId('encoding-select');
  await expect(select).toHaveValue('shift_jis');
  await expect(page.getByTestId('file-row')).toContainText('detected');

  // Read as UTF-8, CP932 text is not Japanese any more: the rows are decoded again, not re-parsed.
  await select.selectOption('utf-8');
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId('file-row')).toContainText('chosen');
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-count', '15');

  await select.selectOption('shift_jis');
  await expect(note).toHaveCount(2);
  expect(errors).toEqual([]);
});
