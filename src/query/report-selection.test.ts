import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTerm } from '../ingest/encode-term';
import { indexSampleSet } from '../ingest/test-support/sample-set';
import type { LogIndex } from '../model/log-index';
import { deliveryClass } from '../model/report-codes';
import type { ReportFilter } from './view-query';
import { selectionIds, selectionSize, selectItems } from './view-selection';

let index: LogIndex;
beforeAll(async () => {
  index = await indexSampleSet();
});

async function entries(filter: ReportFilter) {
  const selection = await selectItems(
    index,
    { source: 'report', filter },
    { pause: async () => {}, stopped: () => false },
    encodeTerm,
  );
  if (!selection) throw new Error('stopped');
  const ids = Array.from(
    selectionIds(index, selection, 0, selectionSize(selection), () => new Uint32Array(0)),
  );
  return { ids, deliveries: selection.deliveries! };
}

const all = () => Array.from({ length: index.report.count }, (_, e) => e);
const str = (id: number) => (id >= 0 ? index.strings[id] : '');

describe('the deliveries view over the report log', () => {
  it('failed only keeps exactly the entries whose code is not 0, in the log’s order', async () => {
    const { ids } = await entries({ failedOnly: true });
    expect(ids).toEqual(all().filter((e) => index.report.code[e] !== 0));
    expect(ids.length).toBeGreaterThan(40);
  });

  it('counts one bar per code present, unknown codes included, and a code keeps exactly its entries', async () => {
    const { deliveries } = await entries({ codes: [-4] });
    const expected = new Map<number, number>();
    for (const e of all()) expected.set(index.report.code[e], (expected.get(index.report.code[e]) ?? 0) + 1);
    // The bars ignore the code part: clicking one bar leaves the others standing.
    expect(deliveries.byCode).toEqual(
      [...expected].sort((a, b) => b[0] - a[0]).map(([code, count]) => ({ code, count })),
    );
    expect(deliveries.byCode.some((b) => b.code === -99)).toBe(true);
    expect((await entries({ codes: [-4] })).ids).toEqual(all().filter((e) => index.report.code[e] === -4));
    expect((await entries({ codes: [-99] })).ids).toHaveLength(1);
  });

  it('stacks the kept entries over time by class, and lists the domains and senders that fail most', async () => {
    const { ids, deliveries } = await entries({});
    const bins = deliveries.bins!;
    const total = (k: 'delivered' | 'temporary' | 'failure') => bins[k].reduce((a, b) => a + b, 0);
    const count = (k: string) => ids.filter((e) => deliveryClass(index.report.code[e]) === k).length;
    expect([total('delivered'), total('temporary'), total('failure')]).toEqual([
      count('delivered'),
      count('temporary'),
      count('failure'),
    ]);
    const failuresOf = (name: string) =>
      ids.filter((e) => index.report.code[e] !== 0 && str(index.report.domain[e]) === name).length;
    expect(deliveries.topDomains.length).toBeGreaterThan(0);
    for (const d of deliveries.topDomains) expect(d.failures).toBe(failuresOf(d.name));
  });

  it('filters by address, text in the line, and time', async () => {
    const taro = await entries({ address: 'TAKAHASHI@' });
    expect(taro.ids).toEqual(
      all().filter((e) =>
        [index.report.sender[e], index.report.recipient[e]].some((id) =>
          str(id).toLowerCase().includes('takahashi@'),
        ),
      ),
    );
    expect(taro.ids.length).toBeGreaterThan(0);
    expect((await entries({ text: 'example.net\t-' })).ids.every((e) => index.report.code[e] < 0)).toBe(true);
    const from = index.report.time[100];
    const { ids } = await entries({ from, to: from + 3600 });
    expect(ids).toEqual(
      all().filter((e) => index.report.time[e] >= from && index.report.time[e] < from + 3600),
    );
  });

  it('sorts by each column, ties in the log’s order, either way', async () => {
    const bySender = (await entries({ sort: { by: 'sender' } })).ids;
    const expected = all().sort((a, b) => {
      const x = str(index.report.sender[a]);
      const y = str(index.report.sender[b]);
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    expect(bySender).toEqual(expected);
    const byCodeDown = (await entries({ sort: { by: 'code', descending: true } })).ids;
    expect(byCodeDown).toEqual(all().sort((a, b) => index.report.code[b] - index.report.code[a] || a - b));
  });
});
