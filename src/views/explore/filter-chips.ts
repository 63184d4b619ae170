import { LINE_KIND_NAMES, type LineKind } from '../../model/line-kind';
import { OUTCOME_NAMES, type Outcome } from '../../model/log-index';
import type { RowFilter } from '../../query/view-query';
import { formatDateTime } from '../../lib/format-time';
import type { Messages } from '../../i18n/messages';

export interface Chip {
  key: string;
  label: string;
  /** The patch that removes this part of the filter. */
  remove: Partial<RowFilter>;
}

/** The active parts of a filter, each as a chip the user can remove, in the interface's language. */
export function describeChips(filter: RowFilter, m: Messages): Chip[] {
  const w = m.chips;
  const chips: Chip[] = [];
  const add = (key: string, label: string, remove: Partial<RowFilter>) => chips.push({ key, label, remove });
  if (filter.text) add('text', w.text(filter.text), { text: undefined });
  if (filter.regex) add('regex', w.regex(filter.regex), { regex: undefined });
  if (filter.services) add('services', w.services(filter.services.join(', ')), { services: undefined });
  if (filter.kinds) {
    const names = filter.kinds.map((k) => m.kindNames[LINE_KIND_NAMES[k as LineKind]]).join(', ');
    add('kinds', w.kinds(names), { kinds: undefined });
  }
  if (filter.from !== undefined) add('from', w.from(formatDateTime(filter.from)), { from: undefined });
  if (filter.to !== undefined) add('to', w.before(formatDateTime(filter.to)), { to: undefined });
  if (filter.errorsOnly) add('errors', w.errorsOnly, { errorsOnly: undefined });
  if (filter.peer) add('peer', w.peer(filter.peer), { peer: undefined });
  if (filter.address) add('address', w.address(filter.address), { address: undefined });
  if (filter.outcomes) {
    const names = filter.outcomes.map((o) => m.outcome[OUTCOME_NAMES[o as Outcome]]).join(', ');
    add('outcomes', w.outcome(names), { outcomes: undefined });
  }
  if (filter.failedDeliveries) add('failed', w.failedDeliveries, { failedDeliveries: undefined });
  if (filter.thread !== undefined) {
    const job = filter.jobId !== undefined ? `-${String(filter.jobId).padStart(5, '0')}` : '';
    add('thread', w.thread(`${String(filter.thread).padStart(3, '0')}${job}`), {
      thread: undefined,
      jobId: undefined,
    });
  }
  if (filter.session !== undefined) add('session', w.session(filter.session), { session: undefined });
  return chips;
}

/**
 * Seconds (counted as the index counts them: naive server time read as UTC) of `YYYY/MM/DD
 * HH:MM:SS` or a prefix of it (`2025/04/01`, `2025/04/01 08:30`); undefined when it is not one.
 */
export function parseDateTime(text: string): number | undefined {
  const m = /^\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T](\d{1,2})(?::(\d{2})(?::(\d{2}))?)?)?\s*$/.exec(
    text,
  );
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  return t / 1000;
}
