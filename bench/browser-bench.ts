/**
 * The whole app in headless Chromium: build, serve `dist/`, hand the files to the page's file input
 * (disk-backed `File`s, the same path as a drop) and read the page's timing probe. Samples the
 * Chromium processes' memory from /proc meanwhile, then times reference lines on the same files.
 *
 *   npm run bench -- [--size MB] [--keep] [--timeout-min N] [--skip-build] [FILES...]
 *
 * Prints one JSON object on stdout; progress and page errors go to stderr. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { preview } from 'vite';
import { chromiumLaunchOptions } from '../e2e/browser';
import { log, MiB, resolveCorpus, ROOT } from './corpus';
import type { Corpus } from './corpus';
import { measureExplore } from './explore-bench';
import { ProcessSampler } from './proc-memory';
import { REFERENCE_WORKER_JS } from './reference-worker';
import type { ReferenceRequest, ReferenceResult } from './reference-worker';

declare global {
  interface Window {
    /** The `File`s of the last file-input change, captured before the app clears the input. */
    __benchFiles?: File[];
  }
}

/** What the reference worker reads per slice; the app reads 16 MiB (SLICE_BYTES, src/ingest/flow-control.ts). */
const REFERENCE_SLICE = 16 << 20;
/** Memory is sampled for this long before the drop, for the baseline. */
const BASELINE_MS = 1000;
/**
 * ...and for this long after the app is ready, so the peak also covers what follows a load (the
 * page rendering the summary, fresh parsers booting for the next drop, garbage not yet collected).
 */
const SETTLE_MS = 1000;
const FILE_INPUT = '[data-testid="file-input"]';

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** A fresh production build every time: the numbers must describe the code in the tree. */
function buildApp(): void {
  log('vite build');
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build'], {
    cwd: ROOT,
    // Vite's output goes to our stderr: stdout carries only the JSON result.
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) throw new Error(`vite build failed (${r.error?.message ?? `exit ${r.status}`})`);
}

interface LoadOutcome {
  probe: PmailProbe;
  wallMsToReady: number;
}

async function loadIntoPage(page: Page, files: string[], timeoutMs: number): Promise<LoadOutcome> {
  // Capture-phase listener on window: runs before React's handler, which empties the input.
  await page.evaluate(() => {
    window.addEventListener(
      'change',
      (e) => {
        const t = e.target;
        if (t instanceof HTMLInputElement && t.type === 'file' && t.files)
          window.__benchFiles = Array.from(t.files);
      },
      true,
    );
  });
  // A new load resets the probe with a new t0: wait for that load, not one the page made by itself.
  const t0Before = (await page.evaluate('window.__pmailProbe.t0')) as number | null;
  const t0 = performance.now();
  await page.locator(FILE_INPUT).setInputFiles(files);
  await page.waitForFunction(
    (before) => {
      const p = window.__pmailProbe;
      return p.t0 !== before && (p.state === 'ready' || p.state === 'error');
    },
    t0Before,
    { polling: 100, timeout: timeoutMs },
  );
  const wallMsToReady = performance.now() - t0;
  const probe = (await page.evaluate('JSON.parse(JSON.stringify(window.__pmailProbe))')) as PmailProbe;
  return { probe, wallMsToReady };
}

/** Runs the reference worker on the very `File` objects the app was given. */
async function runReference(page: Page, files: string[]): Promise<ReferenceResult & { filesFrom: string }> {
  let filesFrom = 'app-input (same File objects)';
  const captured = await page.evaluate((n) => window.__benchFiles?.length === n, files.length);
  if (!captured) {
    // Fallback: the same paths through an input of our own, still disk-backed Files.
    filesFrom = 'bench-input (same paths, new File objects)';
    await page.evaluate(() => {
      const i = document.createElement('input');
      i.type = 'file';
      i.multiple = true;
      i.id = 'bench-files';
      i.hidden = true;
      i.addEventListener('change', () => (window.__benchFiles = Array.from(i.files ?? [])));
      document.body.append(i);
    });
    await page.locator('#bench-files').setInputFiles(files);
  }
  const reply = await page.evaluate(
    async ({ src, sliceBytes }) => {
      const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
      const worker = new Worker(url);
      try {
        return await new Promise<{ ok: boolean; result?: ReferenceResult; message?: string }>((res) => {
          worker.onmessage = (e) => res(e.data);
          worker.onerror = (e) => res({ ok: false, message: e.message });
          const req: ReferenceRequest = { files: window.__benchFiles ?? [], sliceBytes };
          worker.postMessage(req);
        });
      } finally {
        worker.terminate();
        URL.revokeObjectURL(url);
      }
    },
    { src: REFERENCE_WORKER_JS, sliceBytes: REFERENCE_SLICE },
  );
  if (!reply.ok || !reply.result) throw new Error(`reference worker failed: ${reply.message}`);
  return { ...reply.result, filesFrom };
}

