import { COMMAND_VERBS } from '../model/command-verbs';
import { LineKind, ReplyCode } from '../model/line-kind';

/** Result of {@link classifyMessage}; reused across lines to keep the hot loop allocation-free. */
export interface Classified {
  kind: LineKind;
  /** See RowColumns.detail. */
  detail: number;
  /** Where a command's or a tagged reply's arguments begin (after the verb and one space). */
  argStart: number;
}

export function newClassified(): Classified {
  return { kind: LineKind.Note, detail: 0, argStart: 0 };
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const CONNECT = ascii('Connect ');
const DISCONNECT = ascii('Disconnect ');
const FROM = ascii('from ');
const TO = ascii('to ');
const DEBUG_LEVEL = ascii('(Debug Level');
// "開始" (started) and "停止" (stopped) in CP932 and in UTF-8: the start/stop lines are Japanese
// (log-format.md: `SMTP サービスを開始しました。(Debug Level3)`; the stop wording is assumed).
const STARTED = [Uint8Array.of(0x8a, 0x4a, 0x8e, 0x6e), Uint8Array.of(0xe9, 0x96, 0x8b, 0xe5, 0xa7, 0x8b)];
const STOPPED = [Uint8Array.of(0x92, 0xe2, 0x8e, 0x7e), Uint8Array.of(0xe5, 0x81, 0x9c, 0xe6, 0xad, 0xa2)];

// Verbs are looked up by a hash of their upper-cased letters, then confirmed byte by byte.
const MAX_VERB = 12;
const verbByHash = new Map<number, number>();
for (let i = 0; i < COMMAND_VERBS.length; i++)
  verbByHash.set(hashWord(ascii(COMMAND_VERBS[i]), 0, COMMAND_VERBS[i].length), i);

function hashWord(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (b[i] & 0xdf), 0x01000193);
  return h >>> 0;
}

export function startsWith(b: Uint8Array, pos: number, end: number, p: Uint8Array): boolean {
  if (pos + p.length > end) return false;
  for (let i = 0; i < p.length; i++) if (b[pos + i] !== p[i]) return false;
  return true;
}

/** Finds `p` inside [start, end) only: a plain indexOf would run on past the line into the rest of the file. */
export function indexOfBytes(b: Uint8Array, start: number, end: number, p: Uint8Array): number {
  const first = p[0];
  const last = end - p.length;
  for (let i = start; i <= last; i++) {
    if (b[i] === first && startsWith(b, i, end, p)) return i;
  }
  return -1;
}

function containsAny(b: Uint8Array, start: number, end: number, ps: Uint8Array[]): boolean {
  for (const p of ps) if (indexOfBytes(b, start, end, p) >= 0) return true;
  return false;
}

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isTagChar = (c: number) => isLetter(c) || isDigit(c) || c === 0x2e;

/** Returns the verb index of the word at [start, end) or -1. */
function lookupVerb(b: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len < 2 || len > MAX_VERB) return -1;
  const id = verbByHash.get(hashWord(b, start, end));
  if (id === undefined) return -1;
  const verb = COMMAND_VERBS[id];
  if (verb.length !== len) return -1;
  for (let i = 0; i < len; i++) if ((b[start + i] & 0xdf) !== verb.charCodeAt(i)) return -1;
  return id;
}

function wordEnd(b: Uint8Array, pos: number, end: number, accept: (c: number) => boolean): number {
  let i = pos;
  while (i < end && accept(b[i])) i++;
  return i;
}

/** A word must be followed by a space, a colon (`MAIL FROM:`) or the end of the line. */
const endsWord = (b: Uint8Array, i: number, end: number) => i === end || b[i] === 0x20 || b[i] === 0x3a;

/**
 * Classifies the message part of a line (log-format.md, "Client commands vs server replies").
 * `hasThread` is false for lines without a thread id, the only ones that can be start/stop lines.
 */
