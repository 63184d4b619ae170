// Stage one of indexing, in AssemblyScript (compiled by `npm run wasm` into
// src/ingest/line-scan-wasm.ts; src/ingest/line-scanner.ts is its only caller). Finds the lines of
// a block of bytes, parses each one's envelope (log-format.md, "Line formats"), classifies its
// message ("Client commands vs server replies") and hands session lines to sessions.ts, writing
// one entry per line into typed columns the caller copies out. In a report log, each line is read
// as a report entry instead (report.ts). The caller's input and output
// regions, the sessions and the strings all come from the module's heap, which is reset for each
// file (the stub runtime: nothing is freed before that).
//
// Why WebAssembly: in JavaScript most of a line's cost went to typed-array bounds checks and
// calls; here it is a fraction of that, and newlines are found with 16-byte SIMD compares.
//
// The codes it shares with the app (line kinds, replies, outcomes…) come from model.ts, which
// `npm run wasm` generates from the TypeScript model.

import { at, fnv1a, indexOfBytes, isDigit, isLetter, isTagChar, isUpper, startsWith4, startsWithBytes } from './bytes';
import { assign, HINT_RELAY_ASCII, markOutbound, observe, resetService, resetSessions, setVerbRole } from './sessions';
import {
  COMMAND,
  CONNECT,
  CONNECT_FAILED,
  CONNECT_OUTBOUND,
  CONTINUATION,
  DISCONNECT,
  IMAP_BAD,
  IMAP_NO,
  IMAP_OK,
  IMAP_UNTAGGED,
  NOTE,
  NOTE_FAILURE,
  POP_ERR,
  POP_OK,
  REPLY,
  REPORT,
  SERVICE_START,
  SERVICE_STOP,
  UNPARSED,
  WORD_FAILURE,
} from './model';
import { resetStrings } from './strings';
import { IMPOSSIBLE_TIME, NO_TIME, parseDateTime, resetTime } from './time';
import { readReportLine, reportTime, resetEntries } from './report';

export { allocate } from './bytes';
export { stringCount, stringPool, stringStarts } from './strings';
export { rcptPairs, rcptTotal, SESSION_FIELDS, SESSIONS_PER_BLOCK, sessionBlock, sessionCount, startersSeen } from './sessions';
export { ENTRY_FIELDS, entryCountNow, entryRows, parseReport, reportFields, resetEntries } from './report';

/** ASCII words packed little-endian, for startsWith4: one compare instead of a loop. */
const ASCII_MTA: u32 = 0x41544d; // "MTA"
const ASCII_FROM: u32 = 0x6d6f7266; // "from"
const ASCII_TO_SPACE: u32 = 0x206f74; // "to "
const ASCII_PLUS_OK: u32 = 0x4b4f2b; // "+OK"
const ASCII_MINUS_ERR: u32 = 0x5252452d; // "-ERR"
const ASCII_CONN: u32 = 0x6e6e6f43; // "Conn"
const ASCII_ECT_SPACE: u32 = 0x20746365; // "ect "
const ASCII_DISC: u32 = 0x63736944; // "Disc"
const ASCII_ONNE: u32 = 0x656e6e6f; // "onne"
const ASCII_CT_SPACE: u32 = 0x207463; // "ct "

/** A service start that states no level. */
const NO_LEVEL: i32 = 0xffff;

const MAX_TAG: i32 = 16;
/** Tag ids are one byte and 0 means "none": 254 distinct tags at most (assumed limit). */
const MAX_TAGS: i32 = 255;
const MAX_THREAD_DIGITS: i32 = 6;
const JOB_DIGITS: i32 = 5;
const MAX_VERB: i32 = 12;
const MAX_VERBS: i32 = 128;
const VERB_SLOTS: i32 = 256;

// ---- static tables --------------------------------------------------------------------------

/** Tag bytes, MAX_TAG per id; id 0 is the empty "none". */
const tagBytes = memory.data(MAX_TAGS * MAX_TAG);
const tagLens = memory.data(MAX_TAGS);
let tagCount: i32 = 1;
let lastTag: i32 = 0;

