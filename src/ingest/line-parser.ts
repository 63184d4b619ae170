import { concatBytes } from '../lib/concat-bytes';
import type { Encoding } from '../model/file-info';
import { detectBom, detectEncoding, findBinary } from './detect-encoding';
import { detectKind } from './detect-kind';
import { FileError } from './file-error';
import { LineScanner, ScanFacts, type ScannedLines } from './line-scanner';
import type { FileFacts, ParsedBatch } from './parsed-batch';

/** Lines looked at to tell a report log from a service log. */
const KIND_SAMPLE_LINES = 200;

/**
 * Stage one of indexing: turns the slices of one file into {@link ParsedBatch}es, bytes in, typed
 * arrays out. In the browser it runs in a parse worker, beside the index builder. One file at a
 * time per thread: the WebAssembly scanner it drives is the thread's.
 *
 * Every slice goes through the {@link LineScanner}: it splits the lines and, in a service log,
 * parses and classifies them and rebuilds the sessions; in a report log, it reads the entries. A line cut by a slice boundary (even inside a multi-byte character, even a
 * 100 MB line) is carried over by the scanner and parsed once its newline arrives; only whole
 * lines are ever parsed.
 */
export class LineParser {
  /** Bytes received before the file's kind is known (its first 200 lines). */
  private buf = new Uint8Array(1 << 16);
  private bufLen = 0;
  /** File offset of buf[0]. */
  private bufStart = 0;
  /** buf[0 .. scanned) was searched for newlines; lineCount were found. */
  private scanned = 0;
  private lineCount = 0;
  private received = 0;
  private startChecked = false;
  /** The last bytes seen while the encoding is undecided past the first lines (detectAcross). */
  private detectTail = new Uint8Array(0);
  private encodingDecided: boolean;
  /** Set once the kind is known: from then on every slice goes straight to it. */
  private scanner: LineScanner | undefined;
  private readonly facts: FileFacts;

