import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { collectErrors } from './support/collect-errors';
import { cspViolations, recordCspViolations, tryInjections } from './support/csp';

const manifest = JSON.parse(
  readFileSync(new URL('../public/sample/manifest.json', import.meta.url), 'utf8'),
) as {
  expected: { lines: number };
};

// A newcomer's first `npm start`: the page must not reload under them while Vite discovers
// dependencies, so a click on "Load sample logs" at once loads the sample.
test('the dev server, freshly started, loads the sample on the first click', async ({ page }) => {
  const errors = collectErrors(page);
  await recordCspViolations(page);
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  const rowCount = page.getByTestId('row-count');
  await expect(rowCount).toHaveAttribute('data-count', String(manifest.expected.lines), { timeout: 30_000 });
  await expect(page.getByTestId('log-row').first()).toBeVisible();
  // What loads on first use (the chart, a Japanese search term's encoder) must not reload the page either.
  await expect(page.getByTestId('histogram')).toBeVisible();
  await page.getByTestId('text-filter').fill('中継');
  await page.getByTestId('text-filter').press('Enter');
  await page.evaluate(() => window.__logview.idle());
  await expect(page.getByTestId('row-count')).not.toHaveAttribute(
    'data-shown',
    String(manifest.expected.lines),
  );
  expect(loads).toBe(1);
  // Under the dev server's policy: its inline preamble and injected styles carry the nonce.
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the dev server sends a strict CSP, inline code allowed by nonce only, and the browser enforces it', async ({
  page,
}) => {
  await recordCspViolations(page);
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toMatch(/unsafe-inline|'unsafe-eval'|https?:|\*/);
  await expect(page.getByTestId('load-sample')).toBeVisible();
  expect(await tryInjections(page)).toEqual([]);
  await expect
    .poll(async () => new Set((await cspViolations(page)).map((v) => v.split(' ')[0])))
    .toEqual(new Set(['script-src-elem', 'script-src-attr', 'style-src-elem', 'connect-src']));
});
