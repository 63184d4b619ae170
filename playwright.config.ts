import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/browser';

/** The production build, served by `vite preview`: what every spec but the dev one tests. */
const previewPort = 4174;
/** The dev server as `npm start` runs it, its dependency cache rebuilt as on a fresh clone. */
const devPort = 4175;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    timezoneId: 'Asia/Tokyo',
    // The interface follows the browser's language: the tests read its English; language.spec.ts
    // runs a Japanese browser.
    locale: 'en-US',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    {
      name: 'build',
      testIgnore: /dev-server\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${previewPort}` },
    },
    {
      name: 'dev-server',
      testMatch: /dev-server\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${devPort}` },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --port ${previewPort} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${previewPort}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // --force: dependencies optimised from scratch, as on the first `npm start` of a fresh clone.
      command: `npx vite --force --port ${devPort} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${devPort}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