/** Verbs as the JS side lists them (model/command-verbs.ts), found through a hash of their letters. */
const verbBytes = memory.data(MAX_VERBS * MAX_VERB);
const verbLens = memory.data(MAX_VERBS);
/** Slot → verb index + 1 (0 = empty), open addressing on the FNV-1a hash. */
const verbSlots = memory.data(VERB_SLOTS * 2);

// ---- what the file told us so far (FileFacts) ------------------------------------------------

let sawNoThread: i32 = 0;
let sawThread: i32 = 0;
let sawJob: i32 = 0;
let level: i32 = -1;
/** Where the level changed: pairs of (line, level), the first service start included. */
const MAX_LEVEL_CHANGES: i32 = 256;
const levelChanges = memory.data(MAX_LEVEL_CHANGES * 8);
let levelChangeCount: i32 = 0;
/** The time of the file's last line with a real date: a line with an impossible date takes it. */
let previousTime: u32 = NO_TIME;
let impossibleDates: i32 = 0;
let firstImpossibleDate: i32 = -1;
/** Where the last scan stopped: just after the last line it parsed. */
let stopped: i32 = 0;
/** The file is a report log: its lines are read as report entries (report.ts), not service lines. */
let reportMode = false;

export function setReportMode(on: bool): void {
  reportMode = on;
}

/**
 * Starts a new file: forgets tags, facts, sessions and strings, and frees the whole heap (the
 * caller allocates its regions again). One instance serves every file of a thread, so memory
 * grows to what the biggest file needs instead of once per file.
 */
export function reset(): void {
  tagCount = 1;
  lastTag = 0;
  prefixLen = 0;
  sawNoThread = sawThread = sawJob = 0;
  level = -1;
  levelChangeCount = 0;
  previousTime = NO_TIME;
  impossibleDates = 0;
  firstImpossibleDate = -1;
  stopped = 0;
  resetTime();
  lineNo = 0;
  reportMode = false;
  resetEntries(true);
  resetSessions();
  resetStrings();
  heap.reset();
}

export function stoppedAt(): i32 {
  return stopped;
}
export function facts(): i32 {
  return sawNoThread | (sawThread << 1) | (sawJob << 2);
}
export function lastLevel(): i32 {
  return level;
}
export function levelChangesSeen(): i32 {
  return levelChangeCount;
}
/** Pairs of i32: the line where a service start stated a new level, and that level. */
export function levelChangeList(): usize {
  return levelChanges;
}
/** Lines whose date-time does not exist (see time.ts), and the first of them (-1: none). */
export function impossibleDateCount(): i32 {
  return impossibleDates;
}
export function firstImpossibleDateLine(): i32 {
  return firstImpossibleDate;
}
export function tagsKnown(): i32 {
  return tagCount;
}
export function tagAt(id: i32): usize {
  return tagBytes + <usize>(id * MAX_TAG);
}
export function tagLength(id: i32): i32 {
  return <i32>load<u8>(tagLens + <usize>id);
}

// ---- verbs --------------------------------------------------------------------------------------

/**
 * Registers verb `index` (its letters at p, upper case; the detail column stores index + 1) and
 * what it means to a session (sessions.ts).
 */
export function addVerb(p: usize, len: i32, index: i32, role: i32): void {
  if (len < 2 || len > MAX_VERB || index >= MAX_VERBS) return;
  setVerbRole(index, role);
  memory.copy(verbBytes + <usize>(index * MAX_VERB), p, len);
  store<u8>(verbLens + <usize>index, <u8>len);
  let slot = <i32>(fnv1a(p, len, 0xdf) & <u32>(VERB_SLOTS - 1));
  while (load<u16>(verbSlots + <usize>(slot * 2)) != 0) slot = (slot + 1) & (VERB_SLOTS - 1);
  store<u16>(verbSlots + <usize>(slot * 2), <u16>(index + 1));
}

