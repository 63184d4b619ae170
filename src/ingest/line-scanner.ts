import { COMMAND_VERBS } from '../model/command-verbs';
import { NOTE_WORDS } from '../model/note-words';
import type { ReportBatch } from './parsed-batch';
import { freeNow } from '../lib/free-now';
import { LINE_SCAN_WASM } from './line-scan-wasm';
import { COLUMN_POOL, SCAN_PIECE_BYTES } from './flow-control';

/** What assembly/line-scan.ts exports. */
interface ScanExports {
  memory: WebAssembly.Memory;
  allocate(bytes: number): number;
  scan(
    input: number,
    len: number,
    from: number,
    noNewlineTo: number,
    atEnd: number,
    base: number,
    out: number,
    cap: number,
    first: number,
  ): number;
  reset(): void;
  stoppedAt(): number;
  hasHighByte(p: number, len: number): number;
  facts(): number;
  lastLevel(): number;
  levelChangesSeen(): number;
  levelChangeList(): number;
  impossibleDateCount(): number;
  firstImpossibleDateLine(): number;
  startersSeen(): number;
  addNoteWord(p: number, len: number, bits: number): void;
  tagsKnown(): number;
  tagAt(id: number): number;
  tagLength(id: number): number;
  addVerb(p: number, len: number, index: number, role: number): void;
  sessionCount(): number;
  sessionBlock(i: number): number;
  SESSION_FIELDS: WebAssembly.Global;
  SESSIONS_PER_BLOCK: WebAssembly.Global;
  rcptTotal(): number;
  rcptPairs(): number;
  stringCount(): number;
  stringPool(): number;
  stringStarts(): number;
  BYTES_PER_LINE: WebAssembly.Global;
  setReportMode(on: number): void;
  parseReport(start: number, end: number): number;
  resetEntries(all: number): void;
  entryCountNow(): number;
  entryRows(): number;
  ENTRY_FIELDS: WebAssembly.Global;
}

/** Service lines as the scanner parsed them: the columns a {@link ParsedBatch} takes over. */
export interface ScannedLines {
  count: number;
  offset: Uint32Array;
  /**
   * Line end, without its terminator. Only for the parse worker's own use (telling a report log
   * by its first lines): a view on a scratch buffer, valid until the next scan, and not part of
   * the buffer handed over with the other columns.
   */
  end: Uint32Array;
  time: Uint32Array;
  /** The file's session id of the line (see {@link FileSessions}), -1 for none. */
  session: Int32Array;
  detail: Uint16Array;
  tag: Uint8Array;
  kind: Uint8Array;
}

/**
 * The sessions of one file, rebuilt by the scanner (assembly/sessions.ts) while it parsed the
 * lines: ids count from 0 in the order sessions opened, lines are the file's line numbers, and
 * string fields hold ids into this file's own strings (-1 for none). Handed over as the module
 * keeps them, row-major, so the parse worker spends no time reshaping them.
 */
export interface FileSessions {
  count: number;
  /** Field k ({@link SessionField}) of session s is rows[s * SESSION_FIELDS + k]. */
  rows: Int32Array;
  /** RCPT TO addresses in the order seen: session, string id, session, string id, … */
  rcpts: Int32Array;
  /** String k is stringBytes[stringEnds[k - 1] .. stringEnds[k]) (from 0 for k = 0), undecoded. */
  stringBytes: Uint8Array;
  stringEnds: Uint32Array;
}

/** The fields of a session row, as assembly/sessions.ts numbers them (S_TAG … S_LINES). */
export const SessionField = {
  Tag: 0,
  Thread: 1,
  JobId: 2,
  FirstLine: 3,
  LastLine: 4,
  FirstTime: 5,
  LastTime: 6,
  PeerHost: 7,
  PeerIp: 8,
  Helo: 9,
  AuthUser: 10,
  MailFrom: 11,
  Outcome: 12,
  Flags: 13,
  LineCount: 14,
} as const;
/** i32 fields per session row (assembly/sessions.ts SESSION_FIELDS; the scanner checks it). */
export const SESSION_FIELDS = 16;

/** What a command verb tells a session (assembly/sessions.ts): low bits a field, plus a flag. */
export const VerbRole = { Helo: 1, Mail: 2, Rcpt: 3, User: 4, Auth: 16, Login: 32 } as const;
/**
 * USER, APOP and LOGIN show the user name (SMTP AUTH sends it encoded); a POP3 `-ERR` or IMAP
 * `NO` right after any of the Auth verbs means the login failed, and a positive reply to a Login
 * verb (the one that completes a login) that it succeeded.
 */
