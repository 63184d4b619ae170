import { expect, test as base } from '@playwright/test';

/**
 * Playwright's `test`, with one guarantee checked in every test: no request leaves the origin the
 * page was loaded from (blob: and data: URLs are the page's own). Nothing of the logs can leave.
 */
export const test = base.extend<{ sameOriginOnly: void }>({
  sameOriginOnly: [
    async ({ page }, use) => {
      let origin: string | undefined;
      const foreign: string[] = [];
      page.on('request', (r) => {
        const url = r.url();
        if (url.startsWith('blob:') || url.startsWith('data:')) return;
        const at = new URL(url).origin;
        origin ??= at; // the first request is the page's own navigation
        if (at !== origin) foreign.push(url);
      });
      await use();
      expect(foreign, 'requests to another origin').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
