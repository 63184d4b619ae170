// Rebuilds the file's connections while its lines stream past (log-format.md: thread ids are
// reused, so a session runs from `Connect from` to `Disconnect from` on its thread, or is one
// thread-JobId pair; ≤1.26 files without thread ids are cut in file order, a best effort). Also
// reads what each session line tells about its connection: peer, HELO, sender, recipients, user,
// outcome. Everything is per file and local: session ids count from 0, string ids are this
// file's (strings.ts), lines are the file's line numbers. The index builder maps them at the end.

import { allocate, at, grow } from './bytes';
import {
  AUTH_FAILED,
  BEST_EFFORT,
  CLOSED,
  COMMAND,
  CONNECT,
  CONNECT_FAILED,
  CONNECT_OUTBOUND,
  DISCONNECT,
  ERROR,
  FAILED_CONNECT,
  IMAP_BAD,
  IMAP_NO,
  IMAP_OK,
  NOTE,
  OK,
  PARTIAL,
  POP_ERR,
  POP_OK,
  REJECTED,
  RELAY_DENIED,
  REPLY,
  ROLE_AUTH,
  ROLE_HELO,
  ROLE_LOGIN,
  ROLE_MAIL,
  ROLE_RCPT,
  ROLE_USER,
  S_AUTH_USER,
  S_FIRST_LINE,
  S_FIRST_TIME,
  S_FLAGS,
  S_HELO,
  S_JOB_ID,
  S_LAST_LINE,
  S_LAST_TIME,
  S_LINE_COUNT,
  S_MAIL_FROM,
  S_OUTCOME,
  S_PEER_HOST,
  S_PEER_IP,
  S_TAG,
  S_THREAD,
  WARNINGS,
  WORD_AUTH,
  WORD_DELIVERY,
  WORD_FAILURE,
  WORD_RELAY,
} from './model';
import { intern } from './strings';

/** A 5xx reply that says "relay": the scanner's own hint bit, beside the note words' (line-scan.ts). */
export const HINT_RELAY_ASCII: i32 = 16;

/**
 * What each command verb means to a session (VerbRole, src/ingest/line-scanner.ts: a field in the
 * low bits, ROLE_AUTH for a login step, ROLE_LOGIN for the verb that completes a login).
 */
const verbRoles = memory.data(128);

/**
 * Services whose sessions are our deliveries (the MTA's: we connect out, the remote host
 * replies): a tag named `MTA`, or any tag with a `Connect to` line. Their outcomes read the other
 * way round: a 5xx is the remote host refusing our delivery, not us refusing a relay.
 */
const outboundTags = memory.data(256);

export function markOutbound(tag: i32): void {
  store<u8>(outboundTags + <usize>tag, 1);
}

@inline
function isOutbound(s: i32): bool {
  return load<u8>(outboundTags + <usize>get(S_TAG, s)) != 0;
}

/** Connect lines and delivery starts seen in the file: without any, thread lines form no sessions. */
let starters: i32 = 0;

export function startersSeen(): i32 {
  return starters;
}

export function setVerbRole(index: i32, role: i32): void {
  if (index >= 0 && index < 128) store<u8>(verbRoles + <usize>index, <u8>role);
}

// ---- sessions: SESSION_FIELDS fields of 4 bytes each, row-major (a session's fields share one cache
// line: assigning a line touches several of them, and sessions are visited in no useful order), in
// blocks of SESSIONS_PER_BLOCK. Blocks, not one array grown by copying: the heap frees nothing
// before the next file, so each copy would leave the old array behind (twice the memory). ----

/**
 * Working state, not read outside: the last command's verb (a POP3 `-ERR` or IMAP `NO` means "auth
 * failed" only right after a login verb) in the low byte, and the STATE_ bits.
 */
