import { describe, expect, it } from 'vitest';
import type { RowFilter } from '../query/view-query';
import { decodeView, encodeView } from './view-hash';

describe('the explore view in the URL hash', () => {
  it('gives back every part of a filter and the open session', () => {
    const filter: RowFilter = {
      text: '中継 & denied#?',
      peer: '192.0.2.',
      address: 'taro@example.jp',
      services: ['SMTP', 'MTA'],
      kinds: [5, 6],
      outcomes: [3],
      from: 1743494400,
      to: 1743498000,
      thread: 1,
      jobId: 10,
      session: 42,
      errorsOnly: true,
    };
    const hash = encodeView(filter, 7);
    expect(decodeView(`#${hash}`)).toEqual({ filter, open: 7 });
    expect(decodeView('#services=')).toEqual({ filter: { services: [] }, open: undefined });
  });

  it('ignores what it does not know and numbers that are not numbers', () => {
    expect(decodeView('#open=x&from=soon&color=red')).toEqual({ filter: {}, open: undefined });
  });
});
