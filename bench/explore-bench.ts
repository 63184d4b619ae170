/**
 * The explore view, timed in the page after a load (browser-bench.ts calls it): each kind of
 * filter (time to its first rows painted and to its final count, by the page's own clock), opening
 * a conversation, frame times while scrolling the whole table, memory after twenty filters, and how
 * fast the page answers a click while a slow query runs. See bench/README.md.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { RowFilter } from '../src/query/view-query';
import { encodeView } from '../src/state/view-hash';
import { EXPLORE_FILTERS } from './explore-filters';

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Frames of the scroll through the whole table. */
const SCROLL_FRAMES = 300;
/** Clicks made while the slow query runs, this far apart. */
const CLICKS = 5;
const CLICK_GAP_MS = 300;
/** A pattern a backtracking engine takes exponential time on; RE2 reads each line once, but every line. */
const SLOW_PATTERN = '(a+)+$';

/** Twenty different filters, one after another, for the memory figure. */
const TWENTY: RowFilter[] = [
  ...EXPLORE_FILTERS.map(([, f]) => f),
  { text: 'AUTH' },
  { text: 'quit' },
  { services: ['IMAP4'], errorsOnly: true },
  { services: ['MTA'] },
  { peer: '192.0.2' },
  { address: 'example.com' },
  { text: 'ログイン' },
  { services: ['SMTP', 'POP3'], text: 'error' },
  { from: Date.UTC(2025, 0, 10) / 1000, to: Date.UTC(2025, 0, 12) / 1000, errorsOnly: true },
];

interface QueryTiming {
  firstRowsMs: number;
  finalMs: number;
  /** The engine worker's own time, from the request reaching it to the final count. */
  engineMs: number | null;
  rows: number;
}

/**
 * Filters come this far apart, at a person's pace: the page has drawn the previous result's
 * facets and histogram (deferred behind its rows) before the next filter is set.
 */
const BETWEEN_FILTERS_MS = 500;

/** A filter (a regex over every line included) answers within this, or the run fails. */
const FILTER_TIMEOUT_MS = 180_000;

/** Sets the filter through the URL hash (the page applies it at once) and waits for its result. */
async function applyFilter(page: Page, filter: RowFilter): Promise<QueryTiming> {
  await page.waitForTimeout(BETWEEN_FILTERS_MS);
  const hash = encodeView(filter, undefined);
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForFunction(
    () => {
      const q = window.__pmailProbe.query;
      return q !== null && q.doneAt !== null && (q.firstRowsAt !== null || q.shown === 0);
    },
    undefined,
    { timeout: FILTER_TIMEOUT_MS },
  );
  await page.evaluate(() => window.__logview.idle());
  const q = (await page.evaluate('window.__pmailProbe.query')) as NonNullable<PmailProbe['query']>;
  return {
    // A filter that keeps nothing paints no rows: its first screen is its count.
    firstRowsMs: round1((q.firstRowsAt ?? q.doneAt!) - q.startedAt),
    finalMs: round1(q.doneAt! - q.startedAt),
    engineMs: q.engineMs,
    rows: q.shown,
  };
}

/** Resident and private memory of the tab's renderer processes, in MB, from /proc. */
function tabMemory(pids: number[]): { rssMB: number; privateMB: number } {
  let rss = 0;
  let anon = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      anon += Number(/RssAnon:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // The process is gone: it holds nothing.
    }
  }
  return { rssMB: round1(rss / 1024), privateMB: round1(anon / 1024) };
}

// The in-page code below is a string: tsx would wrap its inner functions in a helper (`__name`)
// that the page does not have.

/** Clicks the thread ID of a row and times it until the pane shows that session's lines. */
const CONVERSATION_JS = `(async () => {
  const links = document.querySelectorAll('[data-testid="thread-link"]');
  const link = links[Math.floor(links.length / 2)];
  const t0 = performance.now();
  link.click();
  await new Promise((resolve) => {
    const check = () => {
      const pane = document.querySelector('[data-testid="conversation"]');
      if (pane && pane.querySelector('[data-testid="conversation-line"]')) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
  return {
    ms: Math.round((performance.now() - t0) * 10) / 10,
    lines: document.querySelectorAll('[data-testid="conversation-line"]').length,
  };
})()`;

/** Scrolls from the top of the table to its end, a step per frame: the time between frames. */
const SCROLL_JS = (frames: number) => `(async () => {
  const scroller = document.querySelector('[data-testid="log-scroller"]');
  if (!scroller) throw new Error('no table to scroll');
  const out = [];
  let last = await new Promise((r) => requestAnimationFrame(r));
  for (let k = 1; k <= ${frames}; k++) {
    scroller.scrollTop = (k / ${frames}) * (scroller.scrollHeight - scroller.clientHeight);
    const now = await new Promise((r) => requestAnimationFrame(r));
    out.push(now - last);
    last = now;
  }
  return out;
})()`;

/** Records each click's time from its input event to the frame after its handlers ran (rAF, then a task). */
const CLICK_LATENCY_JS = `(() => {
  window.__clickMs = [];
  window.addEventListener('click', (e) => {
    requestAnimationFrame(() => setTimeout(() => window.__clickMs.push(performance.now() - e.timeStamp)));
  }, true);
})()`;

async function timeConversation(page: Page): Promise<{ ms: number; lines: number }> {
  return (await page.evaluate(CONVERSATION_JS)) as { ms: number; lines: number };
}