const S_STATE: i32 = 15;
const LAST_VERB_MASK: i32 = 0xff;
/** A `Connect` that did not fail was seen: a later outbound `Connect to` is a new connection. */
const STATE_CONNECTED: i32 = 0x100;
/** A 354 came after DATA: the next reply is the verdict on the message. */
const STATE_IN_DATA: i32 = 0x200;
/** The MTA's note that a delivery starts was seen. */
const STATE_DELIVERY: i32 = 0x400;
/** Fields per session; a power of two, so a session is 64 bytes. */
export const SESSION_FIELDS: i32 = 16;

const BLOCK_SHIFT: i32 = 14;
/** 16384 sessions of 64 bytes: 1 MiB a block. */
export const SESSIONS_PER_BLOCK: i32 = 1 << BLOCK_SHIFT;
/** Blocks' addresses; 4096 blocks hold 2^26 sessions, more than a 4 GiB file has lines. */
const MAX_BLOCKS: i32 = 4096;
const blocks = memory.data(MAX_BLOCKS * 4);
let cap: i32 = 0;
let count: i32 = 0;

@inline
function cell(k: i32, s: i32): usize {
  const block = <usize>load<u32>(blocks + (<usize>(s >> BLOCK_SHIFT) << 2));
  return block + ((<usize>(s & (SESSIONS_PER_BLOCK - 1)) << 6) | (<usize>k << 2));
}
@inline
function get(k: i32, s: i32): i32 {
  return load<i32>(cell(k, s));
}
@inline
function put(k: i32, s: i32, v: i32): void {
  store<i32>(cell(k, s), v);
}

/** Forgets every session (the heap itself is reset by the caller). */
export function resetSessions(): void {
  cap = count = 0;
  rcpts = 0;
  rcptCap = rcptCount = 0;
  slots = 0;
  slotCap = slotsUsed = slotsLive = 0;
  memory.fill(sequential, 0, 256 * 4);
  memory.fill(outboundTags, 0, 256);
  starters = 0;
}

export function sessionCount(): i32 {
  return count;
}
/** Where block i of the sessions is: SESSIONS_PER_BLOCK rows of SESSION_FIELDS i32 each (the last one partly used). */
export function sessionBlock(i: i32): usize {
  return <usize>load<u32>(blocks + (<usize>i << 2));
}

// ---- RCPT TO addresses: (session, string) pairs in the order seen ----

let rcpts: usize = 0;
let rcptCap: i32 = 0;
let rcptCount: i32 = 0;

export function rcptTotal(): i32 {
  return rcptCount;
}
/** Pairs of i32: session, address string id. */
export function rcptPairs(): usize {
  return rcpts;
}

/** How far back pushRcpt looks for the same address: a session's recipients sit close together. */
const RCPT_LOOKBACK: i32 = 16;

/** Adds a recipient to session s, once: the delivery note and RCPT TO name the same address. */
function pushRcpt(s: i32, addr: i32): void {
  for (let k = rcptCount - 1; k >= 0 && k >= rcptCount - RCPT_LOOKBACK; k--) {
    const at = rcpts + (<usize>k << 3);
    if (load<i32>(at) == s && load<i32>(at, 4) == addr) return;
  }
  if (rcptCount == rcptCap) {
    const next = rcptCap == 0 ? 1024 : rcptCap * 2;
    rcpts = grow(rcpts, <usize>rcptCount << 3, <usize>next << 3);
    rcptCap = next;
  }
  store<i32>(rcpts + (<usize>rcptCount << 3), s);
  store<i32>(rcpts + (<usize>rcptCount << 3) + 4, addr);
  rcptCount++;
}

// ---- open sessions: (tag, thread, job) → session, open addressing with tombstones ----

/** Per slot: key a (tag << 20 | thread), key b (job or -1), value (0 empty, -1 deleted, else s + 1). */
let slots: usize = 0;
let slotCap: i32 = 0;
let slotsUsed: i32 = 0;
let slotsLive: i32 = 0;
/** ≤1.26 lines: the one open session per tag, + 1 (0 = none). */
const sequential = memory.data(256 * 4);

@inline
function slotAt(i: i32): usize {
  return slots + <usize>i * 12;
}