/** The verb index of the word [p, p + len), or -1. Letters compare case-insensitively. */
function lookupVerb(p: usize, len: i32): i32 {
  if (len < 2 || len > MAX_VERB) return -1;
  let slot = <i32>(fnv1a(p, len, 0xdf) & <u32>(VERB_SLOTS - 1));
  while (true) {
    const v = <i32>load<u16>(verbSlots + <usize>(slot * 2));
    if (v == 0) return -1;
    const index = v - 1;
    if (<i32>load<u8>(verbLens + <usize>index) == len) {
      const vb = verbBytes + <usize>(index * MAX_VERB);
      let same = true;
      for (let i = 0; i < len; i++) {
        if ((at(p + <usize>i) & 0xdf) != at(vb + <usize>i)) {
          same = false;
          break;
        }
      }
      if (same) return index;
    }
    slot = (slot + 1) & (VERB_SLOTS - 1);
  }
}

// `(Debug Level`, and the words of a service start and stop line after its service name:
// サービスを開始しました / サービスを停止しました, in CP932 then UTF-8 (log-format.md shows
// `SMTP サービスを開始しました。(Debug Level3)`; the stop line's wording is assumed).
const DEBUG_LEVEL = memory.data<u8>([0x28, 0x44, 0x65, 0x62, 0x75, 0x67, 0x20, 0x4c, 0x65, 0x76, 0x65, 0x6c]);
// prettier-ignore
const STARTED_SJIS = memory.data<u8>([
  0x83, 0x54, 0x81, 0x5b, 0x83, 0x72, 0x83, 0x58, 0x82, 0xf0, 0x8a, 0x4a, 0x8e, 0x6e, 0x82, 0xb5, 0x82, 0xdc, 0x82, 0xb5, 0x82, 0xbd,
]);
// prettier-ignore
const STOPPED_SJIS = memory.data<u8>([
  0x83, 0x54, 0x81, 0x5b, 0x83, 0x72, 0x83, 0x58, 0x82, 0xf0, 0x92, 0xe2, 0x8e, 0x7e, 0x82, 0xb5, 0x82, 0xdc, 0x82, 0xb5, 0x82, 0xbd,
]);
const SERVICE_WORDS_SJIS: i32 = 22;
// prettier-ignore
const STARTED_UTF8 = memory.data<u8>([
  0xe3, 0x82, 0xb5, 0xe3, 0x83, 0xbc, 0xe3, 0x83, 0x93, 0xe3, 0x82, 0xb9, 0xe3, 0x82, 0x92, 0xe9, 0x96, 0x8b,
  0xe5, 0xa7, 0x8b, 0xe3, 0x81, 0x97, 0xe3, 0x81, 0xbe, 0xe3, 0x81, 0x97, 0xe3, 0x81, 0x9f,
]);
// prettier-ignore
const STOPPED_UTF8 = memory.data<u8>([
  0xe3, 0x82, 0xb5, 0xe3, 0x83, 0xbc, 0xe3, 0x83, 0x93, 0xe3, 0x82, 0xb9, 0xe3, 0x82, 0x92, 0xe5, 0x81, 0x9c,
  0xe6, 0xad, 0xa2, 0xe3, 0x81, 0x97, 0xe3, 0x81, 0xbe, 0xe3, 0x81, 0x97, 0xe3, 0x81, 0x9f,
]);
const SERVICE_WORDS_UTF8: i32 = 33;

// ---- note words: registered by src/ingest/line-scanner.ts from src/model/note-words.ts, each in
// CP932 and in UTF-8. A slot holds the word's bits, its length, then its bytes. ----

const MAX_NOTE_WORDS: i32 = 64;
const NOTE_WORD_BYTES: i32 = 30;
const NOTE_SLOT: i32 = 32;
const noteWordTable = memory.data(MAX_NOTE_WORDS * NOTE_SLOT);
let noteWordCount: i32 = 0;
/** Words by their first byte: first[c] is a word index + 1 (0 = none), next[w] the following one. */
const firstNoteWord = memory.data(256);
const nextNoteWord = memory.data(MAX_NOTE_WORDS);

/** Registers a note word (its bytes at p) and the hint bits it sets. */
export function addNoteWord(p: usize, len: i32, bits: i32): void {
  if (len < 2 || len > NOTE_WORD_BYTES || noteWordCount >= MAX_NOTE_WORDS) return;
  const w = noteWordCount++;
  const slot = noteWordTable + <usize>(w * NOTE_SLOT);
  store<u8>(slot, <u8>bits);
  store<u8>(slot + 1, <u8>len);
  memory.copy(slot + 2, p, len);
  const c = <usize>at(p);
  store<u8>(nextNoteWord + <usize>w, load<u8>(firstNoteWord + c));
  store<u8>(firstNoteWord + c, <u8>(w + 1));
}

