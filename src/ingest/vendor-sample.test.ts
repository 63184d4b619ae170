import { describe, expect, it } from 'vitest';
import { LineKind } from '../model/line-kind';
import { Outcome, SessionFlag } from '../model/log-index';
import { decodeBytes } from './codec';
import { rowBytes, rowsAt } from '../query/row-bytes';
import { build, crlf, sjis } from './test-support/build';
import { unpack } from './test-support/columns';
import { VENDOR_SAMPLE } from './test-support/vendor-sample';

const K = LineKind;
const EXPECTED_KINDS = [
  K.ServiceStart,
  K.Connect,
  K.Connect,
  K.Note,
  K.Note,
  K.Reply,
  K.Note,
  K.Note,
  K.Reply,
  K.Command,
  K.Command,
  K.Reply,
  K.Disconnect,
  K.Reply,
  K.Disconnect,
];

describe('the vendor sample', () => {
  for (const sliceSize of [1, 2, 3, 100, 1 << 20]) {
    it(`parses exactly, read in slices of ${sliceSize} bytes`, async () => {
      const bytes = sjis(crlf(VENDOR_SAMPLE));
      const { index, errors } = await build([['smtp.log', bytes]], { sliceSize });
      expect(errors).toEqual([]);
      const [file] = index.files;
      expect(file).toMatchObject({
        encoding: 'shift_jis',
        kind: 'service',
        format: '1.27',
        level: 3,
        lines: 15,
        unparsed: 0,
      });
      expect(Array.from(index.rows.kind)).toEqual(EXPECTED_KINDS);
      // Every row gives back its exact line.
      for (let r = 0; r < 15; r++)
        expect(decodeBytes(rowBytes(index, r), 'shift_jis')).toBe(VENDOR_SAMPLE[r]);

      const s = index.sessions;
      expect(s.count).toBe(2);
      const str = (id: number) => (id >= 0 ? index.strings[id] : undefined);
      const sessions = [0, 1].map((i) => ({
        thread: s.thread[i],
        jobId: s.jobId[i],
        peerHost: str(s.peerHost[i]),
        peerIp: str(s.peerIp[i]),
        helo: str(s.helo[i]),
        lines: s.lineCount[i],
        outcome: s.outcome[i],
        flags: s.flags[i],
        firstRow: s.firstRow[i],
        lastRow: s.lastRow[i],
        rows: unpack(index.rows.session).flatMap((v, r) => (v === i ? [r] : [])),
      }));
      expect(sessions).toEqual([
        {
          thread: 0,
          jobId: -1,
          peerHost: '192.168.1.10',
          peerIp: '192.168.1.10',
          helo: 'devmachine1',
          lines: 7,
          outcome: Outcome.Ok,
          flags: SessionFlag.Closed,
          firstRow: 1,
          lastRow: 14,
          rows: [1, 3, 4, 5, 10, 13, 14],
        },
        {
          thread: 1,
          jobId: -1,
          peerHost: '192.168.1.11',
          peerIp: '192.168.1.11',
          helo: 'devmachine2',
          lines: 7,
          outcome: Outcome.Ok,
          flags: SessionFlag.Closed,
          firstRow: 2,
          lastRow: 12,
          rows: [2, 6, 7, 8, 9, 11, 12],
        },
      ]);
      expect(index.rows.session.at(0)).toBe(-1);
      // One file: the timeline keeps file order even though 03:10:43 comes before 03:10:42.
      expect(Array.from(rowsAt(index, 0, index.rows.count))).toEqual([...Array(15).keys()]);
    });
  }
});