function slotOf(a: i32, b: i32): i32 {
  let h = <u32>a * 0x9e3779b1 + <u32>b * 0x85ebca6b;
  h ^= h >> 15;
  return <i32>h & (slotCap - 1);
}

/** The slot holding (a, b), or -1. */
function find(a: i32, b: i32): i32 {
  if (slotCap == 0) return -1;
  const mask = slotCap - 1;
  let i = slotOf(a, b);
  while (true) {
    const p = slotAt(i);
    const v = load<i32>(p, 8);
    if (v == 0) return -1;
    if (v > 0 && load<i32>(p) == a && load<i32>(p, 4) == b) return i;
    i = (i + 1) & mask;
  }
}

function openGet(a: i32, b: i32): i32 {
  const i = find(a, b);
  return i < 0 ? -1 : load<i32>(slotAt(i), 8) - 1;
}

function openPut(a: i32, b: i32, s: i32): void {
  const found = find(a, b);
  if (found >= 0) {
    store<i32>(slotAt(found), s + 1, 8);
    return;
  }
  if ((slotsUsed + 1) * 2 > slotCap) rehash();
  const mask = slotCap - 1;
  let i = slotOf(a, b);
  while (load<i32>(slotAt(i), 8) > 0) i = (i + 1) & mask;
  const p = slotAt(i);
  if (load<i32>(p, 8) == 0) slotsUsed++;
  store<i32>(p, a);
  store<i32>(p, b, 4);
  store<i32>(p, s + 1, 8);
  slotsLive++;
}

function openDelete(a: i32, b: i32): void {
  const i = find(a, b);
  if (i < 0) return;
  store<i32>(slotAt(i), -1, 8);
  slotsLive--;
}

/** Rebuilds the table without its tombstones, twice as big when it is more than a quarter full. */
function rehash(): void {
  const oldSlots = slots;
  const oldCap = slotCap;
  slotCap = max(1024, slotsLive * 4 > oldCap ? oldCap * 2 : oldCap);
  slots = allocate(<usize>slotCap * 12);
  memory.fill(slots, 0, <usize>slotCap * 12);
  slotsUsed = slotsLive;
  const mask = slotCap - 1;
  for (let j = 0; j < oldCap; j++) {
    const p = oldSlots + <usize>j * 12;
    const v = load<i32>(p, 8);
    if (v <= 0) continue;
    const a = load<i32>(p);
    const b = load<i32>(p, 4);
    let i = slotOf(a, b);
    while (load<i32>(slotAt(i), 8) != 0) i = (i + 1) & mask;
    const q = slotAt(i);
    store<i32>(q, a);
    store<i32>(q, b, 4);
    store<i32>(q, v, 8);
  }
}

/** A service (re)start closes every open session of that service: its threads start over. */
export function resetService(tag: i32): void {
  for (let i = 0; i < slotCap; i++) {
    const p = slotAt(i);
    if (load<i32>(p, 8) > 0 && load<i32>(p) >>> 20 == tag) {
      store<i32>(p, -1, 8);
      slotsLive--;
    }
  }
  store<i32>(sequential + (<usize>tag << 2), 0);
}

// ---- assigning lines ----

function create(tag: i32, thread: i32, job: i32, line: i32, time: u32, flags: i32): i32 {
  if (count == cap) {
    // Assumed limit, far above any real file; the module aborts (out of memory) past it.
    if (cap >> BLOCK_SHIFT == MAX_BLOCKS) abort();
    store<u32>(blocks + (<usize>(cap >> BLOCK_SHIFT) << 2), <u32>allocate(<usize>SESSIONS_PER_BLOCK << 6));
    cap += SESSIONS_PER_BLOCK;
  }
  const s = count++;
  put(S_TAG, s, tag);
  put(S_THREAD, s, thread);
  put(S_JOB_ID, s, job);
  put(S_FIRST_LINE, s, line);
  put(S_LAST_LINE, s, line);
  put(S_FIRST_TIME, s, <i32>time);
  put(S_LAST_TIME, s, <i32>time);
  put(S_PEER_HOST, s, -1);
  put(S_PEER_IP, s, -1);
  put(S_HELO, s, -1);
  put(S_AUTH_USER, s, -1);
  put(S_MAIL_FROM, s, -1);
  put(S_OUTCOME, s, OK);
  put(S_FLAGS, s, flags);
  put(S_LINE_COUNT, s, 0);
  put(S_STATE, s, 0);
  return s;
}