/**
 * The hint bits of the note words found in [p, end). Japanese text is all bytes ≥ 0x80 and only
 * bytes that start a word go further; matches are not aligned to characters (a word found across
 * two characters' bytes is possible in CP932, and harmless for a hint).
 */
function noteWords(p: usize, end: usize): i32 {
  let found = 0;
  for (let i = p; i < end; i++) {
    const c = at(i);
    if (c < 0x80) continue;
    let w = <i32>load<u8>(firstNoteWord + <usize>c);
    while (w != 0) {
      const slot = noteWordTable + <usize>((w - 1) * NOTE_SLOT);
      if (startsWithBytes(i, end, slot + 2, at(slot + 1))) found |= at(slot);
      w = <i32>load<u8>(nextNoteWord + <usize>(w - 1));
    }
  }
  return found;
}

/** Whether [p, end) contains "relay" in any case. */
function containsRelay(p: usize, end: usize): bool {
  for (let i = p; i + 5 <= end; i++) {
    if (
      (at(i) | 0x20) == 0x72 &&
      (at(i + 1) | 0x20) == 0x65 &&
      (at(i + 2) | 0x20) == 0x6c &&
      (at(i + 3) | 0x20) == 0x61 &&
      (at(i + 4) | 0x20) == 0x79
    ) {
      return true;
    }
  }
  return false;
}

// ---- tags ---------------------------------------------------------------------------------------

/** The id of the tag [p, p + len); a new one is added while there is room, else -1. */
function tagId(p: usize, len: i32): i32 {
  if (sameTag(lastTag, p, len)) return lastTag;
  for (let id = 1; id < tagCount; id++) {
    if (sameTag(id, p, len)) {
      lastTag = id;
      return id;
    }
  }
  // Assumed: a real server has a handful of services; past 254 distinct tags, new ones stay unparsed.
  if (tagCount >= MAX_TAGS) return -1;
  const id = tagCount++;
  memory.copy(tagBytes + <usize>(id * MAX_TAG), p, len);
  store<u8>(tagLens + <usize>id, <u8>len);
  if (len == 3 && startsWith4(p, p + 3, ASCII_MTA, 3)) markOutbound(id);
  lastTag = id;
  return id;
}

/** The last `[TAG] ` as up to 8 raw bytes (prefixLen 0: none, or too long to fit). */
let prefix: u64 = 0;
let prefixMask: u64 = 0;
let prefixLen: i32 = 0;

function rememberPrefix(start: usize, tagLen: i32): void {
  const bytes = tagLen + 3;
  if (bytes > 8) {
    prefixLen = 0;
    return;
  }
  prefixMask = bytes == 8 ? <u64>-1 : ((<u64>1) << (<u64>bytes * 8)) - 1;
  prefix = load<u64>(start) & prefixMask;
  prefixLen = tagLen;
}

@inline
function sameTag(id: i32, p: usize, len: i32): bool {
  return id > 0 && tagLength(id) == len && startsWithBytes(p, p + <usize>len, tagAt(id), len);
}

// ---- the scan -----------------------------------------------------------------------------------

/** Output columns, set by {@link scan}: offset, end, time, session (4 bytes), detail (2), tag, kind (1). */
let offsetColumn: usize = 0;
let endColumn: usize = 0;
let timeColumn: usize = 0;
let sessionColumn: usize = 0;
let detailColumn: usize = 0;
let tagColumn: usize = 0;
let kindColumn: usize = 0;
/** Bytes a line takes in the output; with capacity `cap`, each column starts at out + cap × (sizes before it). */
export const BYTES_PER_LINE: i32 = 20;

/** The file's line number of the next line: session columns count lines from the file's start. */
let lineNo: i32 = 0;

/**
 * Whether [p, p + len) holds a byte ≥ 0x80. All-ASCII slices say nothing about the encoding, and
 * a log that is ASCII to the end (a report log) would otherwise be searched byte by byte.
 */
