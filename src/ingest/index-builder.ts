import type { Encoding, FileInfo } from '../model/file-info';
import { LineKind } from '../model/line-kind';
import {
  LINE_STEP,
  type LogIndex,
  type ReportColumns,
  type RowColumns,
  type RowSource,
} from '../model/log-index';
import { NO_TIME, type FileId } from '../model/units';
import { decodeBytes } from './codec';
import { ChunkedBytes } from '../lib/chunked-bytes';
import { FileError } from './file-error';
import { GrowableColumns, MAX_ROWS } from './growable';
import { matchDeliveries } from './match-deliveries';
import { mergeTimeline } from './merge-timeline';
import { PackedColumnWriter } from './packed-column-writer';
import type { FileFacts, ParsedBatch } from './parsed-batch';
import { SessionTable } from './session-table';
import { StringTable } from './string-table';

/** Files are addressed with 32-bit offsets; bigger ones are refused with a message, not truncated. */
export const MAX_FILE_BYTES = 0xffffffff;
const REPORT_SERVICE = 'REPORT';

type RowCols = Omit<RowColumns, 'count' | 'time' | 'session'>;
type ReportCols = Omit<ReportColumns, 'count'>;

interface OpenFile {
  info: FileInfo;
  bytes: ChunkedBytes;
  size: number;
  /** Parser-local tag id → our service id. */
  tagMap: number[];
  /** Sessions of earlier files: the file's own session ids start here. */
  sessionBase: number;
  reportAtStart: number;
  /** A report log's own string ids (see ReportBatch) → ours. */
  reportStrings: number[];
  facts: FileFacts | undefined;
  decode: (b: Uint8Array) => string;
}

/**
 * Stage two of indexing: keeps each file's bytes and turns the parser's batches into the columnar
 * {@link LogIndex}: rows, sessions, report entries, interned strings and, at the end, the merged
 * timeline. Files come one after another.
 */
export class IndexBuilder {
  readonly files: FileInfo[] = [];
  readonly fileBytes: ChunkedBytes[] = [];
  readonly strings = new StringTable();
  private readonly serviceTable = new StringTable();
  private readonly rows = new GrowableColumns<RowCols>({
    service: Uint8Array,
    kind: Uint8Array,
    detail: Uint16Array,
  });
  /** The rows' time and session columns, packed (lib/packed-column.ts): 2.25 bytes a row each, not 4. */
  private readonly time = new PackedColumnWriter(NO_TIME);
  private readonly session = new PackedColumnWriter(-1);
  /** Entry k is the start of row k × LINE_STEP. */
  private readonly lineStarts = new GrowableColumns<{ at: Uint32Array }>({ at: Uint32Array });
  private readonly report = new GrowableColumns<ReportCols>({
    row: Uint32Array,
    time: Uint32Array,
    sender: Int32Array,
    recipient: Int32Array,
    domain: Int32Array,
    code: Int32Array,
  });
  private readonly sessions = new SessionTable(this.strings);
  private current: OpenFile | undefined;
  private readonly reportService: number;

  constructor() {
    this.serviceTable.internString('');
    this.reportService = this.serviceTable.internString(REPORT_SERVICE);
  }

  /** Bytes of every file still to come (the current one included), for one early, right-sized reservation. */
  private bytesAhead = 0;

  /** Tells the builder how many bytes the whole load holds, before the first file. */
  expectBytes(total: number): void {
    this.bytesAhead = total;
  }

  get rowCount(): number {
    return this.rows.count;
  }