/**
 * Whether a line that can start a connection (a Connect, the MTA's delivery start) starts a new
 * session on a thread whose session s is open, rather than continuing it. A delivery writes notes
 * before its `Connect to`, and tries the next host after a failed one, all in one session; a
 * connection from a client, a second successful `Connect to` or a second delivery start is new.
 */
function startsNew(s: i32, kind: u8, detail: i32): bool {
  const state = get(S_STATE, s);
  if (kind == CONNECT) return (detail & CONNECT_OUTBOUND) == 0 || (state & STATE_CONNECTED) != 0;
  return (state & STATE_DELIVERY) != 0 || (get(S_FLAGS, s) & PARTIAL) != 0;
}

/**
 * Finds or opens the session of a line; -1 for none (a ≤1.26 line outside any connection). With
 * JobIDs a thread-JobID pair is one session from its first line to its Disconnect (log-format.md);
 * without, a thread's session runs from the line that starts it to its Disconnect.
 */
export function assign(tag: i32, thread: i32, job: i32, kind: u8, detail: i32, hints: i32, line: i32, time: u32): i32 {
  let s: i32;
  const delivery = kind == NOTE && (hints & WORD_DELIVERY) != 0;
  const starter = kind == CONNECT || delivery;
  if (starter) starters++;
  if (thread >= 0) {
    const a = (tag << 20) | thread;
    s = openGet(a, job);
    if (s >= 0 && job < 0 && starter && startsNew(s, kind, detail)) s = -1;
    if (s < 0) {
      s = create(tag, thread, job, line, time, starter ? 0 : PARTIAL);
      openPut(a, job, s);
    }
    if (kind == DISCONNECT) {
      // JobIDs wrap around, so a pair seen again after its Disconnect is a new connection.
      put(S_FLAGS, s, get(S_FLAGS, s) | CLOSED);
      openDelete(a, job);
    }
  } else {
    const seq = sequential + (<usize>tag << 2);
    s = load<i32>(seq) - 1;
    if (starter && (s < 0 || startsNew(s, kind, detail))) {
      s = create(tag, -1, -1, line, time, BEST_EFFORT);
      store<i32>(seq, s + 1);
    }
    if (s < 0) return -1;
    if (kind == DISCONNECT) {
      put(S_FLAGS, s, get(S_FLAGS, s) | CLOSED);
      store<i32>(seq, 0);
    }
  }
  put(S_LAST_LINE, s, line);
  put(S_LINE_COUNT, s, get(S_LINE_COUNT, s) + 1);
  if (time != 0xffffffff) {
    if (time < <u32>get(S_FIRST_TIME, s)) put(S_FIRST_TIME, s, <i32>time);
    if (time > <u32>get(S_LAST_TIME, s)) put(S_LAST_TIME, s, <i32>time);
  }
  return s;
}

// ---- what a line tells about its session ----

let tokStart: usize = 0;
let tokEnd: usize = 0;

@inline
function skipSpaces(p: usize, end: usize): usize {
  while (p < end && at(p) == 0x20) p++;
  return p;
}

/** The first space-delimited token at or after p, without surrounding quotes; false if empty. */
function firstToken(p: usize, end: usize): bool {
  p = skipSpaces(p, end);
  let q = p;
  while (q < end && at(q) != 0x20) q++;
  if (q - p >= 2 && at(p) == 0x22 && at(q - 1) == 0x22) {
    p++;
    q--;
  }
  tokStart = p;
  tokEnd = q;
  return q > p;
}

