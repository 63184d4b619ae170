import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { collectErrors } from './support/collect-errors';

test('hostile lines stay text: markup, garbage, a 200 KB line and a lone 0x80 byte', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const markup = [
    '[SMTP] 2025/04/01 10:00:00 [000] Connect from <img src=x onerror="window.__pwned=1">(192.0.2.1)',
    '[SMTP] 2025/04/01 10:00:01 [000] HELO <script>window.__pwned=1</script>',
    '=HYPERLINK("http://example.invalid","x")',
  ].join('\r\n');
  await page.getByTestId('file-input').setInputFiles([
    {
      name: 'mixed-garbage.sjis.log',
      mimeType: 'text/plain',
      buffer: readFileSync(new URL('../src/ingest/fixtures/mixed-garbage.sjis.log', import.meta.url)),
    },
    { name: 'markup.log', mimeType: 'text/plain', buffer: Buffer.from(markup + '\r\n') },
  ]);
  // 12 lines in the fixture (5 unparsed), 3 in the markup file: nothing dropped, nothing merged.
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-count', '15');
  const cells = page.locator('[data-testid="file-row"][data-name="mixed-garbage.sjis.log"] td');
  await expect(cells.nth(5)).toHaveText('12'); // lines
  await expect(cells.nth(6)).toHaveText('4'); // unparsed (month 13 is kept, flagged)

  const scriptRow = page.getByTestId('log-row').filter({ hasText: 'HELO <script>window.__pwned=1</script>' });
  await expect(scriptRow).toHaveCount(1);
  await expect(page.getByTestId('log-row').filter({ hasText: '<img src=x onerror=' })).toHaveCount(1);
  await expect(page.getByTestId('log-row').filter({ hasText: '=HYPERLINK(' })).toHaveCount(1);
  // Rendered as text: no element was created from the log, nothing ran.
  expect(await page.locator('.log-table img, .log-table script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});