export function hasHighByte(p: usize, len: i32): bool {
  const end = p + <usize>len;
  let q = p;
  for (; q + 16 <= end; q += 16) if (i8x16.bitmask(v128.load(q)) != 0) return true;
  for (; q < end; q++) if (at(q) >= 0x80) return true;
  return false;
}

/** Index of the first newline in [p, end), or end. Needs 15 readable bytes past end. */
@inline
function findNewline(p: usize, end: usize): usize {
  const nl = i8x16.splat(0x0a);
  while (p < end) {
    const mask = i8x16.bitmask(i8x16.eq(v128.load(p), nl));
    if (mask != 0) {
      const q = p + <usize>ctz(mask);
      return q < end ? q : end;
    }
    p += 16;
  }
  return end;
}

/**
 * Parses the lines of input[from, len): each line that ends with a newline, and when `atEnd` the
 * bytes after the last newline as a final line. Writes lines at indexes first .. cap - 1 of the
 * columns at `out` (capacity `cap`), with file offsets `base` + position. Returns the index after
 * the last line written; {@link stoppedAt} tells where the next call should start (when the
 * columns filled up, or before a last line still missing its newline). input[from, noNewlineTo)
 * is known to hold no newline (a carried partial line): it is not searched again, so a huge line
 * arriving in many slices costs linear time.
 */
export function scan(input: usize, len: i32, from: i32, noNewlineTo: i32, atEnd: bool, base: u32, out: usize, cap: i32, first: i32): i32 {
  const c4 = <usize>cap << 2;
  offsetColumn = out;
  endColumn = out + c4;
  timeColumn = endColumn + c4;
  sessionColumn = timeColumn + c4;
  detailColumn = sessionColumn + c4;
  tagColumn = detailColumn + (<usize>cap << 1);
  kindColumn = tagColumn + <usize>cap;
  const limit = input + <usize>len;
  let p = input + <usize>from;
  let i = first;
  let searchFrom = max(p, input + <usize>noNewlineTo);
  while (i < cap && p < limit) {
    const nl = findNewline(searchFrom, limit);
    if (nl == limit && !atEnd) break;
    const end = nl > p && at(nl - 1) == 0x0d && nl < limit ? nl - 1 : nl;
    store<u32>(offsetColumn + (<usize>i << 2), base + <u32>(p - input));
    store<u32>(endColumn + (<usize>i << 2), base + <u32>(end - input));
    parseLine(p, end, i);
    i++;
    lineNo++;
    p = nl < limit ? nl + 1 : limit;
    searchFrom = p;
  }
  stopped = <i32>(p - input);
  return i;
}

// What the envelope and the message of the current line are (set by parseEnvelope and classify).
let envelopeTag: i32 = 0;
let envelopeTime: u32 = 0;
let envelopeThread: i32 = -1;
let envelopeJob: i32 = -1;
let messageStart: usize = 0;
let lineKind: u8 = 0;
let lineDetail: i32 = 0;
let argumentStart: usize = 0;
let lineHints: i32 = 0;

function parseLine(p: usize, end: usize, i: i32): void {
  if (reportMode) return reportLine(p, end, i);
  let session = -1;
  if (!parseEnvelope(p, end)) {
    store<u32>(timeColumn + (<usize>i << 2), NO_TIME);
    store<u8>(kindColumn + <usize>i, UNPARSED);
    store<u16>(detailColumn + (<usize>i << 1), 0);
    store<u8>(tagColumn + <usize>i, 0);
  } else {
    classify(messageStart, end, envelopeThread >= 0, envelopeTag);
    if (envelopeTime == IMPOSSIBLE_TIME) envelopeTime = placeImpossibleDate();
    else previousTime = envelopeTime;
    store<u32>(timeColumn + (<usize>i << 2), envelopeTime);
    store<u8>(kindColumn + <usize>i, lineKind);
    store<u16>(detailColumn + (<usize>i << 1), <u16>lineDetail);
    store<u8>(tagColumn + <usize>i, <u8>envelopeTag);
    if (lineKind == SERVICE_START || lineKind == SERVICE_STOP) {
      if (lineKind == SERVICE_START && lineDetail != NO_LEVEL) noteLevel(lineDetail);
      resetService(envelopeTag);
    } else {
      if (envelopeJob >= 0) sawJob = 1;
      else if (envelopeThread >= 0) sawThread = 1;
      else sawNoThread = 1;
      session = assign(envelopeTag, envelopeThread, envelopeJob, lineKind, lineDetail, lineHints, lineNo, envelopeTime);
      if (session >= 0) observe(session, lineKind, lineDetail, lineHints, argumentStart, end);
    }
  }
  store<i32>(sessionColumn + (<usize>i << 2), session);
}

