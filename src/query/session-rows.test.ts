import { describe, expect, it } from 'vitest';
import { build, crlf, sjis } from '../ingest/test-support/build';
import { indexSampleSet } from '../ingest/test-support/sample-set';
import type { LogIndex } from '../model/log-index';
import { newRowBits, popcount } from './row-bits';
import { prepareSessionRows, sessionRows, setRowsOfSessions } from './session-rows';

/** Each session's rows as a filter keeping that session alone sets them. */
function listed(index: LogIndex): number[][] {
  return Array.from({ length: index.sessions.count }, (_, s) => {
    const mask = new Uint8Array(index.sessions.count);
    mask[s] = 1;
    const bits = newRowBits(index.rows.count);
    setRowsOfSessions(index, mask, bits);
    const rows: number[] = [];
    for (let r = index.sessions.firstRow[s]; r <= index.sessions.lastRow[s]; r++) {
      if (bits[r >>> 5] & (1 << (r & 31))) rows.push(r);
    }
    expect(
      bits.reduce((n, w) => n + popcount(w), 0),
      `session ${s}: no row outside its stretch`,
    ).toBe(rows.length);
    return rows;
  });
}

/** Each session's rows, read off the session column one row at a time. */
function byColumn(index: LogIndex): number[][] {
  const out: number[][] = Array.from({ length: index.sessions.count }, () => []);
  for (let r = 0; r < index.rows.count; r++) {
    const s = index.rows.session.at(r);
    if (s >= 0) out[s].push(r);
  }
  return out;
}

describe('each session’s rows', () => {
  it('are the rows the session column gives, on the sample set', async () => {
    const index = await indexSampleSet();
    expect(listed(index)).toEqual(byColumn(index));
  });

  it('keep a row more than 65,535 rows after the one before it aside, and give it back', async () => {
    const open = '[POP3] 2025/04/01 08:00:00 [001] Connect from pc(192.0.2.1)';
    const filler = Array.from({ length: 70_000 }, (_, i) => `[POP3] 2025/04/01 08:00:01 [002] NOOP ${i}`);
    const close = '[POP3] 2025/04/01 08:05:00 [001] Disconnect from pc(192.0.2.1)';
    const { index } = await build([
      [
        'pop3.log',
        sjis(crlf(['[POP3] 2025/04/01 07:59:59 [002] Connect from pc2(192.0.2.2)', open, ...filler, close])),
      ],
    ]);
    expect(sessionRows(index).far.size).toBeGreaterThan(0);
    expect(listed(index)).toEqual(byColumn(index));
    expect(listed(index).some((rows) => rows.includes(70_002))).toBe(true);
  });

  it('are made the same a step at a time, and a filter that needs them sooner makes them itself', async () => {
    const index = await indexSampleSet();
    let pauses = 0;
    await prepareSessionRows(
      index,
      async () => {
        pauses++;
        return true;
      },
      1000,
    );
    expect(pauses).toBe(2 * Math.ceil(index.rows.count / 1000));
    expect(listed(index)).toEqual(byColumn(index));

    const other = await indexSampleSet();
    const preparing = prepareSessionRows(
      other,
      async () => {
        // The first pause: a filter comes in and needs them now.
        sessionRows(other);
        return true;
      },
      1000,
    );
    const madeByFilter = sessionRows(other);
    await preparing;
    expect(sessionRows(other)).toBe(madeByFilter);
    expect(listed(other)).toEqual(byColumn(other));

    // A new load while they are made: they are left unmade, so making them again takes every
    // pause of both passes where lists already made would stop at the first.
    const dropped = await indexSampleSet();
    await prepareSessionRows(dropped, async () => false, 1000);
    let pausesAgain = 0;
    await prepareSessionRows(
      dropped,
      async () => {
        pausesAgain++;
        return true;
      },
      1000,
    );
    expect(pausesAgain).toBe(2 * Math.ceil(dropped.rows.count / 1000));
  });
});