const VERB_ROLES: Partial<Record<(typeof COMMAND_VERBS)[number], number>> = {
  HELO: VerbRole.Helo,
  EHLO: VerbRole.Helo,
  MAIL: VerbRole.Mail,
  RCPT: VerbRole.Rcpt,
  USER: VerbRole.User | VerbRole.Auth,
  LOGIN: VerbRole.User | VerbRole.Auth | VerbRole.Login,
  AUTH: VerbRole.Auth,
  PASS: VerbRole.Auth | VerbRole.Login,
  APOP: VerbRole.User | VerbRole.Auth | VerbRole.Login,
  AUTHENTICATE: VerbRole.Auth | VerbRole.Login,
};

export const ScanFacts = { NoThread: 1, Thread: 2, Job: 4 } as const;

/** Where a service start stated a level different from the one before: its line, and the level. */
export interface LevelChange {
  line: number;
  level: number;
}

const PAGE = 65536;
/** The SIMD newline search reads up to 15 bytes past the input. */
const PAD = 16;

export interface ScanOptions {
  /** Copy the slice in whole: {@link LineScanner.isReportLine} then reaches any of its lines. */
  whole?: boolean;
  /** Note whether the slice holds a byte ≥ 0x80 ({@link LineScanner.sawHighByte}). */
  checkHighByte?: boolean;
}

/** The thread's one instance, and the scanner currently using it. */
let shared: { x: ScanExports; owner: LineScanner | undefined } | undefined;

/**
 * One instance per thread, reset for each file: its memory grows to what the biggest file needs,
 * instead of a new memory per file that lingers until garbage collection. Compiled and
 * instantiated synchronously: the module is a few KB, and we run in a worker or in Node.
 */
function sharedInstance(): { x: ScanExports; owner: LineScanner | undefined } {
  if (!shared) {
    const bin = atob(LINE_SCAN_WASM);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    // The module's heap calls abort only when memory cannot grow any more.
    const env = {
      abort: () => {
        throw new RangeError('out of memory while parsing');
      },
    };
    const x = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env })
      .exports as unknown as ScanExports;
    registerVerbs(x);
    registerNoteWords(x);
    shared = { x, owner: undefined };
  }
  return shared;
}

/** Compiles and instantiates the module ahead of the first file (a worker calls it as it boots). */
export function prepareScanner(): void {
  sharedInstance();
}

/** The verbs and their session roles, into the module's static tables (they survive a reset). */
function registerVerbs(x: ScanExports): void {
  const p = x.allocate(64);
  const mem = new Uint8Array(x.memory.buffer);
  COMMAND_VERBS.forEach((verb, index) => {
    for (let i = 0; i < verb.length; i++) mem[p + i] = verb.charCodeAt(i);
    x.addVerb(p, verb.length, index, VERB_ROLES[verb] ?? 0);
  });
}

/** The note words, each in CP932 and in UTF-8, into the module's static table. */
function registerNoteWords(x: ScanExports): void {
  const utf8 = new TextEncoder();
  const p = x.allocate(64);
  for (const { word, bits, cp932 } of NOTE_WORDS) {
    const sjis = Uint8Array.from(cp932.match(/../g) ?? [], (h) => parseInt(h, 16));
    for (const bytes of [sjis, utf8.encode(word)]) {
      new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes);
      x.addNoteWord(p, bytes.length, bits);
    }
  }
}

/**
 * Stage one for one file: the thread's WebAssembly instance, reset for this file (it keeps the
 * file's tags, facts, sessions and strings), and the regions of its memory this side manages. The
 * input region holds the line cut by the previous slice followed by the new slice, so a line is
 * parsed once, whole, wherever slices cut it; the output region holds the columns of one scan,
 * copied out for the batch.
 */
export class LineScanner {
  private readonly instance: { owner: LineScanner | undefined };
  private readonly x: ScanExports;
  private readonly bytesPerLine: number;
  /** Input region: [carried partial line][new bytes][PAD]. */
  private inPtr = 0;
  private inCap = 0;
  /** Bytes in the input region, and how many of them are parsed. */
  private inLen = 0;
  private parsedTo = 0;
  private outPtr = 0;
  private outCap = 0;
  /** File offset of the input region's first byte, in the last scan. */
  private inBase = 0;
  /** The line ends of the last scan (see ScannedLines.end). */
  private ends = new Uint32Array(0);
  private report = false;
  /** Strings already handed over with report entries. */
  private stringsSent = 0;
  private tagsSent = 1;

