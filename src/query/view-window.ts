import { OUTCOME_NAMES, type LogIndex, type Outcome, type RowSource } from '../model/log-index';
import { NO_TIME } from '../model/units';
import { formatDateTime } from '../lib/format-time';
import { rowsAt } from './row-bytes';
import { buildRowViews, type DecodeFn } from './row-view';
import type { ReportRowView, SessionRowView, ViewSource, ViewWindow } from './view-query';
import { selectionIds, selectionSize, type Selection } from './view-selection';

const sequence = (start: number, count: number) => Uint32Array.from({ length: count }, (_, i) => start + i);

/** A window of the rows view: only these rows are decoded. */
export function readRowWindow(
  index: RowSource,
  selection: Selection,
  start: number,
  count: number,
  decode: DecodeFn,
): ViewWindow {
  const ids = selectionIds(index, selection, start, count, (s, n) => rowsAt(index, s, n));
  return { start, rows: buildRowViews(index, ids, decode), total: selectionSize(selection) };
}

/** A window of a sessions or report view. */
export function readItemWindow(
  index: LogIndex,
  source: Exclude<ViewSource, 'rows'>,
  selection: Selection,
  start: number,
  count: number,
): ViewWindow {
  const ids = selectionIds(index, selection, start, count, sequence);
  const rows = Array.from(ids, (id) =>
    source === 'sessions' ? sessionRow(index, id) : reportRow(index, id),
  );
  return { start, rows, total: selectionSize(selection) };
}

const time = (t: number) => (t === NO_TIME ? '' : formatDateTime(t));

function sessionRow(index: LogIndex, s: number): SessionRowView {
  const c = index.sessions;
  const str = (id: number) => (id >= 0 ? index.strings[id] : '');
  const host = str(c.peerHost[s]);
  const ip = str(c.peerIp[s]);
  return {
    session: s,
    service: index.services[c.service[s]] ?? '',
    thread:
      c.thread[s] < 0
        ? ''
        : String(c.thread[s]).padStart(3, '0') +
          (c.jobId[s] < 0 ? '' : `-${String(c.jobId[s]).padStart(5, '0')}`),
    peer: ip && ip !== host ? `${host} (${ip})` : host,
    helo: str(c.helo[s]),
    user: str(c.authUser[s]),
    mailFrom: str(c.mailFrom[s]),
    recipients: c.rcptStart[s + 1] - c.rcptStart[s],
    start: time(c.firstTime[s]),
    end: time(c.lastTime[s]),
    lines: c.lineCount[s],
    outcome: OUTCOME_NAMES[c.outcome[s] as Outcome],
  };
}

function reportRow(index: LogIndex, e: number): ReportRowView {
  const r = index.report;
  const str = (id: number) => (id >= 0 ? index.strings[id] : '');
  return {
    entry: e,
    time: time(r.time[e]),
    sender: str(r.sender[e]),
    recipient: str(r.recipient[e]),
    domain: str(r.domain[e]),
    code: r.code[e],
  };
}
