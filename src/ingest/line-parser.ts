import type { Encoding } from '../model/file-info';
import { LineKind } from '../model/line-kind';
import { NO_TIME } from '../model/units';
import { classifyMessage, newClassified } from './classify';
import { detectBom, detectEncoding, findBinary } from './detect-encoding';
import { detectKind } from './detect-kind';
import { newEnvelope, parseEnvelope } from './envelope';
import { containsAsciiIgnoreCase } from './extract-fields';
import { FileError } from './file-error';
import { noteWords } from './note-words';
import { Hint, type FileFacts, type ParsedBatch, type ReportBatch } from './parsed-batch';
import { newReportFields, parseReportLine } from './report-line';
import { StringTable } from './string-table';

/** Lines looked at to tell a report log from a service log. */
const KIND_SAMPLE_LINES = 200;
/** Service tags are stored in one byte; 0 means "none". */
const MAX_TAGS = 255;

/**
 * Stage one of indexing: turns the slices of one file into {@link ParsedBatch}es. Pure bytes in,
 * typed arrays out, no shared state: in the browser it runs in its own worker, beside the index
 * builder, so the two halves of the work use both cores.
 *
 * A line cut by a slice boundary (even inside a multi-byte character, even a 100 MB line) is
 * carried over and parsed once its newline arrives; only whole lines are ever parsed.
 */
export class LineParser {
  /** Bytes received but not yet parsed: a partial line, or everything before the kind is known. */
  private buf = new Uint8Array(1 << 16);
  private bufLen = 0;
  /** File offset of buf[0]. */
  private bufStart = 0;
  /** buf[0 .. scanned) was searched for newlines, found at newlines[0 .. lineCount). */
  private scanned = 0;
  private lineCount = 0;
  private received = 0;
  private startChecked = false;
  private encodingDecided: boolean;
  private kindDecided = false;
  private readonly facts: FileFacts;
  private readonly tags = new StringTable();
  private tagsSent = 1;
  private newlines = new Uint32Array(1 << 16);
  private readonly env = newEnvelope();
  private readonly cls = newClassified();
  private readonly rep = newReportFields();
  private lastTag = new Uint8Array(16);
  private lastTagLen = -1;
  private lastTagId = 0;

  constructor(
    private readonly name: string,
    encodingOverride?: Encoding,
  ) {
    this.tags.internString('');
    this.encodingDecided = encodingOverride !== undefined;
    this.facts = {
      encoding: encodingOverride ?? 'shift_jis',
      encodingSource: encodingOverride ? 'override' : 'default',
      kind: 'service',
      sawNoThread: false,
      sawThread: false,
      sawJob: false,
      level: null,
    };
  }

  /**
   * Parses the next slice; `atEnd` on the last one (the final line may lack a newline). The
   * slice is read, never kept, so the caller may hand it on (transfer it) afterwards.
   */
  push(chunk: Uint8Array, atEnd: boolean): ParsedBatch {
    const chunkStart = this.received;
    this.received += chunk.length;
    const batch = this.kindDecided
      ? this.pushStreaming(chunk, chunkStart, atEnd)
      : this.pushBuffered(chunk, chunkStart, atEnd);
    batch.newTags = this.tags.strings.slice(this.tagsSent);
    this.tagsSent = this.tags.strings.length;
    return batch;
  }