  /** Takes over the thread's instance: a scanner created after this one makes this one unusable. */
  constructor() {
    const instance = sharedInstance();
    instance.owner = this;
    this.instance = instance;
    this.x = instance.x;
    this.x.reset();
    this.bytesPerLine = this.x.BYTES_PER_LINE.value as number;
    this.reserveInput(PAGE);
  }

  /** Whether the last scan's slice held a byte ≥ 0x80, when asked to check (ScanOptions). */
  sawHighByte = false;

  /**
   * Parses `bytes` after the carried partial line; `base` is the file offset of the carried
   * line's first byte. Lines ending in a newline are returned; the rest is carried, unless
   * `atEnd`, when it is the file's last line. The bytes go into the module in pieces, their lines
   * into one output.
   */
  scan(bytes: Uint8Array, base: number, atEnd: boolean, opts: ScanOptions = {}): ScannedLines {
    this.checkOwner();
    if (this.report) this.x.resetEntries(0);
    // About 67 bytes a line in real logs: this usually holds the slice; short lines make it grow.
    this.reserveOutput(Math.ceil((this.carried + bytes.length) / 32) + 64, 0);
    this.sawHighByte = false;
    const piece = opts.whole ? Math.max(1, bytes.length) : SCAN_PIECE_BYTES;
    let count = 0;
    let at = 0;
    do {
      const part = bytes.subarray(at, at + piece);
      at += part.length;
      count = this.scanPiece(part, base, atEnd && at >= bytes.length, count);
      if (opts.checkHighByte && !this.sawHighByte) {
        this.sawHighByte = this.x.hasHighByte(this.inPtr + this.inLen - part.length, part.length) !== 0;
      }
      // The next piece's carried line starts where this piece's lines stopped.
      base += this.parsedTo;
    } while (at < bytes.length);
    return this.copyOut(count);
  }

  /** Scans `part` after the carried line, its lines after the `count` already in the output. */
  private scanPiece(part: Uint8Array, base: number, atEnd: boolean, count: number): number {
    this.dropParsed();
    const carried = this.inLen;
    const len = carried + part.length;
    this.reserveInput(len);
    new Uint8Array(this.x.memory.buffer, this.inPtr + carried, part.length).set(part);
    let from = 0;
    for (;;) {
      count = this.x.scan(
        this.inPtr,
        len,
        from,
        carried,
        atEnd ? 1 : 0,
        base,
        this.outPtr,
        this.outCap,
        count,
      );
      if (count < this.outCap) break;
      this.reserveOutput(this.outCap * 2, count);
      from = this.x.stoppedAt();
    }
    this.inLen = len;
    this.inBase = base;
    this.parsedTo = this.x.stoppedAt();
    return count;
  }

  /**
   * From now on, lines are read as the entries of an MTA report log (assembly/report.ts): kind
   * Report with the entry's time, or Unparsed; see {@link reportEntries}.
   */
  readAsReport(): void {
    this.checkOwner();
    this.report = true;
    this.x.setReportMode(1);
  }

  /**
   * The report entries of the last scan, with the strings first seen in it (ids are the file's
   * own, see ReportBatch).
   */
  reportEntries(): ReportBatch {
    this.checkOwner();
    const x = this.x;
    const n = x.entryCountNow();
    const width = x.ENTRY_FIELDS.value as number;
    const rows = new Int32Array(x.memory.buffer, x.entryRows(), n * width);
    const buf = new ArrayBuffer(n * 4 * width);
    const columns = Array.from({ length: width }, (_, k) => new Int32Array(buf, k * n * 4, n));
    for (let j = 0, at = 0; j < n; j++, at += width) {
      for (let k = 0; k < width; k++) columns[k][j] = rows[at + k];
    }
    const [line, sender, recipient, domain, code] = columns;
    return {
      count: n,
      line: new Uint32Array(line.buffer, 0, n),
      sender,
      recipient,
      domain,
      code,
      newStrings: this.newStrings(),
    };
  }

