import type { Page } from '@playwright/test';

/** Requests the page makes to anything but its own origin (blob: and data: URLs are its own). */
export function collectForeignRequests(page: Page, origin: () => string): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('blob:') || url.startsWith('data:')) return;
    if (!url.startsWith(origin())) foreign.push(url);
  });
  return foreign;
}