/**
 * A line whose date does not exist keeps its place after the line before it in its file: it
 * takes that line's time (NO_TIME for a file's first line). Counted, so the file can say so.
 */
function placeImpossibleDate(): u32 {
  if (impossibleDates++ == 0) firstImpossibleDate = lineNo;
  return previousTime;
}

/** A service start stated `level`: recorded where it differs from the level before. */
function noteLevel(lv: i32): void {
  level = lv;
  if (levelChangeCount > 0 && load<i32>(levelChanges + <usize>((levelChangeCount - 1) * 8), 4) == lv) return;
  if (levelChangeCount == MAX_LEVEL_CHANGES) return;
  const at = levelChanges + <usize>(levelChangeCount * 8);
  store<i32>(at, lineNo);
  store<i32>(at, lv, 4);
  levelChangeCount++;
}

/** A report log's line: an entry (kind REPORT, with its time) or an unparsed line. */
function reportLine(p: usize, end: usize, i: i32): void {
  const entry = readReportLine(p, end, i);
  let time = entry ? reportTime() : NO_TIME;
  if (time == IMPOSSIBLE_TIME) time = placeImpossibleDate();
  else if (entry) previousTime = time;
  store<u32>(timeColumn + (<usize>i << 2), time);
  store<u8>(kindColumn + <usize>i, entry ? REPORT : UNPARSED);
  store<u16>(detailColumn + (<usize>i << 1), 0);
  store<u8>(tagColumn + <usize>i, 0);
  store<i32>(sessionColumn + (<usize>i << 2), -1);
}

/**
 * `[TAG] YYYY/MM/DD HH:MM:SS [thread-job] message`. The tag is any `[A-Z0-9]+` (assumed: unknown
 * services are shown as they are). Returns false when the line does not fit.
 */
function parseEnvelope(start: usize, end: usize): bool {
  if (end - start < 23 || at(start) != 0x5b) return false;
  let p = start + 1;
  let tag = -1;
  // Nearly every line repeats the previous line's `[TAG] `: one 8-byte compare instead of a parse.
  if (prefixLen > 0 && (load<u64>(start) & prefixMask) == prefix) {
    tag = lastTag;
    p += <usize>prefixLen;
  } else {
    const tagLimit = min(end, p + <usize>MAX_TAG);
    while (p < tagLimit) {
      const c = at(p);
      if (isUpper(c) || isDigit(c)) p++;
      else break;
    }
    if (p == start + 1 || at(p) != 0x5d || at(p + 1) != 0x20) return false;
  }
  const tagStart = start + 1;
  const tagLen = <i32>(p - tagStart);
  const ts = p + 2;
  if (ts + 19 > end) return false;
  const time = parseDateTime(ts);
  if (time == NO_TIME) return false;
  let thread = -1;
  let job = -1;
  let m = ts + 19;
  if (m != end) {
    if (at(m) != 0x20) return false;
    m++;
    if (at(m) == 0x5b) {
      // `[123]` or `[123-45678]`; anything else in brackets is part of the message.
      let j = m + 1;
      let t = 0;
      const digitsEnd = min(end, j + <usize>MAX_THREAD_DIGITS);
      while (j < digitsEnd && isDigit(at(j))) t = t * 10 + at(j++) - 0x30;
      if (j != m + 1) {
        let jb = -1;
        let ok = true;
        if (at(j) == 0x2d) {
          let k = j + 1;
          jb = 0;
          while (k < end && <i32>(k - j - 1) < JOB_DIGITS && isDigit(at(k))) jb = jb * 10 + at(k++) - 0x30;
          if (<i32>(k - j - 1) != JOB_DIGITS) ok = false;
          j = k;
        }
        if (ok && at(j) == 0x5d) {
          thread = t;
          job = jb;
          j++;
          m = j < end && at(j) == 0x20 ? j + 1 : j;
        }
      }
    }
  }
  if (tag < 0) {
    tag = tagId(tagStart, tagLen);
    if (tag < 0) return false;
    rememberPrefix(start, tagLen);
  }
  envelopeTag = tag;
  envelopeTime = time;
  envelopeThread = thread;
  envelopeJob = job;
  messageStart = m;
  return true;
}