/** The address of `FROM:<a@b> …` / `TO:<a@b>`: inside angle brackets if present, else the token. */
function pathAddress(p: usize, end: usize): bool {
  while (p < end && at(p) != 0x3a) p++;
  if (p == end) return false;
  p = skipSpaces(p + 1, end);
  if (p < end && at(p) == 0x3c) {
    let q = p + 1;
    while (q < end && at(q) != 0x3e) q++;
    tokStart = p + 1;
    tokEnd = q;
    return true;
  }
  return firstToken(p, end);
}

/**
 * `NAME(IP)` from `Connect from NAME(IP)` (log-format.md): NAME is the resolved host name, or the
 * IP again when reverse lookup gave none. A host name holds no space or parenthesis, so what
 * follows `(IP)` (`に失敗しました。` after a failed connect) is not part of the peer. Without
 * parentheses the first word is the host.
 */
function connectPeer(s: i32, p: usize, end: usize): void {
  p = skipSpaces(p, end);
  let hostEnd = p;
  while (hostEnd < end && at(hostEnd) != 0x28 && at(hostEnd) != 0x20) hostEnd++;
  if (hostEnd == p) return;
  put(S_PEER_HOST, s, intern(p, hostEnd));
  put(S_PEER_IP, s, -1);
  if (hostEnd < end && at(hostEnd) == 0x28) {
    let close = hostEnd + 1;
    while (close < end && at(close) != 0x29) close++;
    if (close < end && close > hostEnd + 1) put(S_PEER_IP, s, intern(hostEnd + 1, close));
  }
}

/**
 * The sender and recipient of the MTA's delivery note `…(SENDER -> RECIPIENT)` (assumed wording):
 * what the session delivers, known even where MAIL FROM and RCPT TO are not logged.
 */
function deliveryAddresses(s: i32, p: usize, end: usize): void {
  let close = end;
  while (close > p && at(close - 1) != 0x29) close--;
  if (close == p) return;
  close--;
  let open = close;
  while (open > p && at(open - 1) != 0x28) open--;
  if (open == p) return;
  for (let k = open; k + 4 <= close; k++) {
    // " -> "
    if (at(k) == 0x20 && at(k + 1) == 0x2d && at(k + 2) == 0x3e && at(k + 3) == 0x20) {
      if (get(S_MAIL_FROM, s) < 0) put(S_MAIL_FROM, s, internAddress(open, k));
      if (close > k + 4) pushRcpt(s, internAddress(k + 4, close));
      return;
    }
  }
}

/** The address [p, end) without its angle brackets. */
function internAddress(p: usize, end: usize): i32 {
  if (end - p >= 2 && at(p) == 0x3c && at(end - 1) == 0x3e) return intern(p + 1, end - 1);
  return intern(p, end);
}

@inline
function raise(s: i32, outcome: i32): void {
  if (outcome > get(S_OUTCOME, s)) put(S_OUTCOME, s, outcome);
}

/**
 * The session reached its result (a message accepted, a login succeeded): it is ok, and what went
 * wrong before is kept as a warning. What goes wrong after raises the outcome again.
 */
function succeed(s: i32): void {
  if (get(S_OUTCOME, s) != OK) {
    put(S_FLAGS, s, get(S_FLAGS, s) | WARNINGS);
    put(S_OUTCOME, s, OK);
  }
}

@inline
function lastVerbRole(s: i32): i32 {
  const verb = get(S_STATE, s) & LAST_VERB_MASK;
  return verb > 0 ? <i32>load<u8>(verbRoles + <usize>(verb - 1)) : 0;
}