  /** Strings interned since the last call: their bytes and each one's end in them. */
  private newStrings(): { bytes: Uint8Array; ends: Uint32Array } {
    const x = this.x;
    const count = x.stringCount();
    const starts = new Uint32Array(x.memory.buffer, x.stringStarts(), count + 1);
    const from = starts[this.stringsSent];
    const ends = new Uint32Array(count - this.stringsSent);
    for (let k = this.stringsSent; k < count; k++) ends[k - this.stringsSent] = starts[k + 1] - from;
    const bytes = new Uint8Array(x.memory.buffer, x.stringPool() + from, starts[count] - from).slice();
    this.stringsSent = count;
    return { bytes, ends };
  }

  /** Whether the line at file offsets [start, end) of the last scan (a `whole` one) reads as a report entry. */
  isReportLine(start: number, end: number): boolean {
    this.checkOwner();
    const p = this.inPtr + start - this.inBase;
    return this.x.parseReport(p, p + end - start) !== 0;
  }

  /** Bytes not yet part of a returned line: the partial last line, carried into the next scan. */
  get carried(): number {
    return this.inLen - this.parsedTo;
  }

  /** Moves the unparsed tail of the last scan to the front of the input region. */
  private dropParsed(): void {
    if (this.parsedTo === 0) return;
    const mem = new Uint8Array(this.x.memory.buffer);
    mem.copyWithin(this.inPtr, this.inPtr + this.parsedTo, this.inPtr + this.inLen);
    this.inLen -= this.parsedTo;
    this.parsedTo = 0;
  }

  /** Facts seen so far, as {@link ScanFacts} bits. */
  facts(): number {
    return this.x.facts();
  }

  /** The level the last service-start line stated, or null. */
  level(): number | null {
    const level = this.x.lastLevel();
    return level < 0 ? null : level;
  }

  /** Each level service starts stated, with the line it starts at, where it changed. */
  levels(): LevelChange[] {
    const n = this.x.levelChangesSeen();
    const pairs = new Int32Array(this.x.memory.buffer, this.x.levelChangeList(), n * 2);
    return Array.from({ length: n }, (_, k) => ({ line: pairs[2 * k], level: pairs[2 * k + 1] }));
  }

  /** Lines whose date-time does not exist, and the first of them (-1 for none). */
  impossibleDates(): { count: number; firstLine: number } {
    return { count: this.x.impossibleDateCount(), firstLine: this.x.firstImpossibleDateLine() };
  }

  /** Connect lines and delivery starts seen: none means the file's thread lines form no sessions. */
  sessionStarters(): number {
    return this.x.startersSeen();
  }

  /** Tags first seen since the last call, in id order (ids continue from the previous call). */
  newTags(): string[] {
    const known = this.x.tagsKnown();
    const mem = new Uint8Array(this.x.memory.buffer);
    const tags: string[] = [];
    for (let id = this.tagsSent; id < known; id++) {
      const p = this.x.tagAt(id);
      tags.push(String.fromCharCode(...mem.subarray(p, p + this.x.tagLength(id))));
    }
    this.tagsSent = known;
    return tags;
  }

  /**
   * The file's sessions and their strings, as they stand: call it after the last slice, when
   * every session is complete.
   */
  sessions(): FileSessions {
    this.checkOwner();
    const x = this.x;
    const buf = x.memory.buffer;
    const n = x.sessionCount();
    if (x.SESSION_FIELDS.value !== SESSION_FIELDS)
      throw new Error('line-scan module and line-scanner.ts disagree');
    const strings = x.stringCount();
    const starts = new Uint32Array(buf, x.stringStarts(), strings + 1);
    // The module keeps sessions in blocks: copied out block by block, into one array.
    const rows = new Int32Array(n * SESSION_FIELDS);
    const perBlock = x.SESSIONS_PER_BLOCK.value as number;
    for (let b = 0, s = 0; s < n; b++, s += perBlock) {
      const len = Math.min(perBlock, n - s) * SESSION_FIELDS;
      rows.set(new Int32Array(buf, x.sessionBlock(b), len), s * SESSION_FIELDS);
    }
    return {
      count: n,
      rows,
      rcpts: new Int32Array(buf, x.rcptPairs(), x.rcptTotal() * 2).slice(),
      stringBytes: new Uint8Array(buf, x.stringPool(), strings > 0 ? starts[strings] : 0).slice(),
      stringEnds: starts.slice(1),
    };
  }

