/**
 * `npm run screenshots`: builds the app, loads the built-in sample in headless Chromium and writes
 * the pictures the README shows into docs/screenshots/. Japanese text needs CJK fonts on the
 * machine (Debian: `apt-get install -y fonts-noto-cjk`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { chromiumLaunchOptions } from '../e2e/browser';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const idle = (page: Page) => page.evaluate(() => window.__logview.idle());

async function main(): Promise<void> {
  const build = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  mkdirSync(OUT, { recursive: true });
  const server = await preview({ root: ROOT, preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview gave no URL');
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    // A Japanese browser: the overview and the deliveries in Japanese (the fonts must render it),
    // then the log view in English.
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 }, locale: 'ja-JP' });
    await page.goto(url);
    await page.getByTestId('load-sample').click();
    await page.getByTestId('row-count').waitFor({ timeout: 30_000 });
    await idle(page);
    await page.screenshot({ path: `${OUT}overview.png` });
    console.error(`wrote ${OUT}overview.png`);
    // Deliveries: failed only, the overview folded away.
    await page.locator('.overview > summary').click();
    await page.getByTestId('tab-deliveries').click();
    await page.getByTestId('failed-only').check();
    await idle(page);
    await page.getByTestId('report-row').first().waitFor();
    await page.screenshot({ path: `${OUT}deliveries.png` });
    console.error(`wrote ${OUT}deliveries.png`);
    await page.getByTestId('failed-only').uncheck();
    await page.getByTestId('tab-log').click();
    await page.getByTestId('lang-toggle').click();
    await idle(page);
    // Explore: relay denials on the first two days of April, one opened as a conversation.
    await page.getByTestId('time-from').fill('2025/04/01');
    await page.getByTestId('time-from').press('Enter');
    await page.getByTestId('time-to').fill('2025/04/03');
    await page.getByTestId('time-to').press('Enter');
    await page.getByTestId('text-filter').fill('relay');
    await page.getByTestId('text-filter').press('Enter');
    await idle(page);
    await page.getByTestId('thread-link').nth(2).click();
    await idle(page);
    await page.screenshot({ path: `${OUT}explore.png` });
    console.error(`wrote ${OUT}explore.png`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
