/**
 * Writes the app's built-in sample set and its manifest of expected counts.
 *
 *   tsx scripts/generate-sample.ts [--out public/sample] [--seed N]
 *
 * A handful of small Shift_JIS (CP932), CRLF files covering every service, all three layout
 * generations, levels 1–3, every report code, some unparsed lines, a session cut by rotation and a
 * file without a final newline. Byte-for-byte deterministic: the committed copy is checked against a
 * fresh generation by scripts/log-generator.test.ts.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import {
  CollectingSink,
  epochOf,
  insertGarbage,
  KNOWN_REPORT_CODES,
  mergeTallies,
  newTally,
  planSubmissions,
  ReportLogWriter,
  Rng,
  ServiceLogWriter,
  sortByCode,
} from './log-generator';
import type {
  DeliveryRecord,
  FileTally,
  FormatGeneration,
  OutcomeName,
  RunOptions,
  Service,
  Submission,
} from './log-generator';

export const DEFAULT_SAMPLE_SEED = 20250401;
export const DEFAULT_SAMPLE_DIR = fileURLToPath(new URL('../public/sample/', import.meta.url));

export interface ManifestFile {
  name: string;
  encoding: 'shift_jis';
  kind: 'service' | 'report';
  format: FormatGeneration | null;
  level: number | null;
  lines: number;
  unparsed: number;
}

export interface SampleManifest {
  files: string[];
  expected: {
    lines: number;
    files: ManifestFile[];
    sessions: Record<Service, number>;
    outcomes: Record<Service, Partial<Record<OutcomeName, number>>>;
    peers: Record<Service, Record<string, number>>;
    report: { entries: number; byCode: Record<string, number>; failed: number };
  };
}

export interface SampleFile {
  name: string;
  bytes: Buffer;
}

interface ServicePlan {
  name: string;
  service: Service;
  start: number;
  /** Runs one after another; `pauseSec` is the idle time before the run (a restart, an upgrade). */
  runs: (RunOptions & { pauseSec?: number })[];
  garbage?: number;
  /** Leave the last line without CRLF, as a log copied while the server was still writing. */
  noFinalNewline?: boolean;
  /** SMTP: the log of the MTA's day, in which its deliveries' messages were submitted. */
  acceptsSubmissions?: boolean;
}

/** Share of the MTA's deliveries (with a sender) whose message a local user submitted over SMTP. */
const SUBMITTED_SHARE = 0.7;

const SERVICE_PLANS: ServicePlan[] = [
  {
    // The MTA's day, on which the server was upgraded from 1.27 to 1.88a (JobIDs on) mid-morning:
    // messages submitted during the upgrade's pause are missing from it.
    name: 'smtp-2025-04-01.log',
    service: 'SMTP',
    start: epochOf(2025, 4, 1, 8, 0, 0),
    runs: [
      {
        format: '1.27',
        level: 3,
        sessions: 12,
        concurrency: 4,
        meanGapSec: 300,
        submissionsUntil: epochOf(2025, 4, 1, 9, 15, 0),
      },
      { format: '1.88a', level: 3, sessions: 10, concurrency: 4, meanGapSec: 300, pauseSec: 900 },
    ],
    garbage: 3,
    acceptsSubmissions: true,
  },
  {
    // A rotated file: it opens inside a session that began the day before, then the level drops to 2.
    name: 'smtp-2025-04-02.log',
    service: 'SMTP',
    start: epochOf(2025, 4, 2, 0, 0, 0),
    runs: [
      { format: '1.27', level: 3, sessions: 10, concurrency: 3, announce: false, partialSession: true },
      { format: '1.27', level: 2, sessions: 20, concurrency: 3, meanGapSec: 600, pauseSec: 120, stop: false },
    ],
    garbage: 2,
    noFinalNewline: true,
  },
  {
    // The oldest layout: no thread ids, so sessions never overlap.
    name: 'smtp-old-1.26.log',
    service: 'SMTP',
    start: epochOf(2005, 5, 18, 3, 9, 41),
    runs: [
      { format: '1.26', level: 1, sessions: 18, meanGapSec: 400 },
      { format: '1.26', level: 2, sessions: 22, meanGapSec: 400, pauseSec: 3600 },
    ],
    garbage: 2,
  },
  {
    name: 'pop3.log',
    service: 'POP3',
    start: epochOf(2025, 4, 1, 8, 0, 0),
    runs: [{ format: '1.27', level: 3, sessions: 32, concurrency: 3, meanGapSec: 400 }],
  },
  {
    name: 'imap4.log',
    service: 'IMAP4',
    start: epochOf(2025, 4, 1, 8, 0, 0),
    runs: [
      { format: '1.88a', level: 3, sessions: 25, concurrency: 3, meanGapSec: 500 },
      { format: '1.88a', level: 1, sessions: 15, concurrency: 3, meanGapSec: 500, pauseSec: 1800 },
    ],
  },
  {
    // Without JobIDs at level 2 in the morning (notes, no replies: the report log tells the
    // outcomes), then upgraded to 1.88a at level 3. Among its failures, those that end without a
    // reply: no host answers, a network error, a DNS error, a silent host.
    name: 'mta.log',
    service: 'MTA',
    start: epochOf(2025, 4, 1, 8, 0, 0),
    runs: [
      { format: '1.27', level: 2, sessions: 28, concurrency: 3, meanGapSec: 300 },
      {
        format: '1.88a',
        level: 3,
        sessions: 36,
        concurrency: 3,
        meanGapSec: 400,
        pauseSec: 600,
        forcedCodes: [-1, -8, -10, -12],
      },
    ],
  },
];

