/**
 * Where the load's time goes, inside Chromium: CPU profiles of the engine worker and the parse
 * worker for one load of the corpus, through the same file input as a drop.
 *
 *   npm run bench:profile -- [--size MB] [--keep] [FILES...]
 *
 * Writes one `.cpuprofile` per worker to bench/out/profiles/ (open them in Chrome DevTools'
 * Performance panel) and prints the top functions by self time as JSON. The build is unminified so
 * the names are ours. Workers are reached through the browser's target list: Playwright does not
 * profile workers itself.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { chromiumLaunchOptions } from '../e2e/browser';
import { log, OUT_DIR, resolveCorpus, ROOT } from './corpus';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The engine, its reader and its two parsers. */
const WORKERS = 4;
const { values, positionals } = parseArgs({
  options: { size: { type: 'string', default: '256' }, keep: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const corpus = resolveCorpus(positionals, Number(values.size), values.keep);
log('building (unminified)');
const build = spawnSync('npx', ['vite', 'build', '--minify', 'false'], { cwd: ROOT, stdio: 'ignore' });
if (build.status !== 0) throw new Error('vite build failed');

const server = await preview({ root: ROOT, preview: { port: 0, host: '127.0.0.1' } });
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('vite preview gave no URL');
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__pmailProbe !== undefined);
  const cdp = await browser.newBrowserCDPSession();
  // The workers boot with the page (warmUpEngine); wait until all are listed.
  let workers: Array<{ targetId: string; url: string }> = [];
  for (let i = 0; i < 50 && workers.length < WORKERS; i++) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: Array<{ targetId: string; type: string; url: string }>;
    };
    // A nested worker is listed before its script URL is known: wait for the URLs too.
    workers = targetInfos.filter((t) => t.type === 'worker' && t.url !== '');
    if (workers.length < WORKERS) await new Promise((r) => setTimeout(r, 100));
  }
  // Non-flat sessions: commands go through Target.sendMessageToTarget, replies come back as events.
  let nextId = 1;
  const replies = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (msg.id !== undefined) replies.get(msg.id)?.(msg.result);
  });
  const call = <T>(sessionId: string, method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      replies.set(id, (r) => resolve(r as T));
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
  const sessions: Array<{ name: string; sessionId: string }> = [];
  for (const w of workers) {
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: w.targetId,
      flatten: false,
    })) as {
      sessionId: string;
    };
    const kind = /(\w+\.worker)/.exec(w.url)?.[1] ?? w.url;
    const same = sessions.filter((s) => s.name.startsWith(kind)).length;
    sessions.push({ name: same === 0 ? kind : `${kind}-${same + 1}`, sessionId });
    await call(sessionId, 'Profiler.enable');
    await call(sessionId, 'Profiler.setSamplingInterval', { interval: 200 });
    await call(sessionId, 'Profiler.start');
  }
  log(`profiling ${sessions.map((s) => s.name).join(', ')}; loading ${corpus.files.length} files`);
  await page.locator('[data-testid="file-input"]').setInputFiles(corpus.files);
  await page.waitForFunction(() => window.__pmailProbe.state === 'ready', undefined, { timeout: 600_000 });
  const probe = await page.evaluate(() => ({ ...window.__pmailProbe }));
  const dir = join(OUT_DIR, 'profiles');
  mkdirSync(dir, { recursive: true });
  const result: Record<string, unknown> = { bytes: corpus.bytes, msToIndexed: probe.indexedAt! - probe.t0! };
  for (const s of sessions) {
    const { profile } = await call<{ profile: Profile }>(s.sessionId, 'Profiler.stop');
    const file = join(dir, `${s.name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    result[s.name] = { profile: file, top: topSelfTime(profile, 15) };
  }
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await server.close();
  corpus.dispose();
}

/** Self time per function (name:line in the unminified bundle), most first, in ms and % of the profile. */
function topSelfTime(p: Profile, n: number) {
  const byId = new Map(p.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([fn, us]) => `${Math.round(us / 1000)} ms  ${((us / total) * 100).toFixed(1)}%  ${fn}`);
}