  beginFile(name: string, size: number, encodingOverride?: Encoding): FileId {
    if (this.current) throw new Error('beginFile: the previous file is still open');
    if (size > MAX_FILE_BYTES) {
      throw new FileError(name, { code: 'too-large', bytes: size, limit: MAX_FILE_BYTES });
    }
    if (this.files.length >= 0xffff) throw new FileError(name, { code: 'too-many-files', limit: 0xffff });
    const bytes = new ChunkedBytes();
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
      levels: [],
      impossibleDates: 0,
      lines: 0,
      unparsed: 0,
      firstRow: this.rows.count,
      firstLineAt: 0,
      warnings: [],
    };
    this.files.push(info);
    this.fileBytes.push(bytes);
    this.current = {
      info,
      bytes,
      size,
      tagMap: [0],
      sessionBase: this.sessions.count,
      reportAtStart: this.report.count,
      reportStrings: [],
      facts: undefined,
      decode: (b) => decodeBytes(b, info.encoding),
    };
    return id;
  }

  /** Keeps the batch's bytes (the slice itself, not a copy) and indexes its lines, in file order. */
  apply(batch: ParsedBatch): void {
    const f = this.requireOpen();
    if (batch.chunkStart !== f.bytes.length || f.bytes.length + batch.chunk.length > f.size) {
      throw new FileError(f.info.name, { code: 'changed' });
    }
    f.bytes.append(batch.chunk);
    this.absorbFacts(f, batch.facts);
    for (const tag of batch.newTags) f.tagMap.push(this.serviceId(tag));
    if (batch.count > 0) this.applyRows(f, batch);
    if (batch.sessions && formsNoSessions(batch.facts)) {
      this.session.truncate(f.info.firstRow);
      this.session.appendNone(f.info.lines);
    } else if (batch.sessions) {
      // The file's sessions come at its end: room for those of the files still to come too, at
      // this file's rate, so the session columns are copied once or twice per load, not per file.
      const s = batch.sessions;
      const room = (n: number) => n + projected(n, f.size, this.bytesAhead - f.size);
      this.sessions.reserve(room(s.count), room(s.rcpts.length / 2));
      this.sessions.appendFile(f.info.id, f.info.firstRow, f.tagMap, s, f.decode);
    }
  }

  private applyRows(f: OpenFile, batch: ParsedBatch): void {
    this.reserveRows(f, batch);
    const first = this.rows.count;
    this.rows.count += batch.count;
    if (f.info.lines === 0) f.info.firstLineAt = batch.offset[0];
    this.keepLineStarts(batch, first);
    const c = this.rows.cols;
    c.kind.set(batch.kind, first);
    c.detail.set(batch.detail, first);
    f.info.lines += batch.count;
    if (f.info.kind === 'report') this.applyReport(f, batch, first);
    else this.applyService(f, batch, first);
  }

  /** The starts of the batch's rows that fall on a LINE_STEP boundary. */
  private keepLineStarts(batch: ParsedBatch, first: number): void {
    const starts = this.lineStarts;
    const r0 = Math.ceil(first / LINE_STEP) * LINE_STEP;
    const n = Math.ceil((first + batch.count - r0) / LINE_STEP);
    if (n <= 0) return;
    const k = starts.pushMany(n);
    const at = starts.cols.at;
    for (let j = 0; j < n; j++) at[k + j] = batch.offset[r0 - first + j * LINE_STEP];
  }

  /** Closes the file once its last batch was applied. */
  endFile(): FileInfo {
    const f = this.requireOpen();
    this.bytesAhead = Math.max(0, this.bytesAhead - f.size);
    if (f.bytes.length !== f.size) {
      throw new FileError(f.info.name, { code: 'truncated', read: f.bytes.length, size: f.size });
    }
    const info = f.info;
    const facts = f.facts;
    if (facts && info.kind === 'service') {
      info.format = facts.sawJob ? '1.88a' : facts.sawThread ? '1.27' : facts.sawNoThread ? '1.26' : null;
      info.level = facts.level;
      info.levels = facts.levels.map(({ line, level }) => ({ row: info.firstRow + line, level }));
    }
    if (facts) this.warnAboutLines(info, facts);
    if (info.lines > 0 && info.unparsed === info.lines) {
      info.warnings.push({ code: 'no-layout' });
    }
    this.current = undefined;
    return info;
  }

  private warnAboutLines(info: FileInfo, facts: FileFacts): void {
    const { count, firstLine } = facts.impossibleDates;
    info.impossibleDates = count;
    if (count > 0) {
      info.warnings.push({ code: 'impossible-dates', count, firstLine: firstLine + 1 });
    }
    if (facts.crOnly) {
      info.warnings.push({ code: 'cr-only' });
    }
  }

  /** Forgets the open file entirely (its rows, sessions and report entries): it failed to load. */
  abortFile(): void {
    const f = this.current;
    if (!f) return;
    this.bytesAhead = Math.max(0, this.bytesAhead - f.size);
    this.rows.count = f.info.firstRow;
    this.time.truncate(f.info.firstRow);
    this.session.truncate(f.info.firstRow);
    this.lineStarts.count = Math.ceil(f.info.firstRow / LINE_STEP);
    this.sessions.truncate(f.sessionBase);
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
      rows: this.rowColumns(),
      lineStarts: this.lineStarts.trimmed(),
      timeline: null,
      services: this.serviceTable.strings,
    };
  }

  finish(): LogIndex {
    if (this.current) throw new Error('finish: a file is still open');
    const rows = this.rowColumns();
    const report = { count: this.report.count, ...this.report.trimmed() };
    const services = this.serviceTable.strings;
    const sessions = this.sessions.finish((s) =>
      matchDeliveries(
        s,
        report,
        (service) => services[service] === 'MTA',
        this.strings.strings.length,
        this.strings.idOf(''),
      ),
    );
    return {
      files: this.files,
      fileBytes: this.fileBytes,
      rows,
      lineStarts: this.lineStarts.trimmed(),
      timeline: mergeTimeline(rows.time, this.files),
      sessions,
      report,
      strings: this.strings.strings,
      services: this.serviceTable.strings,
    };
  }

  private rowColumns(): RowColumns {
    return {
      count: this.rows.count,
      ...this.rows.trimmed(),
      time: this.time.view(),
      session: this.session.view(),
    };
  }

  /** Our id for a service tag; 0 ("none") once the one-byte service column is full. */
  private serviceId(tag: string): number {
    const id = this.serviceTable.internString(tag);
    return id <= 0xff ? id : 0;
  }

  private requireOpen(): OpenFile {
    if (!this.current) throw new Error('no file is open');
    return this.current;
  }

  private absorbFacts(f: OpenFile, facts: FileFacts): void {
    f.facts = facts;
    f.info.encoding = facts.encoding;
    f.info.encodingSource = facts.encodingSource;
    f.info.kind = facts.kind;
  }

  /**
   * Grows the row columns from the average line length so far, aiming at the whole load (every
   * file still to come; files differ in line length, hence the margin of `projected`): a 1 GB load
   * reserves once or twice.
   */
  private reserveRows(f: OpenFile, batch: ParsedBatch): void {
    const need = this.rows.count + batch.count;
    if (need <= this.rows.capacity) return;
    const parsedBytes = batch.chunkStart + batch.chunk.length;
    const bytesLeft = Math.max(f.size, this.bytesAhead) - parsedBytes;
    const ahead = projected(f.info.lines + batch.count, parsedBytes, bytesLeft);
    // Capped: an estimate past the row limit must not fail a load that stays within it.
    const estimate = Math.min(MAX_ROWS, need + ahead + 1024);
    this.rows.reserve(estimate);
    this.time.reserve(estimate);
    this.session.reserve(estimate);
    this.lineStarts.reserve(Math.ceil(estimate / LINE_STEP));
  }

  /** Rows of a service log: the parser did the per-line work, sessions included. */
  private applyService(f: OpenFile, batch: ParsedBatch, first: number): void {
    const c = this.rows.cols;
    const { tag, kind, session, time } = batch;
    const tagMap = f.tagMap;
    const base = f.sessionBase;
    this.time.append(asInt32(time));
    this.session.append(session, base);
    let unparsed = 0;
    for (let i = 0; i < batch.count; i++) {
      const r = first + i;
      const service = tagMap[tag[i]];
      c.service[r] = service;
      if (kind[i] === LineKind.Unparsed) {
        unparsed++;
      } else if (service === 0) {
        // The load ran out of one-byte service ids (over 254 tags across files): the line is kept,
        // unparsed. Its session, counted by the parser, keeps the line in its count.
        c.kind[r] = LineKind.Unparsed;
        this.time.clear(r);
        this.session.clear(r);
        unparsed++;
      }
    }
    f.info.unparsed += unparsed;
  }

  /** Rows of a report log: the parser read the entries; their strings become ours here. */
  private applyReport(f: OpenFile, batch: ParsedBatch, first: number): void {
    const entries = batch.report;
    if (!entries) throw new Error('a report log batch came without its entries');
    const map = f.reportStrings;
    const { bytes, ends } = entries.newStrings;
    for (let k = 0, start = 0; k < ends.length; start = ends[k++]) {
      map.push(this.strings.internBytes(bytes, start, ends[k], f.decode));
    }
    const c = this.rows.cols;
    const { kind } = batch;
    let unparsed = 0;
    this.time.append(asInt32(batch.time));
    this.session.appendNone(batch.count);
    for (let i = 0; i < batch.count; i++) {
      const r = first + i;
      if (kind[i] === LineKind.Report) {
        c.service[r] = this.reportService;
      } else {
        c.service[r] = 0;
        unparsed++;
      }
    }
    f.info.unparsed += unparsed;
    const n = entries.count;
    // Room for the rest of the file at its rate so far, as for rows (see reserveRows).
    const need = this.report.count + n;
    if (need > this.report.capacity) {
      const parsed = batch.chunkStart + batch.chunk.length;
      const rest = projected(need - f.reportAtStart, parsed, f.size - parsed);
      this.report.reserve(Math.min(MAX_ROWS, need + rest + 1024));
    }
    const k0 = this.report.pushMany(n);
    const rc = this.report.cols;
    const local = (id: number) => (id < 0 ? -1 : map[id]);
    for (let j = 0; j < n; j++) {
      const k = k0 + j;
      const line = entries.line[j];
      rc.row[k] = first + line;
      rc.time[k] = batch.time[line];
      rc.sender[k] = local(entries.sender[j]);
      rc.recipient[k] = local(entries.recipient[j]);
      rc.domain[k] = local(entries.domain[j]);
      rc.code[k] = entries.code[j];
    }
  }
}

/**
 * How many more rows (sessions, entries) `bytesLeft` bytes should bring, at the rate of `count`
 * in `bytes` so far, with a quarter to spare. Growing copies every column, while room reserved but
 * never written costs no memory (its pages are never touched): erring high is cheap.
 */
function projected(count: number, bytes: number, bytesLeft: number): number {
  return Math.ceil((Math.max(0, bytesLeft) * count * 1.25) / Math.max(1, bytes));
}

/**
 * Lines with a thread but no JobID form sessions only where something starts them: a file with no
 * Connect line and no delivery start (levels 0–1 may write none) would otherwise glue hours of a
 * thread's lines into one session.
 */
function formsNoSessions(facts: FileFacts): boolean {
  return facts.sessionStarters === 0 && !facts.sawJob;
}

/** The same bytes as int32 (NO_TIME reads as -1), as PackedColumnWriter takes them. */
const asInt32 = (a: Uint32Array) => new Int32Array(a.buffer, a.byteOffset, a.length);