@inline
function setKind(kind: u8, detail: i32, arg: usize, end: usize): void {
  lineKind = kind;
  lineDetail = detail;
  argumentStart = min(arg, end);
}

/** After "Connect " / "Disconnect ": "from " (a peer connected to us) or "to " (we connected out). */
let peerOutbound = false;

/** Where the peer starts after "from " / "to " (setting peerOutbound), or 0. */
function peerStart(p: usize, end: usize): usize {
  if (startsWith4(p, end, ASCII_FROM, 4) && p + 4 < end && at(p + 4) == 0x20) {
    peerOutbound = false;
    return p + 5; // "from "
  }
  if (startsWith4(p, end, ASCII_TO_SPACE, 3)) {
    peerOutbound = true;
    return p + 3; // "to "
  }
  return 0;
}

/**
 * Classifies the message at [m, end) (log-format.md, "Client commands vs server replies");
 * `hasThread` is false for the lines without a thread id, the only ones that can start or stop a
 * service. Also sets the hint bits notes, connects and 5xx replies carry for the session outcome.
 */
function classify(m: usize, end: usize, hasThread: bool, tag: i32): void {
  lineHints = 0;
  lineDetail = 0;
  argumentStart = end;
  const c0 = m < end ? at(m) : 0;
  // SMTP-style reply: three digits then space, dash or end.
  if (isDigit(c0) && m + 3 <= end && isDigit(at(m + 1)) && isDigit(at(m + 2))) {
    const c3 = m + 3 < end ? at(m + 3) : 0x20;
    if (c3 == 0x20 || c3 == 0x2d) {
      const code = (c0 - 0x30) * 100 + (at(m + 1) - 0x30) * 10 + (at(m + 2) - 0x30);
      setKind(REPLY, code, m + 4, end);
      if (code >= 500 && code < 600) lineHints = (containsRelay(m, end) ? HINT_RELAY_ASCII : 0) | noteWords(m, end);
      return;
    }
  }
  if (c0 == 0x2b /* + */) {
    if (startsWith4(m, end, ASCII_PLUS_OK, 3) && endsWord(m + 3, end)) return setKind(REPLY, POP_OK, m + 4, end);
    if (m + 1 == end || at(m + 1) == 0x20) return setKind(REPLY, CONTINUATION, m + 2, end);
  }
  if (c0 == 0x2d /* - */ && startsWith4(m, end, ASCII_MINUS_ERR, 4) && endsWord(m + 4, end)) {
    return setKind(REPLY, POP_ERR, m + 5, end);
  }
  if (c0 == 0x2a /* * */ && (m + 1 == end || at(m + 1) == 0x20)) {
    return setKind(REPLY, IMAP_UNTAGGED, m + 2, end);
  }
  // "Connect " / "Disconnect "
  if (c0 == 0x43 && startsWith4(m, end, ASCII_CONN, 4) && startsWith4(m + 4, end, ASCII_ECT_SPACE, 4)) {
    const peer = peerStart(m + 8, end);
    if (peer != 0) {
      // `Connect to HOST(IP) に失敗しました。`: a failed attempt of our delivery (assumed wording).
      lineHints = noteWords(peer, end);
      let detail = (lineHints & WORD_FAILURE) != 0 ? CONNECT_FAILED : 0;
      if (peerOutbound) {
        detail |= CONNECT_OUTBOUND;
        markOutbound(tag);
      }
      return setKind(CONNECT, detail, peer, end);
    }
  }
  if (
    c0 == 0x44 &&
    startsWith4(m, end, ASCII_DISC, 4) &&
    startsWith4(m + 4, end, ASCII_ONNE, 4) &&
    startsWith4(m + 8, end, ASCII_CT_SPACE, 3)
  ) {
    const peer = peerStart(m + 11, end);
    if (peer != 0) return setKind(DISCONNECT, 0, peer, end);
  }
  if (isLetter(c0)) {
    let w = m;
    while (w < end && isLetter(at(w))) w++;
    if (endsWord(w, end)) {
      const verb = lookupVerb(m, <i32>(w - m));
      if (verb >= 0) return setKind(COMMAND, verb + 1, w + 1, end);
    }
  }
  // IMAP tagged line: `A001 LOGIN …` (command) or `A001 OK …` (reply).
  if (isTagChar(c0)) {
    let t = m;
    while (t < end && isTagChar(at(t))) t++;
    if (t < end && at(t) == 0x20 && t - m <= 16) {
      const v = t + 1;
      let w = v;
      while (w < end && isLetter(at(w))) w++;
      if (w > v && (w == end || at(w) == 0x20)) {
        const status = imapStatus(v, <i32>(w - v));
        if (status != 0) return setKind(REPLY, status, w + 1, end);
        const verb = lookupVerb(v, <i32>(w - v));
        if (verb >= 0) return setKind(COMMAND, verb + 1, w + 1, end);
      }
    }
  }
  if (!hasThread && isUpper(c0)) {
    const stated = serviceStatement(m, end);
    if (stated == SERVICE_START) {
      const lv = debugLevel(indexOfBytes(m, end, DEBUG_LEVEL, 12), end);
      return setKind(SERVICE_START, lv, end, end);
    }
    if (stated == SERVICE_STOP) return setKind(SERVICE_STOP, 0, end, end);
  }
  lineKind = NOTE;
  argumentStart = m;
  lineHints = noteWords(m, end);
  // A note states a failure by its words (log-format.md decisions: 失敗, 拒否, エラー…).
  if ((lineHints & WORD_FAILURE) != 0) lineDetail = NOTE_FAILURE;
}