  constructor(
    private readonly name: string,
    encodingOverride?: Encoding,
    /** Where the bytes pushed start in their file: a part after its start has no BOM to look for. */
    private readonly fileOffset = 0,
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
      levels: [],
      impossibleDates: { count: 0, firstLine: -1 },
      sessionStarters: 0,
      crOnly: false,
    };
  }

  /**
   * Parses the next slice; `atEnd` on the last one (the final line may lack a newline). The
   * slice is read, never kept, so the caller may hand it on (transfer it) afterwards.
   */
  push(chunk: Uint8Array, atEnd: boolean): ParsedBatch {
    const chunkStart = this.received;
    this.received += chunk.length;
    const scanner = this.scanner;
    if (!scanner) return this.pushUndecided(chunk, chunkStart, atEnd);
    this.refuseBinary(chunk, chunkStart);
    const lines = scanner.scan(chunk, chunkStart - scanner.carried, atEnd, {
      checkHighByte: !this.encodingDecided,
    });
    if (!this.encodingDecided) this.detectAcross(chunk, scanner.sawHighByte, atEnd);
    return this.batch(scanner, chunkStart, chunk, lines, atEnd);
  }

  /**
   * Until the file's kind is known (its first 200 lines), slices pile up in the buffer. Then the
   * scanner reads them all, and the kind is decided from what it found.
   */
  private pushUndecided(chunk: Uint8Array, chunkStart: number, atEnd: boolean): ParsedBatch {
    this.append(chunk);
    if (!this.startChecked) {
      if (this.bufLen < 3 && !atEnd) return this.batch(undefined, chunkStart, chunk, undefined, atEnd);
      // The byte-order mark first: UTF-16 is full of NULs but deserves its own message.
      this.checkStart();
      this.refuseBinary(this.buf.subarray(0, this.bufLen), this.bufStart);
    } else {
      this.refuseBinary(chunk, chunkStart);
    }
    const work = this.buf.subarray(0, this.bufLen);
    if (!this.encodingDecided) this.detect(work, Math.max(0, this.bufLen - chunk.length), atEnd);
    const lineCount = this.countLines(work);
    if (lineCount < KIND_SAMPLE_LINES && !atEnd) {
      return this.batch(undefined, chunkStart, chunk, undefined, atEnd);
    }
    this.facts.crOnly = lineCount === 0 && hasLoneCrs(work);
    let scanner = new LineScanner();
    let lines = scanner.scan(work, this.bufStart, atEnd, { whole: true });
    const probe = scanner;
    this.facts.kind = detectKind(lines, KIND_SAMPLE_LINES, (s, e) => probe.isReportLine(s, e));
    if (this.facts.kind === 'report') {
      // Read again, as report entries: the first scan read the lines as service lines.
      scanner = new LineScanner();
      scanner.readAsReport();
      lines = scanner.scan(work, this.bufStart, atEnd, { whole: true });
    }
    this.scanner = scanner;
    // The first slice read line by line is looked at with the end of what was piled up.
    this.detectTail = work.slice(-3);
    this.buf = new Uint8Array(0);
    this.bufLen = 0;
    return this.batch(scanner, chunkStart, chunk, lines, atEnd);
  }

  /** The batch of a slice: every batch has this one shape, so the code reading them stays fast. */
  private batch(
    scanner: LineScanner | undefined,
    chunkStart: number,
    chunk: Uint8Array,
    lines: ScannedLines = noLines(),
    atEnd: boolean,
  ): ParsedBatch {
    const facts = this.facts;
    const service = scanner !== undefined && facts.kind === 'service';
    const report = scanner !== undefined && facts.kind === 'report' ? scanner.reportEntries() : undefined;
    if (service) {
      const seen = scanner.facts();
      facts.sawNoThread = (seen & ScanFacts.NoThread) !== 0;
      facts.sawThread = (seen & ScanFacts.Thread) !== 0;
      facts.sawJob = (seen & ScanFacts.Job) !== 0;
      facts.level = scanner.level();
      facts.levels = scanner.levels();
      facts.sessionStarters = scanner.sessionStarters();
    }
    if (scanner) facts.impossibleDates = scanner.impossibleDates();
    return {
      chunkStart,
      chunk,
      count: lines.count,
      offset: lines.offset,
      time: lines.time,
      tag: lines.tag,
      kind: lines.kind,
      detail: lines.detail,
      session: lines.session,
      newTags: service ? scanner.newTags() : [],
      facts,
      sessions: service && atEnd ? scanner.sessions() : undefined,
      report,
    };
  }

  private refuseBinary(bytes: Uint8Array, fileOffset: number): void {
    const problem = findBinary(bytes, this.fileOffset + fileOffset);
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

  /**
   * A UTF-8 BOM decides the encoding and is not part of the first line (it marks the encoding;
   * the bytes stay in the file the builder keeps). UTF-16 is refused with a message.
   */
  private checkStart(): void {
    this.startChecked = true;
    if (this.fileOffset > 0) return;
    const d = detectBom(this.buf.subarray(0, this.bufLen));
    if (d.type === 'unsupported') throw new FileError(this.name, d.problem);
    if (d.type === 'decided') {
      if (!this.encodingDecided) this.decideEncoding(d.encoding, d.source);
      this.buf.copyWithin(0, 3, this.bufLen);
      this.bufLen -= 3;
      this.bufStart = 3;
    }
  }

  private detect(work: Uint8Array, newFrom: number, atEnd: boolean): void {
    // Resume a few bytes back so a character cut by the previous slice is seen whole.
    const d = detectEncoding(work, Math.max(0, newFrom - 4), work.length, atEnd);
    if (d.type === 'decided') this.decideEncoding(d.encoding, d.source);
  }

  /**
   * Past the first lines, each slice is looked at with the previous slice's last 3 bytes before
   * it, so a character cut by the boundary, even into slices of a byte, is seen whole.
   */
  private detectAcross(chunk: Uint8Array, sawHighByte: boolean, atEnd: boolean): void {
    const tail = this.detectTail;
    // The boundary alone is joined (a few bytes), never the whole slice.
    const edge = concatBytes([tail, chunk.subarray(0, 3)]);
    if (edge.some((b) => b >= 0x80)) this.detectIn(edge, atEnd && chunk.length <= 3);
    if (!this.encodingDecided && sawHighByte) this.detectIn(chunk, atEnd);
    this.detectTail = (chunk.length >= 3 ? chunk : concatBytes([tail, chunk])).slice(-3);
  }

  private detectIn(work: Uint8Array, atEnd: boolean): void {
    // Skip the tail of a character begun before: it would read as invalid UTF-8. Continuation
    // bytes only (at most 3): skipping into the next character would misread it.
    let from = 0;
    while (from < work.length && from < 3 && (work[from] & 0xc0) === 0x80) from++;
    const d = detectEncoding(work, from, work.length, atEnd);
    if (d.type === 'decided') this.decideEncoding(d.encoding, d.source);
  }

  private decideEncoding(encoding: Encoding, source: FileFacts['encodingSource']): void {
    this.facts.encoding = encoding;
    this.facts.encodingSource = source;
    this.encodingDecided = true;
  }

  /** Newlines in the pending bytes so far; each byte is searched once, however many slices pile up. */
  private countLines(work: Uint8Array): number {
    for (let p = work.indexOf(0x0a, this.scanned); p >= 0; p = work.indexOf(0x0a, p + 1)) this.lineCount++;
    this.scanned = work.length;
    return this.lineCount;
  }
}

/** What a slice holds before any line is complete (fresh arrays: a batch's arrays are transferred). */
function noLines(): ScannedLines {
  return {
    count: 0,
    offset: new Uint32Array(0),
    end: new Uint32Array(0),
    time: new Uint32Array(0),
    session: new Int32Array(0),
    detail: new Uint16Array(0),
    tag: new Uint8Array(0),
    kind: new Uint8Array(0),
  };
}

/**
 * Whether a file without any LF has a CR with more text after it: lines ended by CR alone
 * (classic Mac OS). We split lines at LF only, so such a file is one row, and says so.
 */
function hasLoneCrs(bytes: Uint8Array): boolean {
  const cr = bytes.indexOf(0x0d);
  return cr >= 0 && cr + 1 < bytes.length;
}