async function timeScroll(
  page: Page,
): Promise<{ frames: number; p50Ms: number; p95Ms: number; maxMs: number }> {
  const gaps = (await page.evaluate(SCROLL_JS(SCROLL_FRAMES))) as number[];
  const sorted = [...gaps].sort((a, b) => a - b);
  const at = (q: number) => round1(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { frames: gaps.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

/**
 * Starts SLOW_PATTERN (every line decoded and matched, nothing found) and, while it runs, opens
 * and closes the column chooser: each click's time from the input event to the frame after its
 * handlers ran.
 */
async function timeClicksDuringQuery(page: Page) {
  await page.evaluate(CLICK_LATENCY_JS);
  const hash = encodeView({ regex: SLOW_PATTERN }, undefined);
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  let runningThroughout = true;
  for (let i = 0; i < CLICKS; i++) {
    await page.waitForTimeout(CLICK_GAP_MS);
    await page.locator('[data-testid="column-chooser"]').click({ timeout: 5000 });
    const done = await page.evaluate(() => (window.__pmailProbe.query?.doneAt ?? null) !== null);
    if (done) runningThroughout = false;
  }
  await page.waitForTimeout(200);
  const clicks = (await page.evaluate('window.__clickMs')) as number[];
  return {
    pattern: SLOW_PATTERN,
    clicks: clicks.length,
    maxMs: round1(Math.max(...clicks)),
    meanMs: round1(clicks.reduce((a, b) => a + b, 0) / Math.max(1, clicks.length)),
    // Whether the query was still running at every click (else the figure says less).
    queryRunningThroughout: runningThroughout,
  };
}

/** Runs `act` (a click on the deliveries view) and times it to the deliveries' final count, by the page's clock. */
async function timeReport(page: Page, act: () => Promise<void>): Promise<{ ms: number; entries: number }> {
  await page.waitForTimeout(BETWEEN_FILTERS_MS);
  const before = (await page.evaluate('window.__pmailProbe.report?.startedAt ?? null')) as number | null;
  await act();
  await page.waitForFunction((b) => {
    const r = window.__pmailProbe.report;
    return r !== null && r.startedAt !== b && r.doneAt !== null;
  }, before);
  await page.evaluate(() => window.__logview.idle());
  const r = (await page.evaluate('window.__pmailProbe.report')) as NonNullable<PmailProbe['report']>;
  return { ms: round1(r.doneAt! - r.startedAt), entries: r.shown };
}

/**
 * The deliveries: the overview on screen after the load, failed-only on and off, a code's bar
 * clicked (the first failure code the chart shows).
 */
async function measureDeliveries(page: Page) {
  const probe = (await page.evaluate('window.__pmailProbe')) as PmailProbe;
  const overviewMs =
    probe.overviewAt !== null && probe.indexedAt !== null ? round1(probe.overviewAt - probe.indexedAt) : null;
  await page.getByTestId('tab-deliveries').click();
  await page.evaluate(() => window.__logview.idle());
  const failedOnly = await timeReport(page, () => page.getByTestId('failed-only').check());
  const allAgain = await timeReport(page, () => page.getByTestId('failed-only').uncheck());
  const bar = page.locator('[data-testid="code-bar"]:not([data-code="0"])').first();
  const code = Number(await bar.getAttribute('data-code'));
  const byCode = await timeReport(page, () => bar.click());
  await page.getByTestId('report-code-chip').click();
  await page.getByTestId('tab-log').click();
  await page.evaluate(() => window.__logview.idle());
  return { overviewMs, failedOnly, allAgain, byCode: { code, ...byCode } };
}

export async function measureExplore(page: Page, tabPids: number[], inputMB: number) {
  await page.evaluate(() => window.__logview.idle());
  const filters: Record<string, QueryTiming> = {};
  for (const [name, filter] of EXPLORE_FILTERS) filters[name] = await applyFilter(page, filter);
  filters['one session'] = await applyFilter(page, { session: 1000 });

  await applyFilter(page, {});
  const conversation = await timeConversation(page);
  await page.keyboard.press('Escape');
  const scroll = await timeScroll(page);

  const memory: Array<{ filters: number; rssMB: number; privateMB: number }> = [];
  memory.push({ filters: 0, ...tabMemory(tabPids) });
  for (let i = 0; i < TWENTY.length; i++) {
    await applyFilter(page, TWENTY[i]);
    if (i === 9 || i === 19) memory.push({ filters: i + 1, ...tabMemory(tabPids) });
  }
  const after20 = memory.at(-1)!;
  const after10 = memory[1];
  const clickDuringQuery = await timeClicksDuringQuery(page);
  // The slow query is replaced: how long the page takes to come back from it.
  const afterSlowQuery = await applyFilter(page, {});
  const deliveries = await measureDeliveries(page);
  return {
    deliveries,
    filters,
    conversation,
    scroll,
    memoryAfterFilters: {
      samples: memory,
      privateRatioAfter20: Math.round((after20.privateMB / inputMB) * 1000) / 1000,
      rssRatioAfter20: Math.round((after20.rssMB / inputMB) * 1000) / 1000,
      // Growth per filter over the last ten: near zero when nothing is kept per filter.
      privateMBPerFilter: round1((after20.privateMB - after10.privateMB) / 10),
    },
    clickDuringQuery: { ...clickDuringQuery, nextFilter: afterSlowQuery },
  };
}
