import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * Playwright cannot download its own browsers on our machines, so we drive Debian's Chromium:
 * CHROMIUM_PATH wins, then /usr/bin/chromium; elsewhere Playwright's own browser is used.
 * The extra flags stop Chromium from reaching for the network, which is closed here.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const executablePath = existsSync(candidate) ? candidate : undefined;
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return { executablePath, args };
}
