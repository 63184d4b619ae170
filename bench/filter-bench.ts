/**
 * `npm run bench:filters -- [--size MB] [FILES...]`: the explore view's filters in Node, over an
 * index of the corpus (bench/corpus.ts): for each kind of filter, the time to the first screen of
 * rows and to the final count, on the same index. Prints one JSON object.
 */
import { encodeTerm } from '../src/ingest/encode-term';
import { indexSources } from '../src/ingest/index-files';
import type { LogIndex } from '../src/model/log-index';
import { describeConversation } from '../src/query/conversation';
import { sessionRows } from '../src/query/session-rows';
import { decoderOf } from '../src/ingest/codec';
import type { ReportFilter, RowFilter } from '../src/query/view-query';
import { selectItems, selectionSize, type Selection } from '../src/query/view-selection';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bytesSource } from '../src/ingest/index-files';
import { log, resolveCorpus } from './corpus';
import { EXPLORE_FILTERS } from './explore-filters';

const FIRST_SCREEN = 50;

const FILTERS: Array<[string, RowFilter]> = [
  // What the table computes as a load ends (the whole log's facets and histogram); later filters reuse its counts.
  ['none', {}],
  ...EXPLORE_FILTERS,
];

/** The deliveries view's filters: none (as the load ends), failed only, one code, sorted by sender. */
const REPORT_FILTERS: Array<[string, ReportFilter]> = [
  ['none', {}],
  ['failed only', { failedOnly: true }],
  ['one code', { codes: [-4] }],
  ['sorted by sender', { sort: { by: 'sender' } }],
];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { size: { type: 'string', default: '1024' }, keep: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const corpus = resolveCorpus(positionals, Number(values.size), values.keep);
  const bytes = corpus.bytes;
  const sources = corpus.files.map((f) => bytesSource(basename(f), new Uint8Array(readFileSync(f))));
  log(`indexing ${corpus.files.length} files`);
  const t0 = performance.now();
  const index = await indexSources(sources, {});
  const indexMs = performance.now() - t0;
  // As the engine does once the load is done (engine.ts), before the user's first filter.
  const t1 = performance.now();
  sessionRows(index);
  const sessionRowsMs = performance.now() - t1;
  const filters = [...FILTERS, ['thread', threadOfMiddle(index)] as [string, RowFilter]];
  const results: Record<string, { firstRowsMs: number; finalMs: number; rows: number }> = {};
  for (const [name, filter] of filters) {
    const start = performance.now();
    let firstRowsMs = NaN;
    const note = (s: Selection) => {
      if (Number.isNaN(firstRowsMs) && selectionSize(s) >= FIRST_SCREEN)
        firstRowsMs = performance.now() - start;
    };
    const selection = await selectItems(
      index,
      { source: 'rows', filter },
      { pause: async () => {}, stopped: () => false, progress: note },
      encodeTerm,
    );
    const finalMs = performance.now() - start;
    if (!selection) throw new Error('stopped');
    if (Number.isNaN(firstRowsMs)) firstRowsMs = finalMs;
    results[name] = {
      firstRowsMs: round(firstRowsMs),
      finalMs: round(finalMs),
      rows: selectionSize(selection),
    };
  }
  const deliveries: Record<string, { ms: number; entries: number }> = {};
  for (const [name, filter] of REPORT_FILTERS) {
    const start = performance.now();
    const selection = await selectItems(
      index,
      { source: 'report', filter },
      { pause: async () => {}, stopped: () => false },
      encodeTerm,
    );
    deliveries[name] = {
      ms: round(performance.now() - start),
      entries: selection ? selectionSize(selection) : 0,
    };
  }
  const retained = await retainedPerFilter(
    index,
    filters.map(([, f]) => f),
  );
  const s = Math.floor(index.sessions.count / 2);
  const c0 = performance.now();
  const conversation = describeConversation(index, s, decoderOf(index));
  const conversationMs = performance.now() - c0;
  corpus.dispose();
  console.log(
    JSON.stringify(
      {
        bytes,
        rows: index.rows.count,
        sessions: index.sessions.count,
        indexMs: round(indexMs),
        sessionRowsMs: round(sessionRowsMs),
        filters: results,
        deliveries,
        conversation: { ms: round(conversationMs), lines: conversation.lines.length },
        retainedPerFilter: retained,
      },
      null,
      2,
    ),
  );
}

/**
 * Memory the engine keeps per filter: heap and array buffers after a full collection, with only
 * the last selection held (as a view holds it), after one round of the filters and after three.
 * Near zero when a filter leaves nothing behind but its own result.
 */
async function retainedPerFilter(index: LogIndex, filters: RowFilter[]) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const used = () => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  let held: Selection | undefined;
  const round = async () => {
    for (const filter of filters) {
      held = await selectItems(
        index,
        { source: 'rows', filter },
        { pause: async () => {}, stopped: () => false },
        encodeTerm,
      );
    }
  };
  await round();
  const after1 = used();
  for (let k = 0; k < 2; k++) await round();
  const after3 = used();
  void held;
  return {
    filters: 2 * filters.length,
    bytesPerFilter: Math.round((after3 - after1) / (2 * filters.length)),
  };
}

/** The thread and JobID of a delivery halfway through the sessions: a thread filter that keeps one connection's worth. */
function threadOfMiddle(index: LogIndex): RowFilter {
  const { count, jobId, thread } = index.sessions;
  for (let s = Math.floor(count / 2); s < count; s++) {
    if (jobId[s] >= 0) return { thread: thread[s], jobId: jobId[s] };
  }
  return { thread: thread[Math.floor(count / 2)] };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
