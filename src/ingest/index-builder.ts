import type { Encoding, FileInfo, FileKind, FormatGeneration } from '../model/file-info';
import { LineKind } from '../model/line-kind';
import type { LogIndex, ReportColumns, RowColumns, RowSource } from '../model/log-index';
import { NO_TIME, type FileId } from '../model/units';
import { classifyMessage, newClassified } from './classify';
import { decodeBytes } from './codec';
import { detectEncoding, detectFileStart } from './detect-encoding';
import { newEnvelope, parseEnvelope } from './envelope';
import { GrowableColumns } from './growable';
import { mergeTimeline } from './merge-timeline';
import { newReportFields, parseReportLine } from './report-line';
import { SessionBuilder } from './session-builder';
import { StringTable } from './string-table';

/** A problem with one file: it is skipped, the others load. */
export class FileError extends Error {
  constructor(
    readonly fileName: string,
    message: string,
  ) {
    super(message);
  }
}

/** Files are addressed with 32-bit offsets; bigger ones are refused with a message, not truncated. */
export const MAX_FILE_BYTES = 0xffffffff;
/** Lines looked at to tell a report log from a service log. */
const KIND_SAMPLE_LINES = 200;
const REPORT_SERVICE = 'REPORT';

type RowCols = Omit<RowColumns, 'count'>;
type ReportCols = Omit<ReportColumns, 'count'>;

interface OpenFile {
  info: FileInfo;
  bytes: Uint8Array;
  filled: number;
  parsePos: number;
  encodingDecided: boolean;
  /** Where the encoding check resumes while the file has been pure ASCII so far. */
  detectPos: number;
  kindDecided: boolean;
  sawNoThread: boolean;
  sawThread: boolean;
  sawJob: boolean;
  sessionsAtStart: number;
  reportAtStart: number;
  decode: (b: Uint8Array) => string;
}

/**
 * Builds the columnar {@link LogIndex} from files fed in slices, one file after another. Each file's
 * bytes are copied into one buffer of its size, so a line cut by a slice boundary (even a
 * multi-byte character, even a 100 MB line) is simply parsed once the rest has arrived.
 */
export class IndexBuilder {
  readonly files: FileInfo[] = [];
  readonly fileBytes: Uint8Array[] = [];
  readonly strings = new StringTable();
  private readonly serviceTable = new StringTable();
  private readonly rows = new GrowableColumns<RowCols>({
    file: Uint16Array,
    offset: Uint32Array,
    time: Uint32Array,
    service: Uint16Array,
    kind: Uint8Array,
    detail: Uint16Array,
    session: Int32Array,
  });
  private readonly report = new GrowableColumns<ReportCols>({
    row: Uint32Array,
    time: Uint32Array,
    sender: Int32Array,
    recipient: Int32Array,
    domain: Int32Array,
    code: Int32Array,
  });
  private readonly sessions = new SessionBuilder(this.strings);
  private current: OpenFile | undefined;
  private readonly env = newEnvelope();
  private readonly cls = newClassified();
  private readonly rep = newReportFields();
  private lastTag = new Uint8Array(16);
  private lastTagLen = -1;
  private lastService = 0;

  private readonly reportService: number;

  constructor() {
    this.serviceTable.internString('');
    this.reportService = this.serviceTable.internString(REPORT_SERVICE);
  }

  get rowCount(): number {
    return this.rows.count;
  }

