import type { Encoding } from '../model/file-info';
import { LineKind } from '../model/line-kind';
import { NO_TIME } from '../model/units';
import { detectBom, detectEncoding, findBinary } from './detect-encoding';
import { detectKind } from './detect-kind';
import { FileError } from './file-error';
import { LineScanner, ScanFacts, type ScannedLines } from './line-scanner';
import type { FileFacts, ParsedBatch, ReportBatch } from './parsed-batch';
import { newReportFields, parseReportLine } from './report-line';

/** Lines looked at to tell a report log from a service log. */
const KIND_SAMPLE_LINES = 200;

/**
 * Stage one of indexing: turns the slices of one file into {@link ParsedBatch}es. Pure bytes in,
 * typed arrays out, no shared state: in the browser it runs in its own worker, beside the index
 * builder, so the two halves of the work use both cores.
 *
 * Service logs, nearly all of the bytes, go through the WebAssembly {@link LineScanner}; report
 * logs are parsed here. Either way a line cut by a slice boundary (even inside a multi-byte
 * character, even a 100 MB line) is carried over and parsed once its newline arrives; only whole
 * lines are ever parsed.
 */
export class LineParser {
  /** Bytes received but not yet parsed: everything before the kind is known, or a report log's partial line. */
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
  /** Set once the file is known to be a service log. */
  private scanner: LineScanner | undefined;
  private readonly facts: FileFacts;
  private newlines = new Uint32Array(1 << 16);
  private readonly rep = newReportFields();

  constructor(
    private readonly name: string,
    encodingOverride?: Encoding,
  ) {
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
    if (!this.kindDecided) return this.pushUndecided(chunk, chunkStart, atEnd);
    this.refuseBinary(chunk, chunkStart);
    if (!this.encodingDecided) {
      // Skip a character's tail left from the previous slice: it would read as invalid UTF-8.
      let from = 0;
      while (from < chunk.length && from < 4 && chunk[from] >= 0x80) from++;
      this.detect(chunk, from + 4, atEnd);
    }
    const scanner = this.scanner;
    if (scanner) {
      const lines = scanner.scan(chunk, chunkStart - scanner.carried, atEnd);
      return this.serviceBatch(chunkStart, chunk, lines, atEnd);
    }
    return this.pushReport(chunk, chunkStart, atEnd);
  }

  /**
   * Until the file's kind is known (its first 200 lines), slices pile up in the buffer. Then the
   * scanner parses them all: if most lines are service lines, that is the first batch.
   */
  private pushUndecided(chunk: Uint8Array, chunkStart: number, atEnd: boolean): ParsedBatch {
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
    if (lineCount < KIND_SAMPLE_LINES && !atEnd) return this.allocate(chunkStart, chunk, 0);
    this.kindDecided = true;
    const scanner = new LineScanner();
    const lines = scanner.scan(work, this.bufStart, atEnd);
    this.facts.kind = detectKind(work, this.bufStart, lines, KIND_SAMPLE_LINES);
    if (this.facts.kind === 'service') {
      this.scanner = scanner;
      this.bufLen = 0;
      return this.serviceBatch(chunkStart, chunk, lines, atEnd);
    }
    // At the end of the file, bytes after the last newline are a last line without one.
    const tail = lineCount === 0 ? 0 : this.newlines[lineCount - 1] + 1;
    const last = atEnd && tail < work.length;
    const batch = this.allocate(chunkStart, chunk, lineCount + (last ? 1 : 0));
    const next = this.parseLines(work, this.bufStart, 0, lineCount, last, batch, 0);
    this.consume(Math.min(next, this.bufLen));
    return batch;
  }

  private serviceBatch(
    chunkStart: number,
    chunk: Uint8Array,
    lines: ScannedLines,
    atEnd: boolean,
  ): ParsedBatch {
    const scanner = this.scanner!;
    const facts = this.facts;
    const seen = scanner.facts();
    facts.sawNoThread = (seen & ScanFacts.NoThread) !== 0;
    facts.sawThread = (seen & ScanFacts.Thread) !== 0;
    facts.sawJob = (seen & ScanFacts.Job) !== 0;
    facts.level = scanner.level();
    const batch: ParsedBatch = {
      chunkStart,
      chunk,
      ...lines,
      newTags: scanner.newTags(),
      report: emptyReport(0),
      facts,
    };
    if (atEnd) batch.sessions = scanner.sessions();
    return batch;
  }

  /**
   * A report log in the steady state: lines are parsed straight from the slice; only the line cut
   * by the slice boundary is put together in the buffer, so no slice is copied whole.
   */
  private pushReport(chunk: Uint8Array, chunkStart: number, atEnd: boolean): ParsedBatch {
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

  /** One report-log line from `pos` to `nl` (its newline, or the end of the file's bytes when it has none). */
  private parseLine(
    b: Uint8Array,
    base: number,
    pos: number,
    nl: number,
    hasNewline: boolean,
    i: number,
    out: ParsedBatch,
  ) {
    const end = hasNewline && nl > pos && b[nl - 1] === 0x0d ? nl - 1 : nl;
    out.offset[i] = base + pos;
    out.end[i] = base + end;
    out.session[i] = -1;
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

  private allocate(chunkStart: number, chunk: Uint8Array, n: number): ParsedBatch {
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
      session: new Int32Array(n),
      newTags: [],
      report: emptyReport(this.facts.kind === 'report' ? n : 0),
      facts: this.facts,
    };
  }
}

/** Room for `n` report entries. */
function emptyReport(n: number): ReportBatch {
  return {
    count: 0,
    line: new Uint32Array(n),
    senderStart: new Uint32Array(n),
    senderEnd: new Uint32Array(n),
    recipientStart: new Uint32Array(n),
    recipientEnd: new Uint32Array(n),
    domainStart: new Uint32Array(n),
    code: new Int32Array(n),
  };
}
