import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTerm } from '../ingest/encode-term';
import { indexSampleSet } from '../ingest/test-support/sample-set';
import { LineKind } from '../model/line-kind';
import { Outcome, type LogIndex } from '../model/log-index';
import { countBitsIn, popcount } from './row-bits';
import { fileOfRow, rowBytes, rowsAt } from './row-bytes';
import { isError } from './errors';
import { countTime } from './time-bins';
import type { RowFilter } from './view-query';
import { selectionIds, selectionSize, selectItems } from './view-selection';

/**
 * The sample set loaded twice (under two names each), so the timeline has several checkpoint
 * stretches: the fast selection (bits, then the timeline read with stretches skipped) is compared
 * with a reading of every row in timeline order, one row at a time.
 */
let index: LogIndex;
beforeAll(async () => {
  index = await indexSampleSet(true);
});

const lineOf = (r: number) =>
  new TextDecoder(index.files[fileOfRow(index, r)].encoding).decode(rowBytes(index, r));

/** What a filter keeps, row by row, as the issue states it (the regex left out). */
function reference(filter: RowFilter) {
  const s = index.sessions;
  const sessionOk = (id: number) => {
    const has =
      (filter.thread ??
        filter.jobId ??
        filter.session ??
        filter.peer ??
        filter.outcomes ??
        filter.failedDeliveries) !== undefined;
    if (!has) return true;
    if (id < 0) return false;
    if (filter.session !== undefined && id !== filter.session) return false;
    if (filter.thread !== undefined && s.thread[id] !== filter.thread) return false;
    if (filter.outcomes && !filter.outcomes.includes(s.outcome[id])) return false;
    if (filter.failedDeliveries && (s.delivery[id] < 0 || index.report.code[s.delivery[id]] === 0))
      return false;
    if (filter.peer) {
      const text = [s.peerHost[id], s.peerIp[id]].map((x) => (x < 0 ? '' : index.strings[x]));
      if (!text.some((t) => t.toLowerCase().includes(filter.peer!.toLowerCase()))) return false;
    }
    return true;
  };
  const { service, kind, detail, time } = index.rows;
  const items: number[] = [];
  const services = index.services.map(() => 0);
  const kinds = Array.from({ length: 16 }, () => 0);
  const others = (r: number) => {
    const t = time.at(r);
    if (filter.from !== undefined && !(t >= filter.from)) return false;
    if (filter.to !== undefined && !(t < filter.to)) return false;
    if (filter.errorsOnly && !isError(kind[r], detail[r])) return false;
    if (filter.text && !lineOf(r).toLowerCase().includes(filter.text.toLowerCase())) return false;
    return sessionOk(index.rows.session.at(r));
  };
  const serviceOk = (r: number) => !filter.services || filter.services.includes(index.services[service[r]]);
  const kindOk = (r: number) => !filter.kinds || filter.kinds.includes(kind[r]);
  for (const r of rowsAt(index, 0, index.rows.count)) {
    if (!others(r)) continue;
    if (kindOk(r)) services[service[r]]++;
    if (serviceOk(r)) kinds[kind[r]]++;
    if (serviceOk(r) && kindOk(r)) items.push(r);
  }
  return { items, services, kinds };
}

const day = Date.UTC(2025, 3, 1) / 1000;

describe('selecting rows through bits and the timeline', () => {
  it.each<[string, RowFilter]>([
    ['a service', { services: ['POP3'] }],
    ['kinds', { kinds: [LineKind.Command, LineKind.Reply] }],
    ['a time range', { from: day + 9 * 3600, to: day + 9 * 3600 + 600 }],
    ['errors only', { errorsOnly: true }],
    ['an outcome', { outcomes: [Outcome.AuthFailed, Outcome.RelayDenied] }],
    ['a peer', { peer: '203.0.113' }],
    ['one session', { session: 40 }],
    ['a thread', { thread: 3 }],
    ['a combination', { services: ['SMTP', 'MTA'], errorsOnly: true, from: day, to: day + 86400 }],
    ['failed deliveries', { failedDeliveries: true }],
    ['nothing', { services: ['NONE'] }],
    ['text in some services', { services: ['POP3', 'IMAP4'], text: 'LOGIN' }],
    ['Japanese text', { text: '配信を開始' }],
  ])('keeps what a row-by-row reading keeps: %s', async (name, filter) => {
    const expected = reference(filter);
    // Each case but the last keeps something, or it would prove little.
    expect(expected.items.length > 0).toBe(name !== 'nothing');
    // Chunks that do not line up with the timeline's checkpoints, nor with 32-row words.
    const selection = await selectItems(
      index,
      { source: 'rows', filter },
      { pause: async () => {}, stopped: () => false, chunk: 1000 },
      encodeTerm,
    );
    if (!selection) throw new Error('stopped');
    const all = selectionIds(index, selection, 0, selectionSize(selection), () => new Uint32Array(0));
    expect(Array.from(all)).toEqual(expected.items);
    // Windows anywhere in the view read the same rows as the whole list.
    for (const start of [0, 1, 31, 999, 4095, 4096, 5000, expected.items.length - 3]) {
      if (start < 0 || start >= expected.items.length) continue;
      const window = selectionIds(index, selection, start, 70, () => new Uint32Array(0));
      expect(Array.from(window)).toEqual(expected.items.slice(start, start + 70));
    }
    expect(selection.facets?.services).toEqual(expected.services);
    expect(selection.facets?.kinds).toEqual(expected.kinds);
    const bins = selection.facets?.bins;
    if (bins) {
      const counted = { ...bins, counts: bins.counts.map(() => 0) };
      for (const r of expected.items) countTime(counted, index.rows.time.at(r));
      expect(bins.counts).toEqual(counted.counts);
    }
  });

  it('reads the set bits of a range, whatever its alignment', () => {
    const bits = new Uint32Array(4);
    bits[1] = 1 << 7; // row 39
    bits[3] = 0x80000001; // rows 96 and 127
    expect(countBitsIn(bits, 0, 39)).toBe(0);
    expect(countBitsIn(bits, 39, 40)).toBe(1);
    expect(countBitsIn(bits, 40, 96)).toBe(0);
    expect(countBitsIn(bits, 3, 128)).toBe(3);
    expect(countBitsIn(bits, 97, 127)).toBe(0);
    expect(countBitsIn(bits, 10, 10)).toBe(0);
    expect(popcount(0xffffffff)).toBe(32);
    expect(popcount(0x80000001)).toBe(2);
  });
});
