import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { collectErrors } from './support/collect-errors';

function fixtureBytes(name: string): number[] {
  return Array.from(readFileSync(new URL(`../src/ingest/fixtures/${name}`, import.meta.url)));
}

type Payload = Array<{ name: string; bytes: number[] }>;

/** Dispatches drag events carrying `files`, as the browser does for a real drop. */
async function dispatchDrag(page: Page, types: string[], files: Payload) {
  await page.evaluate(
    ({ types, files }) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
      const target = document.querySelector('[data-testid="drop-zone"]');
      if (!target) throw new Error('no drop zone');
      for (const type of types) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    },
    { types, files },
  );
}

test('a drop loads the log and names the file that is not one', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const files: Payload = [
    { name: 'vendor-sample.sjis.log', bytes: fixtureBytes('vendor-sample.sjis.log') },
    { name: 'binary.bin', bytes: fixtureBytes('binary.bin') },
  ];

  await dispatchDrag(page, ['dragenter', 'dragover'], files);
  await expect(page.getByTestId('drop-zone')).toHaveAttribute('data-dragging', 'true');
  await expect(page.getByText('Drop log files or a logs folder')).toBeVisible();

  await dispatchDrag(page, ['drop'], files);
  await expect(page.getByTestId('drop-zone')).not.toHaveAttribute('data-dragging');

  await expect(page.getByTestId('row-count')).toHaveAttribute('data-count', '15');
  const fileError = page.getByTestId('file-error');
  await expect(fileError).toHaveCount(1);
  await expect(fileError).toContainText('binary.bin');
  await expect(fileError).toHaveAttribute('data-code', 'binary');
  await expect(page.locator('[data-testid="file-row"][data-name="vendor-sample.sjis.log"]')).toBeVisible();
  await expect(page.getByTestId('log-row')).toHaveCount(15);
  await expect(page.getByTestId('log-row').filter({ hasText: '中継許可IPされたアドレス' })).toHaveCount(2);

  const probe = await page.evaluate(() => window.__pmailProbe);
  expect(probe).toMatchObject({ state: 'ready', rowCount: 15, fileErrors: 1 });

  expect(errors).toEqual([]);
});

test('the file picker takes the same path', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles([
    {
      name: 'vendor-sample.utf8.log',
      mimeType: 'text/plain',
      buffer: readFileSync(new URL('../src/ingest/fixtures/vendor-sample.utf8.log', import.meta.url)),
    },
    {
      name: 'format-1.26.sjis.log',
      mimeType: 'text/plain',
      buffer: readFileSync(new URL('../src/ingest/fixtures/format-1.26.sjis.log', import.meta.url)),
    },
  ]);

  await expect(page.getByTestId('row-count')).toHaveAttribute('data-count', String(15 + 18));
  await expect(page.getByTestId('row-count')).toContainText('33 of 33 lines');
  await expect(page.getByTestId('file-row')).toHaveCount(2);
  await expect(page.getByTestId('best-effort-note')).toBeVisible();
  await expect(page.getByTestId('file-error')).toHaveCount(0);
  await expect(
    page.getByTestId('log-row').filter({ hasText: 'サービスを開始しました' }).first(),
  ).toBeVisible();

  expect(errors).toEqual([]);
});