async function measure(browser: Browser, url: string, corpus: Corpus, timeoutMs: number) {
  // The reference worker is made from a blob: URL, which the app's policy rightly refuses; the
  // policy changes nothing the benchmark times.
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', locale: 'ja-JP', bypassCSP: true });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => {
    pageErrors.push(`pageerror: ${e.stack ?? e.message}`);
    log(`page error: ${e.message}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()}`);
  });
  page.on('crash', () => pageErrors.push('the page crashed (renderer gone: out of memory?)'));

  await page.goto(url);
  await page.locator(FILE_INPUT).waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForFunction('window.__pmailProbe !== undefined', undefined, { timeout: 30_000 });

  const sampler = new ProcessSampler(process.pid);
  sampler.start();
  await sleep(BASELINE_MS);
  sampler.endBaseline();
  log(`loading ${corpus.files.length} files, ${(corpus.bytes / MiB).toFixed(0)} MB`);
  let outcome: LoadOutcome;
  try {
    outcome = await loadIntoPage(page, corpus.files, timeoutMs);
    await sleep(SETTLE_MS);
  } catch (e) {
    for (const m of pageErrors) process.stderr.write(`${m}\n`);
    throw e;
  } finally {
    sampler.stop();
  }
  const settled = sampler.current();
  const memory = sampler.report();
  const { probe } = outcome;
  log(`probe: ${JSON.stringify(probe)}`);

  const ok = probe.state === 'ready' && probe.indexedAt !== null && probe.t0 !== null;
  let explore: Awaited<ReturnType<typeof measureExplore>> | undefined;
  if (ok) {
    log('explore: filters, a conversation, scrolling, twenty filters, clicks during a slow query');
    explore = await measureExplore(page, memory.workerRenderer?.pids ?? [], corpus.bytes / MiB);
  }
  let reference: Awaited<ReturnType<typeof runReference>> | undefined;
  if (ok) {
    log('reference: read only, newline scan, TextDecoder(shift_jis) in a fresh worker');
    reference = await runReference(page, corpus.files);
  }
  await context.close();
  return { probe, wallMsToReady: outcome.wallMsToReady, memory, settled, explore, reference, pageErrors, ok };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      size: { type: 'string', default: '1024' },
      keep: { type: 'boolean', default: false },
      'timeout-min': { type: 'string', default: '30' },
      // For working on this harness only: the numbers then describe whatever dist/ holds.
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const corpus = resolveCorpus(positionals, Number(values.size), values.keep);
  const loadBefore = round1(loadavg()[0]);
  try {
    if (!values['skip-build']) buildApp();
    const port = await freePort();
    const server = await preview({
      root: ROOT,
      logLevel: 'warn',
      preview: { port, strictPort: true, host: '127.0.0.1', open: false },
    });
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
      const url = `http://127.0.0.1:${port}/`;
      const r = await measure(browser, url, corpus, Number(values['timeout-min']) * 60_000);
      for (const e of r.pageErrors) process.stderr.write(`${e}\n`);
      const { probe, memory, reference } = r;
      const tab = memory.workerRenderer;
      const inputMB = corpus.bytes / MiB;
      const msToIndexed = probe.indexedAt !== null && probe.t0 !== null ? probe.indexedAt - probe.t0 : null;
      const msToFirstRows =
        probe.firstRowsAt !== null && probe.t0 !== null ? probe.firstRowsAt - probe.t0 : null;
      const indexMBps = msToIndexed ? inputMB / (msToIndexed / 1000) : null;
      const mbps = (ms: number) => round1(inputMB / (ms / 1000));
      const textDecoderShiftJisMBps = reference ? mbps(reference.textDecoderMs) : null;
      const result = {
        chromium: browser.version(),
        // Hashed asset names identify the build the numbers describe.
        build: readdirSync(join(ROOT, 'dist', 'assets'))
          .filter((f) => f.endsWith('.js'))
          .sort(),
        cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
        // Other work on the machine skews every number: 1-minute load before and after.
        loadAverage: { before: loadBefore, after: round1(loadavg()[0]) },
        corpus: {
          source: corpus.source,
          dir: corpus.dir,
          files: corpus.files.map((f) => basename(f)),
          generateSeconds: corpus.generateSeconds,
        },
        state: probe.state,
        bytes: corpus.bytes,
        probeBytes: probe.bytes,
        files: corpus.files.length,
        lines: probe.rowCount,
        expectedLines: corpus.lines,
        fileErrors: probe.fileErrors,
        msToFirstRows: msToFirstRows === null ? null : round1(msToFirstRows),
        msToIndexed: msToIndexed === null ? null : round1(msToIndexed),
        indexMBps: indexMBps === null ? null : round1(indexMBps),
        // The engine's clock from its load message: every file parsed and applied, index finished
        // (timeline merged, sessions placed), summary computed. The tail after parsedMs runs on
        // one core.
        enginePhasesMs: probe.phases && {
          parsed: round1(probe.phases.parsedMs),
          finished: round1(probe.phases.finishedMs),
          summarized: round1(probe.phases.summarizedMs),
        },
        // Node's view, from setInputFiles to the probe read as ready (includes 100 ms polling).
        wallMsToReady: round1(r.wallMsToReady),
        // CPU the tab's renderer (page + engine worker) used during the load; compare with msToIndexed.
        rendererCpuMs: tab?.cpuMs ?? null,
        // The same by thread: the page's main thread, each worker, Chromium's IO and pool threads.
        rendererThreadCpuMs: memory.processes.find((p) => p.hostsWorker)?.threadCpuMs ?? null,
        peakMemoryMB: {
          // The tab's renderer: the one running a dedicated worker (ours), page and worker together.
          renderer: tab?.peakMB ?? null,
          rendererBaseline: tab?.baselineMB ?? null,
          rendererGrowth: tab ? round1(tab.peakMB - tab.baselineMB) : null,
          // Every renderer summed (the tab's, a spare one, Chromium's own UI), peak of the sum.
          allRenderers: memory.peakMB.renderer,
          allRenderersBaseline: memory.baselineMB.renderer,
          allRenderersSettled: r.settled.renderer,
          browser: memory.peakMB.browser,
          gpu: memory.peakMB.gpu,
          utility: memory.peakMB.utility,
          allChromium: memory.peakMB.total,
          allChromiumBaseline: memory.baselineMB.total,
        },
        inputMB: round1(inputMB),
        peakMemoryRatio: tab && inputMB > 0 ? round3(tab.peakMB / inputMB) : null,
        // When the tab's RSS peaked, in ms after the drop: compare with enginePhasesMs.
        peakMemoryAtMs: memory.processes.find((p) => p.hostsWorker)?.peakAtMs ?? null,
        // The tab's private memory (RssAnon): RSS without the pages of Chromium's own code, which
        // every Chromium process maps and shares (Chrome's task manager calls this the memory
        // footprint).
        peakPrivateMB: tab?.peakPrivateMB ?? null,
        privateBaselineMB: tab?.baselinePrivateMB ?? null,
        peakPrivateRatio: tab && inputMB > 0 ? round3(tab.peakPrivateMB / inputMB) : null,
        peakGrowthRatio: tab && inputMB > 0 ? round3((tab.peakMB - tab.baselineMB) / inputMB) : null,
        memorySampling: {
          method:
            'VmRSS from /proc/PID/status of every Chromium process descended from this Node process; ' +
            'the tab renderer is the one with a DedicatedWorker thread',
          workerRendererPids: tab?.pids ?? [],
          intervalMs: memory.intervalMs,
          samples: memory.samples,
          maxGapMs: memory.maxGapMs,
          processes: memory.processes,
        },
        explore: r.explore,
        reference: reference && {
          filesFrom: reference.filesFrom,
          sliceMB: REFERENCE_SLICE / MiB,
          readOnlyMBps: mbps(reference.readOnlyMs),
          textDecoderShiftJisMBps,
          newlineScanMBps: mbps(reference.newlineScanMs),
          ratioToTextDecoder:
            indexMBps && textDecoderShiftJisMBps ? round3(indexMBps / textDecoderShiftJisMBps) : null,
          ratioToNewlineScan: indexMBps ? round3(indexMBps / mbps(reference.newlineScanMs)) : null,
          // Indexing against merely reading the same files.
          ratioToReadOnly: indexMBps ? round3(indexMBps / mbps(reference.readOnlyMs)) : null,
          readOnlyMs: round1(reference.readOnlyMs),
          newlineScanMs: round1(reference.newlineScanMs),
          textDecoderMs: round1(reference.textDecoderMs),
          newlines: reference.newlines,
          decodedChars: reference.decodedChars,
        },
        pageErrors: r.pageErrors.length,
      };
      console.log(JSON.stringify(result, null, 2));
      if (!r.ok) {
        log(`the load did not finish: state ${probe.state}, ${probe.fileErrors} file error(s)`);
        process.exitCode = 1;
      } else if (probe.fileErrors > 0) {
        log(`${probe.fileErrors} file(s) failed to load: the numbers cover only part of the input`);
        process.exitCode = 1;
      }
    } finally {
      await browser?.close();
      await server.close();
    }
  } finally {
    corpus.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