  beginFile(name: string, size: number, encodingOverride?: Encoding): FileId {
    if (this.current) throw new Error('beginFile: the previous file is still open');
    if (size > MAX_FILE_BYTES) {
      throw new FileError(name, `the file is ${(size / 2 ** 30).toFixed(1)} GiB; files over 4 GiB are not supported`);
    }
    if (this.files.length >= 0xffff) throw new FileError(name, 'too many files (65535 at most)');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(size);
    } catch {
      throw new FileError(name, `not enough memory to hold the file (${(size / 2 ** 20).toFixed(0)} MB)`);
    }
    const id = this.files.length;
    const info: FileInfo = {
      id,
      name,
      bytes: size,
      encoding: encodingOverride ?? 'shift_jis',
      encodingSource: encodingOverride ? 'override' : 'default',
      kind: 'service',
      format: null,
      level: null,
      lines: 0,
      unparsed: 0,
      firstRow: this.rows.count,
      warnings: [],
    };
    this.files.push(info);
    this.fileBytes.push(bytes);
    this.current = {
      info,
      bytes,
      filled: 0,
      parsePos: 0,
      encodingDecided: encodingOverride !== undefined,
      detectPos: 0,
      kindDecided: false,
      sawNoThread: false,
      sawThread: false,
      sawJob: false,
      sessionsAtStart: this.sessions.cols.count,
      reportAtStart: this.report.count,
      decode: (b) => decodeBytes(b, info.encoding),
    };
    this.sessions.beginFile(id);
    return id;
  }

  /** Appends the next slice of the open file and indexes every line it completes. */
  append(chunk: Uint8Array): void {
    const f = this.requireOpen();
    if (f.filled + chunk.length > f.bytes.length) {
      throw new FileError(f.info.name, 'the file grew while it was being read');
    }
    if (f.filled === 0) this.checkStart(f, chunk);
    f.bytes.set(chunk, f.filled);
    f.filled += chunk.length;
    this.continueDetection(f, false);
    if (!this.decideKind(f, false)) return;
    this.indexLines(f, false);
  }

  /** Indexes the last line (even without a final newline) and closes the file. */
  endFile(): FileInfo {
    const f = this.requireOpen();
    if (f.filled !== f.bytes.length) {
      throw new FileError(f.info.name, `the file was truncated while reading (${f.filled} of ${f.bytes.length} bytes)`);
    }
    this.continueDetection(f, true);
    this.decideKind(f, true);
    this.indexLines(f, true);
    const info = f.info;
    info.format = f.sawJob ? '1.88a' : f.sawThread ? '1.27' : f.sawNoThread ? '1.26' : null;
    if (info.kind === 'report') info.format = null;
    if (info.lines > 0 && info.unparsed === info.lines) {
      info.warnings.push('no line has the PMailServer layout: is this a PMailServer log?');
    }
    this.current = undefined;
    return info;
  }

  /** Forgets the open file entirely (its rows, sessions and report entries): it failed to load. */
  abortFile(): void {
    const f = this.current;
    if (!f) return;
    this.rows.count = f.info.firstRow;
    this.sessions.truncate(f.sessionsAtStart);
    this.report.count = f.reportAtStart;
    this.files.pop();
    this.fileBytes.pop();
    this.current = undefined;
  }

  /** The rows as they stand, in storage order: what the table shows while files are loading. */
  snapshot(): RowSource {
    return {
      files: this.files,
      fileBytes: this.fileBytes,
      rows: { count: this.rows.count, ...this.rows.trimmed() },
      timeline: null,
      services: this.serviceTable.strings,
    };
  }

  finish(): LogIndex {
    if (this.current) throw new Error('finish: a file is still open');
    return this.assemble(mergeTimeline(this.rows.trimmed().time, this.files));
  }

  private assemble(timeline: Uint32Array): LogIndex {
    return {
      files: this.files,
      fileBytes: this.fileBytes,
      rows: { count: this.rows.count, ...this.rows.trimmed() },
      timeline,
      sessions: this.sessions.finish(),
      report: { count: this.report.count, ...this.report.trimmed() },
      strings: this.strings.strings,
      services: this.serviceTable.strings,
    };
  }

  private requireOpen(): OpenFile {
    if (!this.current) throw new Error('no file is open');
    return this.current;
  }

  private checkStart(f: OpenFile, chunk: Uint8Array): void {
    const d = detectFileStart(chunk);
    if (d.type === 'unsupported') throw new FileError(f.info.name, d.reason);
    if (d.type === 'decided' && !f.encodingDecided) {
      f.info.encoding = d.encoding;
      f.info.encodingSource = d.source;
      f.encodingDecided = true;
    }
  }

  /** Keeps looking for the first non-ASCII text while the file has been plain ASCII. */
  private continueDetection(f: OpenFile, atEnd: boolean): void {
    if (f.encodingDecided) return;
    const d = detectEncoding(f.bytes, f.detectPos, f.filled, atEnd);
    if (d.type === 'decided') {
      f.info.encoding = d.encoding;
      f.info.encodingSource = d.source;
      f.encodingDecided = true;
    } else {
      // Resume a few bytes back so a character cut by the slice is seen whole next time.
      f.detectPos = Math.max(f.detectPos, f.filled - 4);
    }
  }

  /**
   * A report log is recognised by content, never by name (log-format.md, "Files"): it is one if
   * more than half of its first lines read as report entries and they outnumber the lines with a
   * service-log envelope (assumed rule).
   */
  private decideKind(f: OpenFile, atEnd: boolean): boolean {
    if (f.kindDecided) return true;
    const b = f.bytes;
    let pos = 0;
    let lines = 0;
    let reports = 0;
    let envelopes = 0;
    while (lines < KIND_SAMPLE_LINES && pos < f.filled) {
      let nl = b.subarray(0, f.filled).indexOf(0x0a, pos);
      if (nl < 0) {
        if (!atEnd) break;
        nl = f.filled;
      }
      const end = nl > pos && b[nl - 1] === 0x0d ? nl - 1 : nl;
      if (end > pos) {
        lines++;
        if (parseReportLine(b, pos, end, this.rep)) reports++;
        else if (parseEnvelope(b, pos, end, this.env)) envelopes++;
      }
      pos = nl + 1;
    }
    if (lines < KIND_SAMPLE_LINES && !atEnd) return false;
    f.info.kind = reports * 2 > lines && reports > envelopes ? 'report' : 'service';
    f.kindDecided = true;
    if (f.info.kind === 'report') f.info.format = null;
    // Reserve rows once from the average line length seen so far, so the columns rarely regrow.
    const avg = lines > 0 ? Math.max(16, pos / Math.max(1, lines)) : 80;
    this.rows.reserve(this.rows.count + Math.ceil((f.bytes.length / avg) * 1.05) + 16);
    return true;
  }

  private indexLines(f: OpenFile, atEnd: boolean): void {
    const b = f.bytes;
    const view = b.subarray(0, f.filled);
    const isReport = f.info.kind === 'report';
    let pos = f.parsePos;
    while (pos < f.filled) {
      let nl = view.indexOf(0x0a, pos);
      let end: number;
      if (nl < 0) {
        if (!atEnd) break;
        nl = f.filled;
        end = nl;
      } else {
        end = nl > pos && b[nl - 1] === 0x0d ? nl - 1 : nl;
      }
      if (isReport) this.indexReportLine(f, b, pos, end);
      else this.indexServiceLine(f, b, pos, end);
      pos = nl + 1;
    }
    f.parsePos = Math.min(pos, f.filled);
  }

  private pushRow(f: OpenFile, pos: number): number {
    const r = this.rows.push();
    const c = this.rows.cols;
    c.file[r] = f.info.id;
    c.offset[r] = pos;
    c.session[r] = -1;
    f.info.lines++;
    return r;
  }

  private markUnparsed(f: OpenFile, r: number): void {
    const c = this.rows.cols;
    c.time[r] = NO_TIME;
    c.service[r] = 0;
    c.kind[r] = LineKind.Unparsed;
    c.detail[r] = 0;
    f.info.unparsed++;
  }

  private indexServiceLine(f: OpenFile, b: Uint8Array, pos: number, end: number): void {
    const r = this.pushRow(f, pos);
    const env = this.env;
    if (!parseEnvelope(b, pos, end, env)) return this.markUnparsed(f, r);
    const c = this.rows.cols;
    const service = this.serviceId(b, env.tagStart, env.tagEnd);
    const cls = this.cls;
    const hasThread = env.thread >= 0;
    classifyMessage(b, env.msgStart, end, hasThread, cls);
    c.time[r] = env.time;
    c.service[r] = service;
    c.kind[r] = cls.kind;
    c.detail[r] = cls.detail;
    if (cls.kind === LineKind.ServiceStart || cls.kind === LineKind.ServiceStop) {
      if (cls.kind === LineKind.ServiceStart && cls.detail !== 0xffff) f.info.level = cls.detail;
      this.sessions.resetService(service);
      return;
    }
    if (env.jobId >= 0) f.sawJob = true;
    else if (hasThread) f.sawThread = true;
    else f.sawNoThread = true;
    const s = this.sessions.assign(service, env.thread, env.jobId, cls.kind, r, env.time);
    c.session[r] = s;
    if (s >= 0) this.sessions.observe(s, b, env.msgStart, end, cls, f.decode);
  }

  private indexReportLine(f: OpenFile, b: Uint8Array, pos: number, end: number): void {
    const r = this.pushRow(f, pos);
    const e = this.rep;
    if (!parseReportLine(b, pos, end, e)) return this.markUnparsed(f, r);
    const c = this.rows.cols;
    c.time[r] = e.time;
    c.service[r] = this.reportService;
    c.kind[r] = LineKind.Report;
    c.detail[r] = 0;
    const i = this.report.push();
    const rc = this.report.cols;
    rc.row[i] = r;
    rc.time[i] = e.time;
    rc.sender[i] = e.senderEnd > e.senderStart ? this.strings.internBytes(b, e.senderStart, e.senderEnd, f.decode) : -1;
    rc.recipient[i] = this.strings.internBytes(b, e.recipientStart, e.recipientEnd, f.decode);
    rc.domain[i] =
      e.domainStart < e.recipientEnd ? this.strings.internBytes(b, e.domainStart, e.recipientEnd, f.decode) : -1;
    rc.code[i] = e.code;
  }

  /** Service tags repeat on every line: compare with the last one before hashing. */
  private serviceId(b: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len === this.lastTagLen) {
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.lastTag[i] !== b[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastService;
    }
    const id = this.serviceTable.internBytes(b, start, end);
    this.lastTag.set(b.subarray(start, end));
    this.lastTagLen = len;
    this.lastService = id;
    return id;
  }
}

export type { FileKind, FormatGeneration };