  /** One file at a time per thread: a second scanner resets the instance under the first. */
  private checkOwner(): void {
    if (this.instance.owner !== this) throw new Error('LineScanner: another file took over the scanner');
  }

  /**
   * Room for `len` input bytes. Blocks come from the module's heap, freed only by the next file's
   * reset: a grown input abandons the old block (after moving the carried line).
   */
  private reserveInput(len: number): void {
    if (len + PAD <= this.inCap) return;
    const cap = align(Math.max(len + PAD, this.inCap * 2), PAGE);
    const inPtr = this.x.allocate(cap);
    const mem = new Uint8Array(this.x.memory.buffer);
    mem.copyWithin(inPtr, this.inPtr, this.inPtr + this.inLen);
    this.inPtr = inPtr;
    this.inCap = cap;
  }

  /** Room for `cap` lines of output, keeping the first `keep` lines already written. */
  private reserveOutput(wanted: number, keep: number): void {
    if (wanted <= this.outCap) return;
    // Rounded up, so a slice a few bytes longer than the last does not abandon a block (the heap
    // frees nothing before the next file).
    const cap = Math.ceil(Math.max(wanted, this.outCap * 1.5) / 65536) * 65536;
    const outPtr = this.x.allocate(cap * this.bytesPerLine);
    if (keep > 0) {
      const bytes = new Uint8Array(this.x.memory.buffer);
      let oldAt = this.outPtr;
      let newAt = outPtr;
      for (const size of COLUMN_SIZES) {
        bytes.copyWithin(newAt, oldAt, oldAt + keep * size);
        oldAt += this.outCap * size;
        newAt += cap * size;
      }
    }
    this.outPtr = outPtr;
    this.outCap = cap;
  }

  /**
   * The scan's columns, copied out of the module's memory into one buffer (one transferable per
   * batch), each column a view on it; four-byte columns come first, so every view is aligned. The
   * line ends go to a scratch buffer of this side's instead: the index builder has no use for them.
   */
  private copyOut(n: number): ScannedLines {
    const out = columnBuffer(n * (this.bytesPerLine - 4));
    const bytes = new Uint8Array(out);
    const mem = new Uint8Array(this.x.memory.buffer);
    if (this.ends.length < n) this.ends = new Uint32Array(Math.ceil(n * 1.25));
    let from = this.outPtr;
    let to = 0;
    const starts: number[] = [];
    COLUMN_SIZES.forEach((size, k) => {
      const column = mem.subarray(from, from + n * size);
      from += this.outCap * size;
      if (k === END_COLUMN) {
        new Uint8Array(this.ends.buffer).set(column);
        return;
      }
      bytes.set(column, to);
      starts.push(to);
      to += n * size;
    });
    return {
      count: n,
      offset: new Uint32Array(out, starts[0], n),
      end: this.ends.subarray(0, n),
      time: new Uint32Array(out, starts[1], n),
      session: new Int32Array(out, starts[2], n),
      detail: new Uint16Array(out, starts[3], n),
      tag: new Uint8Array(out, starts[4], n),
      kind: new Uint8Array(out, starts[5], n),
    };
  }
}

/** Column buffers handed back once applied, for the next batches (flow-control.ts). */
const pool: ArrayBuffer[] = [];

/** Takes back an applied batch's column buffer (ToParser 'chunk' carries it). */
export function recycleColumns(buffer: ArrayBuffer): void {
  if (pool.length < COLUMN_POOL) pool.push(buffer);
  else freeNow(buffer);
}

/**
 * A buffer of at least `bytes`: a recycled one when one is big enough, else a new one with some
 * room, so that it can serve the next batches too. Fresh pages cost page faults and zeroing on
 * every batch; reused ones do not.
 */
function columnBuffer(bytes: number): ArrayBuffer {
  const i = pool.findIndex((b) => b.byteLength >= bytes);
  if (i >= 0) return pool.splice(i, 1)[0];
  return new ArrayBuffer(bytes === 0 ? 0 : Math.ceil((bytes * 1.25) / 65536) * 65536);
}

/** Bytes per line of each output column, in the module's order (see BYTES_PER_LINE there). */
const COLUMN_SIZES = [4, 4, 4, 4, 2, 1, 1];
/** The line ends' place among them. */
const END_COLUMN = 1;

const align = (n: number, to: number) => Math.ceil(n / to) * to;
