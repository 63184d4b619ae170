import { describe, expect, it } from 'vitest';
import { build, crlf, fileOf, sjis } from '../ingest/test-support/build';
import { VENDOR_SAMPLE } from '../ingest/test-support/vendor-sample';
import type { ReportRowView } from '../query/view-query';
import type { RowView } from '../query/types';
import { selectionIds, selectionSize, selectItems } from '../query/view-selection';
import { EngineClient, type ViewState } from './client';
import { Engine } from './engine';
import type { FromWorker, ToWorker } from './protocol';
import { encodeTerm } from '../ingest/encode-term';
import { parseInThisThread } from './test-support/parse-in-this-thread';
import { Views } from './views';

const POP3 = [
  '[POP3] 2005/05/18 03:10:41 [000] Connect from pc(192.0.2.1)',
  '[POP3] 2005/05/18 03:10:42 [000] USER taro',
  '[POP3] 2005/05/18 03:10:43 [000] Disconnect from pc(192.0.2.1)',
];
const REPORT = [
  '2005/05/18 03:11:00\ta@example.jp\tb@example.net\t0',
  '2005/05/18 03:12:00\ta@example.jp\tc@example.net\t-4',
];

/** The page's client wired to the engine in this thread, as a worker would be: messages cross asynchronously. */
function connectedClient() {
  let engine: Engine | undefined;
  const fakeWorker = {
    onmessage: null as ((e: MessageEvent<FromWorker>) => void) | null,
    onerror: null,
    postMessage(msg: ToWorker) {
      setTimeout(() => void engine?.handle(msg));
    },
    terminate() {},
  };
  engine = new Engine(
    (msg) => setTimeout(() => fakeWorker.onmessage?.({ data: msg } as MessageEvent)),
    parseInThisThread,
    64,
  );
  const client = new EngineClient(() => fakeWorker as unknown as Worker);
  const states: ViewState[] = [];
  client.onViewState((s) => states.push(s));
  const load = (files: File[]) =>
    new Promise<void>((resolve, reject) =>
      client.load(files, 2 ** 32, {
        onProgress() {},
        onFileError() {},
        onDone: () => resolve(),
        onOverview() {},
        onFailed: reject,
      }),
    );
  /** Resolves once view `viewId` has reported its size at its current version. */
  const settled = async (viewId: number, version: number) => {
    while (!states.some((s) => s.viewId === viewId && s.version === version && s.done)) {
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  return { client, load, settled, states };
}

describe('the query API (client and engine)', () => {
  it('serves two views at once, and a newer version or read of one replaces only its own older request', async () => {
    const { client, load, settled, states } = connectedClient();
    client.openView(1, { source: 'rows', filter: { services: ['SMTP'] } });
    client.openView(2, { source: 'report' });
    await load([
      fileOf('smtp.log', sjis(crlf(VENDOR_SAMPLE))),
      fileOf('pop3.log', sjis(crlf(POP3))),
      fileOf('mta-report.log', sjis(crlf(REPORT))),
    ]);
    await settled(1, 1);
    await settled(2, 1);
    expect(states.find((s) => s.viewId === 1)?.total).toBe(VENDOR_SAMPLE.length);
    expect(states.find((s) => s.viewId === 2)?.total).toBe(2);

    const older = client.read(1, 0, 100);
    const report = client.read(2, 0, 10);
    client.openView(1, { source: 'rows', filter: { services: ['POP3'] } });
    const newer = client.read(1, 0, 100);
    expect(await older).toBeNull();
    const pop = await newer;
    expect(pop?.total).toBe(POP3.length);
    expect(((pop?.rows ?? []) as RowView[]).map((r) => r.service)).toEqual(['POP3', 'POP3', 'POP3']);
    const entries = ((await report)?.rows ?? []) as ReportRowView[];
    expect(entries.map((e) => [e.recipient, e.code])).toEqual([
      ['b@example.net', 0],
      ['c@example.net', -4],
    ]);

    // Two reads of one view: only the newer is answered.
    const first = client.read(2, 0, 1);
    const second = client.read(2, 1, 1);
    expect(await first).toBeNull();
    // A closed view answers nothing; a stopped one keeps its query for the next read.
    client.closeView(1);
    expect(await client.read(1, 0, 1)).toBeNull();
    expect((((await second)?.rows ?? []) as ReportRowView[]).map((e) => e.code)).toEqual([-4]);
  });

  it('stops a running selection between chunks, and the index still answers other queries', async () => {
    const { index } = await build([['smtp.log', sjis(crlf(VENDOR_SAMPLE))]]);
    let pauses = 0;
    const stopped = await selectItems(
      index,
      { source: 'rows', filter: { services: ['SMTP'] } },
      { pause: async () => void pauses++, stopped: () => pauses >= 1, chunk: 4 },
      encodeTerm,
    );
    expect(stopped).toBeUndefined();
    expect(pauses).toBe(1);
    const whole = await selectItems(
      index,
      { source: 'rows', filter: { services: ['SMTP'] } },
      { pause: async () => {}, stopped: () => false, chunk: 4 },
      encodeTerm,
    );
    if (!whole) throw new Error('stopped');
    expect(Array.from(selectionIds(index, whole, 0, selectionSize(whole), () => new Uint32Array(0)))).toEqual(
      Array.from({ length: VENDOR_SAMPLE.length }, (_, i) => i),
    );
  });
});

describe('Views (the engine side)', () => {
  it('stops a view mid-computation without touching the index: it keeps what it found so far', async () => {
    const { index } = await build([['smtp.log', sjis(crlf(VENDOR_SAMPLE))]]);
    const posted: FromWorker[] = [];
    const views = new Views(
      (m) => posted.push(m),
      () => ({ index }),
      async () => {},
      encodeTerm,
    );
    const computing = views.open(1, 1, { source: 'rows', filter: { services: ['SMTP'] } });
    views.stop(1);
    await computing;
    // Stopped before its first chunk was counted: nothing found, and that is final.
    expect(posted).toMatchObject([{ type: 'view-state', viewId: 1, version: 1, total: 0, done: true }]);
    await views.read(1, 1, 7, 0, 5);
    expect(posted.at(-1)).toEqual({
      type: 'window',
      viewId: 1,
      version: 1,
      requestId: 7,
      window: { start: 0, rows: [], total: 0 },
    });
    await views.open(1, 2, { source: 'rows', filter: { services: ['SMTP'] } });
    expect(posted.at(-1)).toMatchObject({
      type: 'view-state',
      viewId: 1,
      version: 2,
      total: VENDOR_SAMPLE.length,
      done: true,
    });
  });
});
