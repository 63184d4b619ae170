/**
 * Writes a large benchmark corpus: level-3 logs of every service plus an MTA report log, Shift_JIS
 * (CP932), CRLF, in realistic proportions (SMTP biggest). Never committed: generate it when needed.
 *
 *   tsx scripts/generate-corpus.ts --size 1024 --out /tmp/corpus [--seed N]
 *
 * Prints a JSON summary (files, bytes, lines) on stdout. Lines are encoded into 8 MB buffers
 * ({@link Cp932Chunker}) and written with one writeSync per buffer.
 */
import { closeSync, mkdirSync, openSync, realpathSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { epochOf, makeGarbageLine, ReportLogWriter, Rng, ServiceLogWriter } from './log-generator';
import type { DeliveryRecord, LineSink, Service } from './log-generator';

export interface CorpusOptions {
  sizeMB: number;
  outDir: string;
  seed?: number;
}

export interface CorpusFile {
  name: string;
  bytes: number;
  lines: number;
}

export interface CorpusResult {
  /** Paths written. */
  files: string[];
  bytes: number;
  lines: number;
  perFile: CorpusFile[];
}

/** Bytes per write: big enough that per-write costs vanish. */
const CHUNK_BYTES = 8 << 20;
const NON_ASCII = /[\u0080-\uffff]+/g;
/** Distinct Japanese runs are few (the notes' fixed wording); cap the cache in case they are not. */
const MAX_CACHED_RUNS = 10_000;

/**
 * CP932 encoding straight into one reused Buffer. ASCII (the envelope, addresses, commands) maps to
 * itself, so it is copied as latin1; each maximal non-ASCII run is encoded by iconv-lite once and then
 * reused. Same bytes as iconv-lite encoding the whole text (checked by the tests), several times faster
 * and with no multi-megabyte strings for the collector.
 */
export class Cp932Chunker {
  private readonly buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private off = 0;
  private readonly runs = new Map<string, Buffer>();

  constructor(private readonly flushTo: (bytes: Buffer) => void) {}

  /** Appends `text` and CRLF. */
  line(text: string): void {
    // CP932 needs at most 2 bytes per UTF-16 unit.
    if (this.off + 2 * text.length + 2 > this.buf.length) this.flush();
    if (2 * text.length + 2 > this.buf.length) throw new Error('line longer than a chunk');
    NON_ASCII.lastIndex = 0;
    let m = NON_ASCII.exec(text);
    if (m === null) this.off += this.buf.write(text, this.off, 'latin1');
    else {
      let pos = 0;
      for (; m !== null; m = NON_ASCII.exec(text)) {
        if (m.index > pos) this.off += this.buf.write(text.slice(pos, m.index), this.off, 'latin1');
        this.off += this.encodeRun(m[0]).copy(this.buf, this.off);
        pos = m.index + m[0].length;
      }
      if (pos < text.length) this.off += this.buf.write(text.slice(pos), this.off, 'latin1');
    }
    this.buf[this.off++] = 0x0d;
    this.buf[this.off++] = 0x0a;
  }

  private encodeRun(run: string): Buffer {
    let bytes = this.runs.get(run);
    if (bytes === undefined) {
      bytes = iconv.encode(run, 'cp932');
      if (this.runs.size < MAX_CACHED_RUNS) this.runs.set(run, bytes);
    }
    return bytes;
  }

  get pending(): number {
    return this.off;
  }

  flush(): void {
    if (this.off === 0) return;
    this.flushTo(this.buf.subarray(0, this.off));
    this.off = 0;
  }
}

/** Writes lines to a file through a {@link Cp932Chunker}; counts bytes and lines; adds rare garbage. */
class ChunkedFileSink implements LineSink {
  bytes = 0;
  lines = 0;
  private readonly chunker: Cp932Chunker;
  private untilGarbage: number;

  constructor(
    fd: number,
    private readonly rng: Rng,
  ) {
    this.chunker = new Cp932Chunker((buf) => {
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      this.bytes += buf.length;
    });
    this.untilGarbage = this.garbageGap();
  }

  /** Roughly one unparsed line per 200k: real logs have a few, and the parser's slow path must be timed too. */
  private garbageGap(): number {
    return this.rng.int(100_000, 300_000);
  }

  push(line: string, garbageMayPrecede: boolean): void {
    if (garbageMayPrecede && --this.untilGarbage <= 0) {
      this.untilGarbage = this.garbageGap();
      this.chunker.line(makeGarbageLine(this.rng, line));
      this.lines++;
    }
    this.chunker.line(line);
    this.lines++;
  }

  /** Bytes written plus those still buffered. */
  get approxBytes(): number {
    return this.bytes + this.chunker.pending;
  }

  flush(): void {
    this.chunker.flush();
  }
}

interface ServiceShare {
  name: string;
  service: Service;
  share: number;
  concurrency: number;
  meanGapSec: number;
}

/** Shares of the total size: SMTP carries most traffic; the report log is one short line per delivery. */
const SERVICE_SHARES: ServiceShare[] = [
  { name: 'smtp.log', service: 'SMTP', share: 0.45, concurrency: 8, meanGapSec: 20 },
  { name: 'pop3.log', service: 'POP3', share: 0.22, concurrency: 6, meanGapSec: 30 },
  { name: 'imap4.log', service: 'IMAP4', share: 0.13, concurrency: 4, meanGapSec: 60 },
  { name: 'mta.log', service: 'MTA', share: 0.15, concurrency: 4, meanGapSec: 40 },
];
const REPORT = { name: 'mta-report.log', share: 0.05 };

/** Sessions between two restarts: about a day of traffic. */
const SESSIONS_PER_RUN = 3000;
const START = epochOf(2025, 1, 6, 8, 0, 0);

function writeServiceFile(
  path: string,
  s: ServiceShare,
  budget: number,
  rng: Rng,
): CorpusFile & { deliveries: DeliveryRecord[] } {
  const fd = openSync(path, 'w');
  try {
    const sink = new ChunkedFileSink(fd, rng);
    const writer = new ServiceLogWriter(s.service, rng, START, sink);
    const shouldStop = () => sink.approxBytes >= budget;
    while (!shouldStop()) {
      // The server is upgraded half way: 1.27 lines first, then 1.88a with JobIDs.
      const format = sink.approxBytes < budget / 2 ? '1.27' : '1.88a';
      writer.run({
        format,
        level: 3,
        sessions: SESSIONS_PER_RUN,
        concurrency: s.concurrency,
        meanGapSec: s.meanGapSec,
        shouldStop: () => shouldStop() || (format === '1.27' && sink.approxBytes >= budget / 2),
      });
      writer.advance(rng.int(3600, 8 * 3600));
    }
    sink.flush();
    return { name: path, bytes: sink.bytes, lines: sink.lines, deliveries: writer.deliveries };
  } finally {
    closeSync(fd);
  }
}

/** The report log: an entry for each of the MTA's deliveries, and others up to the budget. */
function writeReportFile(
  path: string,
  budget: number,
  rng: Rng,
  deliveries: readonly DeliveryRecord[],
): CorpusFile {
  const fd = openSync(path, 'w');
  try {
    const sink = new ChunkedFileSink(fd, rng);
    const writer = new ReportLogWriter(rng, START, sink);
    writer.write({
      entries: Number.MAX_SAFE_INTEGER,
      deliveries,
      unknownRate: 1e-4,
      meanGapSec: 30,
      shouldStop: () => sink.approxBytes >= budget,
    });
    sink.flush();
    return { name: path, bytes: sink.bytes, lines: sink.lines };
  } finally {
    closeSync(fd);
  }
}

/** Writes about `sizeMB` MiB of logs into `outDir`. Deterministic for a given size and seed. */
export function generateCorpus({ sizeMB, outDir, seed = 1 }: CorpusOptions): CorpusResult {
  if (!(sizeMB > 0)) throw new Error(`size must be a positive number of MB, got ${sizeMB}`);
  mkdirSync(outDir, { recursive: true });
  const total = sizeMB * 1024 * 1024;
  const perFile: CorpusFile[] = [];
  const deliveries: DeliveryRecord[] = [];
  // One generator per file, seeded apart, so a file's content does not depend on the others' sizes.
  SERVICE_SHARES.forEach((s, i) => {
    const written = writeServiceFile(join(outDir, s.name), s, total * s.share, new Rng(seed * 7919 + i));
    for (const d of written.deliveries) deliveries.push(d);
    perFile.push({ name: written.name, bytes: written.bytes, lines: written.lines });
  });
  const reportPath = join(outDir, REPORT.name);
  perFile.push(writeReportFile(reportPath, total * REPORT.share, new Rng(seed * 7919 + 99), deliveries));
  return {
    files: perFile.map((f) => f.name),
    bytes: perFile.reduce((n, f) => n + f.bytes, 0),
    lines: perFile.reduce((n, f) => n + f.lines, 0),
    perFile,
  };
}

function main(argv: string[]): void {
  let sizeMB = NaN;
  let outDir = '';
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--size') sizeMB = Number(argv[++i]);
    else if (argv[i] === '--out') outDir = resolve(argv[++i]);
    else if (argv[i] === '--seed') seed = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!outDir || !(sizeMB > 0)) {
    console.error('usage: tsx scripts/generate-corpus.ts --size MB --out DIR [--seed N]');
    process.exit(2);
  }
  const t0 = performance.now();
  const result = generateCorpus({ sizeMB, outDir, seed });
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  console.log(JSON.stringify({ ...result, seconds }, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2));
}