  /**
   * Until the file's kind is known (its first 200 lines), slices pile up in the buffer and are
   * parsed together once it is.
   */
  private pushBuffered(chunk: Uint8Array, chunkStart: number, atEnd: boolean): ParsedBatch {
    this.append(chunk);
    if (!this.startChecked) {
      if (this.bufLen < 3 && !atEnd) return this.allocate(chunkStart, chunk, 0);
      // The byte-order mark first: UTF-16 is full of NULs but deserves its own message.
      this.checkStart();
      this.refuseBinary(this.buf.subarray(0, this.bufLen), this.bufStart);
    } else {
      this.refuseBinary(chunk, chunkStart);
    }
    const work = this.buf.subarray(0, this.bufLen);
    if (!this.encodingDecided) this.detect(work, Math.max(0, this.bufLen - chunk.length), atEnd);
    const lineCount = this.findNewlines(work);
    if (!this.decideKind(work, lineCount, atEnd)) return this.allocate(chunkStart, chunk, 0);
    // At the end of the file, bytes after the last newline are a last line without one.
    const tail = lineCount === 0 ? 0 : this.newlines[lineCount - 1] + 1;
    const last = atEnd && tail < work.length;
    const batch = this.allocate(chunkStart, chunk, lineCount + (last ? 1 : 0));
    const next = this.parseLines(work, this.bufStart, 0, lineCount, last, batch, 0);
    this.consume(Math.min(next, this.bufLen));
    return batch;
  }

