import { verbOfDetail } from '../model/command-verbs';
import { LineKind, formatReplyCode } from '../model/line-kind';
import { SessionFlag, type LogIndex } from '../model/log-index';
import { describeReportCode } from '../model/report-codes';
import { replyMeaning } from '../model/reply-meanings';
import { NO_TIME } from '../model/units';
import { formatDateTime } from '../lib/format-time';
import { fileOfRow, rowBytes } from './row-bytes';
import { isError } from './errors';
import { splitEnvelope, writtenDateTime, type DecodeFn } from './row-view';
import { describeSession } from './session-detail';

/** Who wrote a line of a conversation: the side that sent it, or the server's own note. */
export type Speaker = 'client' | 'server' | 'note';

export interface ConversationLine {
  row: number;
  time: string;
  speaker: Speaker;
  /** The command verb or reply code, and a reply's short meaning. */
  label: string;
  meaning: string;
  text: string;
  error: boolean;
}

/** One connection as the conversation pane shows it. */
export interface ConversationView {
  session: number;
  service: string;
  thread: string;
  jobId: string;
  peerHost: string;
  peerIp: string;
  helo: string;
  authUser: string;
  mailFrom: string;
  rcptTo: string[];
  start: string;
  durationSec: number | null;
  outcome: string;
  /** The report log's code for this delivery and its meaning, where one was matched. */
  delivery?: { code: number; meaning: string };
  partial: boolean;
  bestEffort: boolean;
  warnings: boolean;
  failedConnect: boolean;
  /** In MTA logs our server is the client and the remote host answers. */
  clientName: string;
  serverName: string;
  /** The session's first CONVERSATION_LINES lines; `lineCount` says how many it has. */
  lines: ConversationLine[];
  lineCount: number;
  /** Neighbouring sessions: on the same thread, and of the same peer (-1: none). */
  previousOnThread: number;
  nextOnThread: number;
  previousOfPeer: number;
  nextOfPeer: number;
}

/** Lines shown in the pane at most: a longer session says how many more the table holds. */
const CONVERSATION_LINES = 5000;

/**
 * The conversation of session `s`: its header and its lines, decoded. Only the session's own
 * stretch of rows is read (describeSession), and its neighbours are found among the sessions of
 * its file.
 */
export function describeConversation(index: LogIndex, s: number, decode: DecodeFn): ConversationView {
  const d = describeSession(index, s);
  const c = index.sessions;
  const outbound = d.service === 'MTA';
  const lines = d.rows.slice(0, CONVERSATION_LINES).map((r) => conversationLine(index, r, decode));
  const reportEntry = c.delivery[s];
  const sameThread = (t: number) => c.thread[t] === c.thread[s] && c.thread[s] >= 0;
  const samePeer = (t: number) =>
    (c.peerIp[s] >= 0 && c.peerIp[t] === c.peerIp[s]) ||
    (c.peerIp[s] < 0 && c.peerHost[s] >= 0 && c.peerHost[t] === c.peerHost[s]);
  const sameFileAndService = (t: number) => c.file[t] === c.file[s] && c.service[t] === c.service[s];
  return {
    session: s,
    service: d.service,
    thread: d.thread < 0 ? '' : String(d.thread).padStart(3, '0'),
    jobId: d.jobId < 0 ? '' : String(d.jobId).padStart(5, '0'),
    peerHost: d.peerHost ?? '',
    peerIp: d.peerIp ?? '',
    helo: d.helo ?? '',
    authUser: d.authUser ?? '',
    mailFrom: d.mailFrom ?? '',
    rcptTo: d.rcptTo,
    start: d.firstTime === null ? '' : formatDateTime(d.firstTime),
    durationSec: d.firstTime === null || d.lastTime === null ? null : d.lastTime - d.firstTime,
    outcome: d.outcome,
    delivery:
      reportEntry >= 0
        ? {
            code: index.report.code[reportEntry],
            meaning: describeReportCode(index.report.code[reportEntry]).en,
          }
        : undefined,
    partial: d.partial,
    bestEffort: d.bestEffort,
    warnings: (c.flags[s] & SessionFlag.Warnings) !== 0,
    failedConnect: (c.flags[s] & SessionFlag.FailedConnect) !== 0,
    clientName: outbound ? 'our server' : 'client',
    serverName: outbound ? 'remote host' : 'server',
    lines,
    lineCount: d.rows.length,
    previousOnThread: neighbour(index, s, -1, (t) => sameFileAndService(t) && sameThread(t)),
    nextOnThread: neighbour(index, s, 1, (t) => sameFileAndService(t) && sameThread(t)),
    previousOfPeer: neighbour(index, s, -1, (t) => c.service[t] === c.service[s] && samePeer(t)),
    nextOfPeer: neighbour(index, s, 1, (t) => c.service[t] === c.service[s] && samePeer(t)),
  };
}

/** The nearest session before (-1) or after (1) `s` in session order that `matches`, or -1. */
function neighbour(index: LogIndex, s: number, step: -1 | 1, matches: (t: number) => boolean): number {
  for (let t = s + step; t >= 0 && t < index.sessions.count; t += step) if (matches(t)) return t;
  return -1;
}

function conversationLine(index: LogIndex, r: number, decode: DecodeFn): ConversationLine {
  const kind = index.rows.kind[r];
  const detail = index.rows.detail[r];
  const line = rowBytes(index, r);
  const { msgStart } = splitEnvelope(line);
  const f = fileOfRow(index, r);
  const text = decode(line.subarray(msgStart), f);
  const time = index.rows.time.at(r) === NO_TIME ? '' : writtenDateTime(line);
  if (kind === LineKind.Command) {
    return { row: r, time, speaker: 'client', label: verbOfDetail(detail), meaning: '', text, error: false };
  }
  if (kind === LineKind.Reply) {
    return {
      row: r,
      time,
      speaker: 'server',
      label: formatReplyCode(detail),
      meaning: detail >= 100 ? replyMeaning(detail) : '',
      text,
      error: isError(kind, detail),
    };
  }
  return { row: r, time, speaker: 'note', label: '', meaning: '', text, error: false };
}
