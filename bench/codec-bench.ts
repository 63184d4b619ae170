/**
 * iconv-lite against TextDecoder, through the app's own `decodeBytes`, on the same work in Node and
 * in headless Chromium: windows of 100 short log messages decoded one line at a time (what showing
 * rows costs), and one bulk decode of 16 MB. Also checks that both give the same strings.
 *
 *   npm run bench:codec -- [--size MB] [--keep] [--no-browser] [FILE]
 *
 * The work comes from the head of the first service log of the corpus (or FILE). In Chromium the
 * bytes are read from a disk-backed `File` and the comparison runs from a Vite-built bundle of
 * bench/codec-work.ts, which carries iconv-lite (and its Buffer shim) just as the app's worker does.
 * Prints one JSON object on stdout. See bench/README.md.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../e2e/browser';
import type * as CodecWorkModule from './codec-work';
import { BULK_BYTES, compareCodecs, prepareCodecWork } from './codec-work';
import type { CodecReport, CompareOptions } from './codec-work';
import { isServiceLog, log, OUT_DIR, readHead, resolveCorpus, ROOT } from './corpus';

declare global {
  interface Window {
    __pmailCodecBench?: typeof CodecWorkModule;
  }
}

const BUNDLE_DIR = join(OUT_DIR, 'codec-bundle');
const BUNDLE_NAME = 'codec-work.js';
const OPTIONS: CompareOptions = { rounds: 7, minMsPerRound: 300, bulkRuns: 3 };

/**
 * Bundles bench/codec-work.ts with the app's Vite config (its Buffer/StringDecoder aliases for
 * iconv-lite) as one IIFE exposing `window.__pmailCodecBench`. Nothing is added to the app.
 */
async function buildBundle(): Promise<string> {
  log('bundling bench/codec-work.ts for Chromium');
  await build({
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: BUNDLE_DIR,
      emptyOutDir: true,
      sourcemap: false,
      copyPublicDir: false,
      lib: {
        entry: join(ROOT, 'bench', 'codec-work.ts'),
        formats: ['iife'],
        name: '__pmailCodecBench',
        fileName: () => BUNDLE_NAME,
      },
    },
  });
  const path = join(BUNDLE_DIR, BUNDLE_NAME);
  if (!existsSync(path)) throw new Error(`the bundle was not written to ${path}`);
  return path;
}

async function runInChromium(file: string): Promise<{ chromium: string; report: CodecReport }> {
  const bundle = await buildBundle();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.setContent('<input type="file" id="f">');
    await page.locator('#f').setInputFiles(file);
    await page.addScriptTag({ path: bundle });
    log('timing in Chromium');
    const report = await page.evaluate(
      async ({ bulkBytes, opts }) => {
        const lib = window.__pmailCodecBench;
        const f = document.querySelector<HTMLInputElement>('#f')?.files?.[0];
        if (!lib || !f) throw new Error('the codec bundle or the file is missing');
        const head = new Uint8Array(await f.slice(0, bulkBytes).arrayBuffer());
        return lib.compareCodecs(lib.prepareCodecWork(head), opts);
      },
      { bulkBytes: BULK_BYTES, opts: OPTIONS },
    );
    for (const e of errors) process.stderr.write(`chromium: ${e}\n`);
    if (errors.length > 0) process.exitCode = 1;
    return { chromium: browser.version(), report };
  } finally {
    await browser?.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      // Shares bench/out/corpus-256 with the node bench when kept; only the first 16 MB are used.
      size: { type: 'string', default: '256' },
      keep: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
    },
  });
  const corpus = resolveCorpus(positionals, Number(values.size), values.keep);
  try {
    const file = corpus.files.find(isServiceLog);
    if (!file) throw new Error('no service log (a file starting with "[") among the inputs');
    log(`timing in Node on the head of ${basename(file)}`);
    const node = compareCodecs(prepareCodecWork(readHead(file, BULK_BYTES)), OPTIONS);
    const browser = values['no-browser'] ? undefined : await runInChromium(file);
    if (browser && browser.report.work.checksum !== node.work.checksum) {
      log('Node and Chromium did not time the same bytes: the comparison across runtimes is void');
      process.exitCode = 1;
    }
    const result = {
      file: basename(file),
      options: OPTIONS,
      // Other work on the machine skews the timings: 1-minute load average at the end.
      loadAverage: Math.round(loadavg()[0] * 10) / 10,
      node: { version: process.version, ...node },
      chromium: browser && { version: browser.chromium, ...browser.report },
      verdict: {
        shortLineWindows: { node: node.faster.windows, chromium: browser?.report.faster.windows },
        nonAsciiWindows: {
          node: node.faster.nonAsciiWindows,
          chromium: browser?.report.faster.nonAsciiWindows,
        },
        bulk16MB: { node: node.faster.bulk16MB, chromium: browser?.report.faster.bulk16MB },
        agree: {
          node: node.agreement.lineDisagreements === 0 && node.agreement.bulkEqual,
          chromium:
            browser && browser.report.agreement.lineDisagreements === 0 && browser.report.agreement.bulkEqual,
        },
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    corpus.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
