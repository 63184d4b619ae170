/**
 * The indexing core alone, in Node: no browser, no worker, no file reads inside the timing.
 *
 *   npm run bench:node -- [--size MB] [--runs N] [--keep] [FILES...]
 *
 * Prints one JSON object on stdout; progress goes to stderr. See bench/README.md.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { bytesSource, indexSources } from '../src/ingest/index-files';
import type { LogIndex } from '../src/model/log-index';
import { log, MiB, resolveCorpus } from './corpus';

const round1 = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      size: { type: 'string', default: '256' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const corpus = resolveCorpus(positionals, Number(values.size), values.keep);
  try {
    // Read everything first: the timing is the indexer's, not the disk's.
    const inputs = corpus.files.map((f) => ({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) }));
    const bytes = inputs.reduce((n, f) => n + f.bytes.length, 0);
    const runsMs: number[] = [];
    let index: LogIndex | undefined;
    const fileErrors: string[] = [];
    for (let r = 0; r < runs; r++) {
      // Drop the previous run's index before timing the next, so runs do not share a heap.
      index = undefined;
      fileErrors.length = 0;
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      index = await indexSources(
        inputs.map((f) => bytesSource(f.name, f.bytes)),
        { onFileError: (_i, e) => fileErrors.push(`${e.fileName}: ${e.message}`) },
      );
      runsMs.push(performance.now() - t0);
      log(`run ${r + 1}/${runs}: ${runsMs[r].toFixed(0)} ms`);
    }
    if (!index) throw new Error('--runs must be at least 1');
    const best = Math.min(...runsMs);
    const mem = process.memoryUsage();
    const result = {
      node: process.version,
      // Other work on the machine skews the timings: 1-minute load average at the end.
      loadAverage: round1(loadavg()[0]),
      corpus: { source: corpus.source, dir: corpus.dir, files: corpus.files.map((f) => basename(f)) },
      bytes,
      inputMB: round1(bytes / MiB),
      lines: index.rows.count,
      expectedLines: corpus.lines,
      sessions: index.sessions.count,
      reportEntries: index.report.count,
      unparsed: index.files.reduce((n, f) => n + f.unparsed, 0),
      fileErrors,
      runsMs: runsMs.map(round1),
      bestMs: round1(best),
      bestMBps: round1(bytes / MiB / (best / 1000)),
      // With the last index still alive (and the input copies), i.e. what a loaded app holds.
      heapUsedMB: round1(mem.heapUsed / MiB),
      arrayBuffersMB: round1(mem.arrayBuffers / MiB),
      rssMB: round1(mem.rss / MiB),
      peakRssMB: round1((process.resourceUsage().maxRSS * 1024) / MiB),
    };
    console.log(JSON.stringify(result, null, 2));
    if (fileErrors.length > 0) process.exitCode = 1;
  } finally {
    corpus.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