  /**
   * The steady state: lines are parsed straight from the slice; only the line cut by the slice
   * boundary is put together in the buffer, so no slice is copied whole.
   */
  private pushStreaming(chunk: Uint8Array, chunkStart: number, atEnd: boolean): ParsedBatch {
    this.refuseBinary(chunk, chunkStart);
    if (!this.encodingDecided) {
      // Skip a character's tail left from the previous slice: it would read as invalid UTF-8.
      let from = 0;
      while (from < chunk.length && from < 4 && chunk[from] >= 0x80) from++;
      this.detect(chunk, from + 4, atEnd);
    }
    let from = 0;
    let joined = false;
    if (this.bufLen > 0) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) {
        // Still inside a long line: keep gathering it (the buffer doubles, so this stays linear).
        this.append(chunk);
        if (!atEnd) return this.allocate(chunkStart, chunk, 0);
        const batch = this.allocate(chunkStart, chunk, 1);
        this.parseLine(this.buf, this.bufStart, 0, this.bufLen, false, 0, batch);
        this.bufLen = 0;
        return batch;
      }
      this.append(chunk.subarray(0, nl + 1));
      from = nl + 1;
      joined = true;
    }
    this.scanned = from;
    this.lineCount = 0;
    const lineCount = this.findNewlines(chunk);
    const tail = lineCount === 0 ? from : this.newlines[lineCount - 1] + 1;
    const last = atEnd && tail < chunk.length;
    const batch = this.allocate(chunkStart, chunk, (joined ? 1 : 0) + lineCount + (last ? 1 : 0));
    let i = 0;
    if (joined) {
      this.parseLine(this.buf, this.bufStart, 0, this.bufLen - 1, true, 0, batch);
      i = 1;
    }
    this.parseLines(chunk, chunkStart, from, lineCount, last, batch, i);
    this.bufLen = 0;
    if (!last && tail < chunk.length) this.append(chunk.subarray(tail));
    this.bufStart = chunkStart + tail;
    this.scanned = this.bufLen;
    this.lineCount = 0;
    return batch;
  }

  /**
   * Parses `lineCount` newline-ended lines of `work` (their newlines in `this.newlines`) from `pos`,
   * then, if `last`, the bytes after them as a final line without newline. Returns where it stopped.
   */
  private parseLines(
    work: Uint8Array,
    base: number,
    pos: number,
    lineCount: number,
    last: boolean,
    batch: ParsedBatch,
    first: number,
  ): number {
    const n = lineCount + (last ? 1 : 0);
    for (let k = 0; k < n; k++) {
      const hasNewline = k < lineCount;
      const nl = hasNewline ? this.newlines[k] : work.length;
      this.parseLine(work, base, pos, nl, hasNewline, first + k, batch);
      pos = nl + 1;
    }
    return pos;
  }

  /** One line from `pos` to `nl` (its newline, or the end of the file's bytes when it has none). */
  private parseLine(
    work: Uint8Array,
    base: number,
    pos: number,
    nl: number,
    hasNewline: boolean,
    i: number,
    batch: ParsedBatch,
  ) {
    const end = hasNewline && nl > pos && work[nl - 1] === 0x0d ? nl - 1 : nl;
    batch.offset[i] = base + pos;
    batch.end[i] = base + end;
    batch.thread[i] = -1;
    batch.job[i] = -1;
    if (this.facts.kind === 'report') this.parseReportLine(work, base, pos, end, i, batch);
    else this.parseServiceLine(work, base, pos, end, i, batch);
  }

  private refuseBinary(bytes: Uint8Array, fileOffset: number): void {
    const problem = findBinary(bytes, fileOffset);
    if (problem) throw new FileError(this.name, problem);
  }

  /** Appends to the pending bytes, doubling the buffer when needed (amortised O(1) per byte). */
  private append(chunk: Uint8Array): void {
    if (this.bufLen + chunk.length > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.bufLen + chunk.length));
      grown.set(this.buf.subarray(0, this.bufLen));
      this.buf = grown;
    }
    this.buf.set(chunk, this.bufLen);
    this.bufLen += chunk.length;
  }

  /** Drops parsed bytes, keeping the partial last line at the front. */
  private consume(n: number): void {
    this.buf.copyWithin(0, n, this.bufLen);
    this.bufLen -= n;
    this.bufStart += n;
    // Everything left is the partial last line: no newline in it.
    this.scanned = this.bufLen;
    this.lineCount = 0;
  }

  /**
   * A UTF-8 BOM decides the encoding and is not part of the first line (it marks the encoding;
   * the bytes stay in the file the builder keeps). UTF-16 is refused with a message.
   */
  private checkStart(): void {
    this.startChecked = true;
    const d = detectBom(this.buf.subarray(0, this.bufLen));
    if (d.type === 'unsupported') throw new FileError(this.name, d.reason);
    if (d.type === 'decided') {
      if (!this.encodingDecided) this.decideEncoding(d.encoding, d.source);
      this.consume(3);
      this.scanned = 0; // nothing after the BOM has been searched yet
    }
  }

  private detect(work: Uint8Array, newFrom: number, atEnd: boolean): void {
    // Resume a few bytes back so a character cut by the previous slice is seen whole.
    const d = detectEncoding(work, Math.max(0, newFrom - 4), work.length, atEnd);
    if (d.type === 'decided') this.decideEncoding(d.encoding, d.source);
  }

  private decideEncoding(encoding: Encoding, source: FileFacts['encodingSource']): void {
    this.facts.encoding = encoding;
    this.facts.encodingSource = source;
    this.encodingDecided = true;
  }

  /**
   * Finds the newlines in the bytes not searched yet, so every byte is searched once even while
   * lines pile up (before the kind is known, or inside a huge line). The parse loop then walks
   * lines without searching again.
   */
  private findNewlines(work: Uint8Array): number {
    let n = this.lineCount;
    for (let p = work.indexOf(0x0a, this.scanned); p >= 0; p = work.indexOf(0x0a, p + 1)) {
      if (n === this.newlines.length) {
        const grown = new Uint32Array(this.newlines.length * 2);
        grown.set(this.newlines);
        this.newlines = grown;
      }
      this.newlines[n++] = p;
    }
    this.scanned = work.length;
    this.lineCount = n;
    return n;
  }

  private decideKind(work: Uint8Array, lineCount: number, atEnd: boolean): boolean {
    if (lineCount < KIND_SAMPLE_LINES && !atEnd) return false;
    this.facts.kind = detectKind(work, this.newlines, lineCount, KIND_SAMPLE_LINES);
    this.kindDecided = true;
    return true;
  }

  private parseServiceLine(
    b: Uint8Array,
    base: number,
    pos: number,
    end: number,
    i: number,
    out: ParsedBatch,
  ) {
    const env = this.env;
    const tag = parseEnvelope(b, pos, end, env) ? this.tagId(b, env.tagStart, env.tagEnd) : -1;
    if (tag < 0) {
      out.time[i] = NO_TIME;
      out.kind[i] = LineKind.Unparsed;
      return;
    }
    const cls = this.cls;
    const hasThread = env.thread >= 0;
    classifyMessage(b, env.msgStart, end, hasThread, cls);
    out.time[i] = env.time;
    out.tag[i] = tag;
    out.kind[i] = cls.kind;
    out.detail[i] = cls.detail;
    out.argStart[i] = base + cls.argStart;
    const facts = this.facts;
    switch (cls.kind) {
      case LineKind.ServiceStart:
        if (cls.detail !== 0xffff) facts.level = cls.detail;
        return;
      case LineKind.ServiceStop:
        return;
      case LineKind.Note:
        out.hints[i] = noteWords(b, env.msgStart, end);
        break;
      case LineKind.Reply:
        if (cls.detail >= 500 && cls.detail < 600) {
          const ascii = containsAsciiIgnoreCase(b, env.msgStart, end, 'relay') ? Hint.RelayAscii : 0;
          out.hints[i] = ascii | noteWords(b, env.msgStart, end);
        }
        break;
    }
    out.thread[i] = env.thread;
    out.job[i] = env.jobId;
    if (env.jobId >= 0) facts.sawJob = true;
    else if (hasThread) facts.sawThread = true;
    else facts.sawNoThread = true;
  }

  private parseReportLine(
    b: Uint8Array,
    base: number,
    pos: number,
    end: number,
    i: number,
    out: ParsedBatch,
  ) {
    const e = this.rep;
    if (!parseReportLine(b, pos, end, e)) {
      out.time[i] = NO_TIME;
      out.kind[i] = LineKind.Unparsed;
      return;
    }
    out.time[i] = e.time;
    out.kind[i] = LineKind.Report;
    const r = out.report;
    const k = r.count++;
    r.line[k] = i;
    r.senderStart[k] = base + e.senderStart;
    r.senderEnd[k] = base + e.senderEnd;
    r.recipientStart[k] = base + e.recipientStart;
    r.recipientEnd[k] = base + e.recipientEnd;
    r.domainStart[k] = base + e.domainStart;
    r.code[k] = e.code;
  }

  /** Service tags repeat on every line: compare with the last one before hashing. -1 when full. */
  private tagId(b: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len === this.lastTagLen) {
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.lastTag[i] !== b[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastTagId;
    }
    // Assumed: a real server has a handful of services; past 254 distinct tags, new ones stay unparsed.
    const id =
      this.tags.strings.length < MAX_TAGS
        ? this.tags.internBytes(b, start, end)
        : this.tags.findBytes(b, start, end);
    if (id < 0) return -1;
    this.lastTag.set(b.subarray(start, end));
    this.lastTagLen = len;
    this.lastTagId = id;
    return id;
  }

  private allocate(chunkStart: number, chunk: Uint8Array, n: number): ParsedBatch {
    const report: ReportBatch = {
      count: 0,
      line: new Uint32Array(this.facts.kind === 'report' ? n : 0),
      senderStart: new Uint32Array(this.facts.kind === 'report' ? n : 0),
      senderEnd: new Uint32Array(this.facts.kind === 'report' ? n : 0),
      recipientStart: new Uint32Array(this.facts.kind === 'report' ? n : 0),
      recipientEnd: new Uint32Array(this.facts.kind === 'report' ? n : 0),
      domainStart: new Uint32Array(this.facts.kind === 'report' ? n : 0),
      code: new Int32Array(this.facts.kind === 'report' ? n : 0),
    };
    return {
      chunkStart,
      chunk,
      count: n,
      offset: new Uint32Array(n),
      end: new Uint32Array(n),
      time: new Uint32Array(n),
      tag: new Uint8Array(n),
      kind: new Uint8Array(n),
      detail: new Uint16Array(n),
      thread: new Int32Array(n),
      job: new Int32Array(n),
      argStart: new Uint32Array(n),
      hints: new Uint8Array(n),
      newTags: [],
      report,
      facts: this.facts,
    };
  }
}
