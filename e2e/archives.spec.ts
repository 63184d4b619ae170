import { readFileSync } from 'node:fs';
import { gzipSync as gzipNative } from 'node:zlib';
import type { Page } from '@playwright/test';
import { gzipSync, zipSync } from 'fflate';
import { collectErrors } from './support/collect-errors';
import { expect, test } from './support/test';

const sampleDir = new URL('../public/sample/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', sampleDir), 'utf8')) as {
  files: string[];
  expected: { lines: number };
};
const sample = (name: string) => new Uint8Array(readFileSync(new URL(name, sampleDir)));
const idle = (page: Page) => page.evaluate(() => window.__logview.idle());

test('a zipped logs folder and a gzipped log open like their files; a bomb is named and stopped', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const [gzipped, ...zipped] = manifest.files;
  const zip = zipSync(Object.fromEntries(zipped.map((name) => [`logs/${name}`, sample(name)])));
  const bomb = gzipNative(new Uint8Array(100 << 20).fill(0x41));
  await page.getByTestId('file-input').setInputFiles([
    { name: 'logs.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) },
    { name: `${gzipped}.gz`, mimeType: 'application/gzip', buffer: Buffer.from(gzipSync(sample(gzipped))) },
    { name: 'bomb.log.gz', mimeType: 'application/gzip', buffer: bomb },
  ]);
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-count', String(manifest.expected.lines), {
    timeout: 30_000,
  });
  await idle(page);
  const fileError = page.getByTestId('file-error');
  await expect(fileError).toHaveCount(1);
  await expect(fileError).toHaveAttribute('data-code', 'archive-bomb');
  await expect(fileError).toContainText('bomb.log.gz');
  await expect(
    page.locator(`[data-testid="file-row"][data-name="logs.zip/logs/${zipped[0]}"]`),
  ).toBeVisible();
  await expect(page.locator(`[data-testid="file-row"][data-name="${gzipped}"]`)).toBeVisible();
  await page.getByTestId('log-row').first().click();
  expect(errors).toEqual([]);
});

test('a load past what the page can hold: the files past it are named with what to do, the others load', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const [first, second, ...rest] = manifest.files;
  const budget = sample(first).length + sample(second).length;
  await page.addInitScript((b) => (window.__pmailLoadBudget = b), budget);
  await page.goto('/');
  await page
    .getByTestId('file-input')
    .setInputFiles(
      manifest.files.map((name) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(sample(name)) })),
    );
  await expect(page.getByTestId('row-count')).toBeVisible({ timeout: 30_000 });
  await idle(page);
  const refused = page.locator('[data-testid="file-error"][data-code="over-load-limit"]');
  await expect(refused).toHaveCount(rest.length);
  await expect(refused.first()).toContainText(rest[0]);
  await expect(refused.first()).toContainText('open fewer files at once');
  await expect(page.locator('[data-testid="file-row"]')).toHaveCount(2);
  expect(errors).toEqual([]);
});