/** Reads a reply (assumed mapping, see README "Outcomes"). */
function observeReply(s: i32, code: i32, hints: i32): void {
  const state = get(S_STATE, s);
  if (code >= 100) {
    if (code == 354) {
      put(S_STATE, s, state | STATE_IN_DATA);
      return;
    }
    if ((state & STATE_IN_DATA) != 0) {
      put(S_STATE, s, state & ~STATE_IN_DATA);
      if (code < 400) return succeed(s);
    }
    if (code == 235) return succeed(s);
    if (code < 400) return;
    if (isOutbound(s)) return raise(s, code >= 500 ? REJECTED : ERROR);
    if (code == 535 || code == 534) return raise(s, AUTH_FAILED);
    if (code >= 500) return raise(s, (hints & (HINT_RELAY_ASCII | WORD_RELAY)) != 0 ? RELAY_DENIED : REJECTED);
    return raise(s, ERROR);
  }
  const role = lastVerbRole(s);
  if (code == POP_OK || code == IMAP_OK) {
    if ((role & ROLE_LOGIN) != 0) succeed(s);
  } else if (code == POP_ERR || code == IMAP_NO || code == IMAP_BAD) {
    raise(s, (role & ROLE_AUTH) != 0 && !isOutbound(s) ? AUTH_FAILED : REJECTED);
  }
}

/**
 * A note that states a failure (its words, log-format.md decisions): about a password or
 * authentication, a failed login; about relaying, a refused relay; otherwise an error. In our own
 * deliveries a refused login or relay is the remote host refusing us.
 */
function observeFailureNote(s: i32, hints: i32): void {
  const refusal = (hints & (WORD_AUTH | WORD_RELAY)) != 0;
  if (isOutbound(s)) raise(s, refusal ? REJECTED : ERROR);
  else if ((hints & WORD_AUTH) != 0) raise(s, AUTH_FAILED);
  else if ((hints & WORD_RELAY) != 0) raise(s, RELAY_DENIED);
  else raise(s, ERROR);
}

/** Reads a session line; `arg` is where a command's or connect line's argument starts. */
export function observe(s: i32, kind: u8, detail: i32, hints: i32, arg: usize, end: usize): void {
  if (kind == CONNECT) {
    const state = get(S_STATE, s);
    if ((detail & CONNECT_FAILED) != 0) {
      put(S_FLAGS, s, get(S_FLAGS, s) | FAILED_CONNECT);
      if (get(S_PEER_HOST, s) < 0) connectPeer(s, arg, end);
      raise(s, ERROR);
    } else if ((state & STATE_CONNECTED) == 0) {
      // The host reached, not one tried before and failed.
      connectPeer(s, arg, end);
      put(S_STATE, s, state | STATE_CONNECTED);
    }
  } else if (kind == DISCONNECT) {
    // A session whose Connect is in an earlier file still names its peer here.
    if (get(S_PEER_HOST, s) < 0) connectPeer(s, arg, end);
  } else if (kind == COMMAND) {
    put(S_STATE, s, (get(S_STATE, s) & ~LAST_VERB_MASK) | detail);
    const role = <i32>load<u8>(verbRoles + <usize>(detail - 1)) & 0x0f;
    if (role == ROLE_HELO) {
      if (firstToken(arg, end)) put(S_HELO, s, intern(tokStart, tokEnd));
    } else if (role == ROLE_MAIL) {
      if (pathAddress(arg, end)) put(S_MAIL_FROM, s, intern(tokStart, tokEnd));
    } else if (role == ROLE_RCPT) {
      if (pathAddress(arg, end)) pushRcpt(s, intern(tokStart, tokEnd));
    } else if (role == ROLE_USER) {
      // The user name is visible in POP3 USER and APOP and IMAP LOGIN; SMTP AUTH sends it encoded.
      if (get(S_AUTH_USER, s) < 0 && firstToken(arg, end)) put(S_AUTH_USER, s, intern(tokStart, tokEnd));
    }
  } else if (kind == REPLY) {
    observeReply(s, detail, hints);
  } else if (kind == NOTE) {
    if ((hints & WORD_DELIVERY) != 0) {
      put(S_STATE, s, get(S_STATE, s) | STATE_DELIVERY);
      deliveryAddresses(s, arg, end);
    }
    if ((hints & WORD_FAILURE) != 0) observeFailureNote(s, hints);
  }
}