export function classifyMessage(
  b: Uint8Array,
  m: number,
  end: number,
  hasThread: boolean,
  out: Classified,
): void {
  out.detail = 0;
  out.argStart = end;
  const c0 = m < end ? b[m] : 0;

  // SMTP-style reply: three digits then space, dash or end.
  if (isDigit(c0) && m + 3 <= end && isDigit(b[m + 1]) && isDigit(b[m + 2])) {
    const c3 = m + 3 < end ? b[m + 3] : 0x20;
    if (c3 === 0x20 || c3 === 0x2d) {
      out.kind = LineKind.Reply;
      out.detail = (c0 - 0x30) * 100 + (b[m + 1] - 0x30) * 10 + (b[m + 2] - 0x30);
      out.argStart = Math.min(end, m + 4);
      return;
    }
  }
  if (c0 === 0x2b /* + */) {
    if (startsWith(b, m, end, OK) && endsWord(b, m + 3, end)) return reply(out, ReplyCode.PopOk, m + 4, end);
    if (m + 1 === end || b[m + 1] === 0x20) return reply(out, ReplyCode.Continuation, m + 2, end);
  }
  if (c0 === 0x2d /* - */ && startsWith(b, m, end, ERR) && endsWord(b, m + 4, end)) {
    return reply(out, ReplyCode.PopErr, m + 5, end);
  }
  if (c0 === 0x2a /* * */ && (m + 1 === end || b[m + 1] === 0x20)) {
    return reply(out, ReplyCode.ImapUntagged, m + 2, end);
  }
  if (c0 === 0x43 /* C */ && startsWith(b, m, end, CONNECT)) {
    const p = m + CONNECT.length;
    if (startsWith(b, p, end, FROM) || startsWith(b, p, end, TO)) {
      out.kind = LineKind.Connect;
      out.argStart = p + (b[p] === 0x66 ? FROM.length : TO.length);
      return;
    }
  }
  if (c0 === 0x44 /* D */ && startsWith(b, m, end, DISCONNECT)) {
    const p = m + DISCONNECT.length;
    if (startsWith(b, p, end, FROM) || startsWith(b, p, end, TO)) {
      out.kind = LineKind.Disconnect;
      out.argStart = p + (b[p] === 0x66 ? FROM.length : TO.length);
      return;
    }
  }
  if (isLetter(c0)) {
    const w = wordEnd(b, m, end, isLetter);
    if (endsWord(b, w, end)) {
      const verb = lookupVerb(b, m, w);
      if (verb >= 0) return command(out, verb, w, end);
    }
  }
  // IMAP tagged line: `A001 LOGIN …` (command) or `A001 OK …` (reply).
  if (isTagChar(c0)) {
    const t = wordEnd(b, m, end, isTagChar);
    if (t < end && b[t] === 0x20 && t - m <= 16) {
      const v = t + 1;
      const w = wordEnd(b, v, end, isLetter);
      if (w > v && (w === end || b[w] === 0x20)) {
        const status = imapStatus(b, v, w);
        if (status !== 0) return reply(out, status, w + 1, end);
        const verb = lookupVerb(b, v, w);
        if (verb >= 0) return command(out, verb, w, end);
      }
    }
  }
  if (!hasThread) {
    if (indexOfBytes(b, m, end, DEBUG_LEVEL) >= 0 || containsAny(b, m, end, STARTED)) {
      out.kind = LineKind.ServiceStart;
      out.detail = debugLevel(b, m, end);
      return;
    }
    if (containsAny(b, m, end, STOPPED)) {
      out.kind = LineKind.ServiceStop;
      return;
    }
  }
  out.kind = LineKind.Note;
}

const OK = ascii('+OK');
const ERR = ascii('-ERR');

function reply(out: Classified, code: number, argStart: number, end: number): void {
  out.kind = LineKind.Reply;
  out.detail = code;
  out.argStart = Math.min(argStart, end);
}

function command(out: Classified, verb: number, wordEndPos: number, end: number): void {
  out.kind = LineKind.Command;
  out.detail = verb + 1;
  out.argStart = Math.min(wordEndPos + 1, end);
}

function imapStatus(b: Uint8Array, v: number, w: number): number {
  const len = w - v;
  if (len === 2 && b[v] === 0x4f && b[v + 1] === 0x4b) return ReplyCode.ImapOk;
  if (len === 2 && b[v] === 0x4e && b[v + 1] === 0x4f) return ReplyCode.ImapNo;
  if (len === 3 && b[v] === 0x42 && b[v + 1] === 0x41 && b[v + 2] === 0x44) return ReplyCode.ImapBad;
  return 0;
}

/** Reads N from `(Debug LevelN)`; 0xffff when the start line does not state it. */
function debugLevel(b: Uint8Array, m: number, end: number): number {
  const at = indexOfBytes(b, m, end, DEBUG_LEVEL);
  if (at < 0) return 0xffff;
  let i = at + DEBUG_LEVEL.length;
  let level = 0;
  const start = i;
  while (i < end && isDigit(b[i]) && i - start < 3) level = level * 10 + b[i++] - 0x30;
  return i === start ? 0xffff : level;
}