const REPORT_NAME = 'mta-report.log';

function encodeFile(lines: string[], finalNewline: boolean): Buffer {
  const text = lines.join('\r\n') + (finalNewline ? '\r\n' : '');
  const bytes = iconv.encode(text, 'cp932');
  // iconv-lite silently writes '?' for characters CP932 lacks; a sample must not lose any.
  if (iconv.decode(bytes, 'cp932') !== text) throw new Error('sample text not representable in CP932');
  return bytes;
}

interface BuiltFile {
  lines: string[];
  tally: FileTally;
  deliveries: DeliveryRecord[];
}

function buildServiceFile(plan: ServicePlan, rng: Rng, submissions: readonly Submission[]): BuiltFile {
  const sink = new CollectingSink();
  const writer = new ServiceLogWriter(plan.service, rng, plan.start, sink);
  if (plan.acceptsSubmissions) writer.queueSubmissions(submissions);
  for (const run of plan.runs) {
    writer.advance(run.pauseSec ?? 0);
    writer.run(run);
  }
  const tally = writer.tally;
  if (plan.garbage) insertGarbage(sink, plan.garbage, rng, tally);
  return { lines: sink.lines, tally, deliveries: writer.deliveries };
}

/** Builds the whole set in memory. Pure: the same seed gives the same bytes. */
export function buildSampleSet(seed = DEFAULT_SAMPLE_SEED): {
  files: SampleFile[];
  manifest: SampleManifest;
} {
  const rng = new Rng(seed);
  const files: SampleFile[] = [];
  const described: ManifestFile[] = [];
  const total = newTally();
  const describe = (name: string, kind: ManifestFile['kind'], t: FileTally) => {
    described.push({ name, encoding: 'shift_jis', kind, format: t.format, level: t.level, ...counts(t) });
    mergeTallies(total, t);
  };
  // The MTA's log first: the SMTP log of its day accepts most of its deliveries shortly before.
  const built = new Map<ServicePlan, BuiltFile>();
  const deliveries: DeliveryRecord[] = [];
  for (const plan of SERVICE_PLANS.filter((p) => p.service === 'MTA')) {
    const made = buildServiceFile(plan, rng, []);
    built.set(plan, made);
    deliveries.push(...made.deliveries);
  }
  const submissions = planSubmissions(rng, deliveries, SUBMITTED_SHARE);
  for (const plan of SERVICE_PLANS.filter((p) => p.service !== 'MTA')) {
    built.set(plan, buildServiceFile(plan, rng, submissions));
  }
  for (const plan of SERVICE_PLANS) {
    const { lines, tally } = built.get(plan)!;
    files.push({ name: plan.name, bytes: encodeFile(lines, !plan.noFinalNewline) });
    describe(plan.name, 'service', tally);
  }
  const sink = new CollectingSink();
  const report = new ReportLogWriter(rng, epochOf(2025, 4, 1, 8, 5, 0), sink);
  report.write({ entries: 240, forcedCodes: [...KNOWN_REPORT_CODES, -99], meanGapSec: 120, deliveries });
  insertGarbage(sink, 2, rng, report.tally);
  files.push({ name: REPORT_NAME, bytes: encodeFile(sink.lines, true) });
  describe(REPORT_NAME, 'report', report.tally);
  const manifest: SampleManifest = {
    files: files.map((f) => f.name),
    expected: {
      lines: total.lines,
      files: described,
      sessions: total.sessions,
      outcomes: total.outcomes,
      peers: total.peers,
      report: { ...total.report, byCode: sortByCode(total.report.byCode) },
    },
  };
  return { files, manifest };
}

function counts(t: FileTally): { lines: number; unparsed: number } {
  return { lines: t.lines, unparsed: t.unparsed };
}

export function manifestBytes(manifest: SampleManifest): Buffer {
  return Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
}

/** Writes the set and manifest.json into `outDir`; returns the paths written. */
export function writeSampleSet(outDir: string, seed = DEFAULT_SAMPLE_SEED): string[] {
  const { files, manifest } = buildSampleSet(seed);
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    const path = join(outDir, f.name);
    writeFileSync(path, f.bytes);
    written.push(path);
  }
  const path = join(outDir, 'manifest.json');
  writeFileSync(path, manifestBytes(manifest));
  written.push(path);
  return written;
}

function main(argv: string[]): void {
  let out = DEFAULT_SAMPLE_DIR;
  let seed = DEFAULT_SAMPLE_SEED;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = resolve(argv[++i]);
    else if (argv[i] === '--seed') seed = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}; usage: generate-sample.ts [--out DIR] [--seed N]`);
  }
  for (const path of writeSampleSet(out, seed)) console.log(path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2));
}
