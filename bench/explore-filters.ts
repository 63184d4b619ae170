import { LineKind } from '../src/model/line-kind';
import { Outcome } from '../src/model/log-index';
import type { RowFilter } from '../src/query/view-query';

/**
 * One filter of each kind the explore view offers, on the generated corpus (bench/corpus.ts):
 * both filter benchmarks time these, so their figures compare.
 */
export const EXPLORE_FILTERS: Array<[string, RowFilter]> = [
  ['service', { services: ['POP3'] }],
  ['kind', { kinds: [LineKind.Command] }],
  ['time range', { from: Date.UTC(2025, 0, 20) / 1000, to: Date.UTC(2025, 0, 21) / 1000 }],
  ['errors only', { errorsOnly: true }],
  ['outcome', { outcomes: [Outcome.AuthFailed] }],
  ['peer', { peer: '198.51.100.7' }],
  ['address', { address: 'taro@example.jp' }],
  ['text ASCII', { text: 'Relaying denied' }],
  ['text Japanese', { text: '中継を拒否' }],
  ['regex', { regex: '5[0-9]{2} 5\\.7\\.1 .*Relaying denied' }],
  ['combined', { services: ['SMTP'], errorsOnly: true, text: 'relay' }],
];
