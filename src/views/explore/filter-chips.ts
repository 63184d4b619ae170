import { LINE_KIND_NAMES, type LineKind } from '../../model/line-kind';
import { OUTCOME_NAMES, type Outcome } from '../../model/log-index';
import type { RowFilter } from '../../query/view-query';
import { formatDateTime } from '../../lib/format-time';

export interface Chip {
  key: string;
  label: string;
  /** The patch that removes this part of the filter. */
  remove: Partial<RowFilter>;
}

/** The active parts of a filter, each as a chip the user can remove. */
export function describeChips(filter: RowFilter): Chip[] {
  const chips: Chip[] = [];
  if (filter.text) chips.push({ key: 'text', label: `text “${filter.text}”`, remove: { text: undefined } });
  if (filter.regex)
    chips.push({ key: 'regex', label: `regex /${filter.regex}/`, remove: { regex: undefined } });
  if (filter.services)
    chips.push({
      key: 'services',
      label: `services: ${filter.services.join(', ') || 'none'}`,
      remove: { services: undefined },
    });
  if (filter.kinds) {
    const names = filter.kinds.map((k) => LINE_KIND_NAMES[k as LineKind]).join(', ');
    chips.push({ key: 'kinds', label: `kinds: ${names || 'none'}`, remove: { kinds: undefined } });
  }
  if (filter.from !== undefined)
    chips.push({ key: 'from', label: `from ${formatDateTime(filter.from)}`, remove: { from: undefined } });
  if (filter.to !== undefined)
    chips.push({ key: 'to', label: `before ${formatDateTime(filter.to)}`, remove: { to: undefined } });
  if (filter.errorsOnly)
    chips.push({ key: 'errors', label: 'errors only', remove: { errorsOnly: undefined } });
  if (filter.peer) chips.push({ key: 'peer', label: `peer “${filter.peer}”`, remove: { peer: undefined } });
  if (filter.address)
    chips.push({ key: 'address', label: `address “${filter.address}”`, remove: { address: undefined } });
  if (filter.outcomes) {
    const names = filter.outcomes.map((o) => OUTCOME_NAMES[o as Outcome]).join(', ');
    chips.push({ key: 'outcomes', label: `outcome: ${names}`, remove: { outcomes: undefined } });
  }
  if (filter.failedDeliveries) {
    chips.push({
      key: 'failed',
      label: 'failed deliveries',
      remove: { failedDeliveries: undefined },
    });
  }
  if (filter.thread !== undefined) {
    const job = filter.jobId !== undefined ? `-${String(filter.jobId).padStart(5, '0')}` : '';
    chips.push({
      key: 'thread',
      label: `thread ${String(filter.thread).padStart(3, '0')}${job}`,
      remove: { thread: undefined, jobId: undefined },
    });
  }
  if (filter.session !== undefined)
    chips.push({ key: 'session', label: `session #${filter.session}`, remove: { session: undefined } });
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