/**
 * SERVICE_START or SERVICE_STOP when [m, end) is `SERVICE サービスを開始しました…` or
 * `SERVICE サービスを停止しました…` (a service name, a space, those words), else 0: no other note
 * starts or stops a service, whatever words it holds.
 */
function serviceStatement(m: usize, end: usize): u8 {
  let p = m;
  while (p < end && (isUpper(at(p)) || isDigit(at(p)))) p++;
  if (p == m || p >= end || at(p) != 0x20) return 0;
  p++;
  if (startsWithBytes(p, end, STARTED_SJIS, SERVICE_WORDS_SJIS)) return SERVICE_START;
  if (startsWithBytes(p, end, STARTED_UTF8, SERVICE_WORDS_UTF8)) return SERVICE_START;
  if (startsWithBytes(p, end, STOPPED_SJIS, SERVICE_WORDS_SJIS)) return SERVICE_STOP;
  if (startsWithBytes(p, end, STOPPED_UTF8, SERVICE_WORDS_UTF8)) return SERVICE_STOP;
  return 0;
}

/** A word must be followed by a space, a colon (`MAIL FROM:`) or the end of the line. */
@inline
function endsWord(p: usize, end: usize): bool {
  return p == end || at(p) == 0x20 || at(p) == 0x3a;
}

function imapStatus(v: usize, len: i32): i32 {
  if (len == 2 && at(v) == 0x4f && at(v + 1) == 0x4b) return IMAP_OK;
  if (len == 2 && at(v) == 0x4e && at(v + 1) == 0x4f) return IMAP_NO;
  if (len == 3 && at(v) == 0x42 && at(v + 1) == 0x41 && at(v + 2) == 0x44) return IMAP_BAD;
  return 0;
}

/** N from `(Debug LevelN)` at `debug` (or -1: not stated), NO_LEVEL when absent. */
function debugLevel(debug: isize, end: usize): i32 {
  if (debug < 0) return NO_LEVEL;
  let p = <usize>debug + 12;
  const start = p;
  let lv = 0;
  while (p < end && isDigit(at(p)) && p - start < 3) lv = lv * 10 + at(p++) - 0x30;
  return p == start ? NO_LEVEL : lv;
}
