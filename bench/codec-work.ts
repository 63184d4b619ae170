/**
 * The codec comparison itself, shared by Node (`bench/codec-bench.ts`) and Chromium (the same file
 * bundled by Vite and run in a page), so both runtimes time the very same work on the very same
 * bytes. No Node or DOM API here: only `performance.now()`, the app's own `decodeBytes` and iconv-lite.
 */
import iconv from 'iconv-lite';
import { decodeBytes } from '../src/ingest/codec';
import { LineScanner } from '../src/ingest/line-scanner';
import { LineKind } from '../src/model/line-kind';
import { splitEnvelope } from '../src/query/row-view';

/** The table asks the worker for windows of about this many rows, each decoded on its own. */
export const WINDOW_LINES = 100;
/** The bulk decode, and the head of the file the short lines are taken from. */
export const BULK_BYTES = 16 << 20;
/** 200 windows: enough lines for a stable mix of Japanese notes and ASCII commands. */
const MAX_LINES = 200 * WINDOW_LINES;
/** The two decoders compared: the app's (TextDecoder) and iconv-lite. */
export type DecoderImpl = 'iconv-lite' | 'text-decoder';
const IMPLS: readonly DecoderImpl[] = ['iconv-lite', 'text-decoder'];

function decodeWith(b: Uint8Array, impl: DecoderImpl): string {
  return impl === 'text-decoder' ? decodeBytes(b, 'shift_jis') : iconv.decode(b as Buffer, 'cp932');
}

export interface CodecWork {
  /** Message parts (after the envelope) of consecutive service-log lines, as their raw bytes. */
  lines: Uint8Array[];
  /** The head of the file cut at a line end, so no character is split (the two codecs would then
   * legitimately disagree on the last bytes). */
  bulk: Uint8Array;
}

export interface WorkStats {
  lines: number;
  windows: number;
  /** Lines with a byte >= 0x80: only these reach a codec, decodeBytes skips it for ASCII. */
  nonAsciiLines: number;
  lineBytes: number;
  bulkBytes: number;
  /** FNV-1a of every line's bytes and the bulk: equal in Node and Chromium means the same work. */
  checksum: string;
}

export interface Timing {
  /** Median over rounds (each round alternates which codec runs first). */
  nsPerLine: number;
  usPerWindow: number;
  linesPerSec: number;
  MBps: number;
  /** Best round, for comparison with the median. */
  bestNsPerLine: number;
  rounds: number;
  passesPerRound: number[];
}

export interface BulkTiming {
  bestMs: number;
  runsMs: number[];
  MBps: number;
}

export interface Disagreement {
  where: string;
  bytesHex: string;
  iconvLite: string;
  textDecoder: string;
}

export interface CodecReport {
  work: WorkStats;
  /** All lines, ASCII included: what showing a window of rows costs. */
  windows: Record<DecoderImpl, Timing>;
  /** Only the lines that reach a codec: where the two actually differ. Absent if all are ASCII. */
  nonAsciiWindows: Record<DecoderImpl, Timing> | undefined;
  bulk16MB: Record<DecoderImpl, BulkTiming>;
  agreement: {
    linesCompared: number;
    lineDisagreements: number;
    bulkEqual: boolean;
    examples: Disagreement[];
  };
  faster: { windows: DecoderImpl; nonAsciiWindows: DecoderImpl | undefined; bulk16MB: DecoderImpl };
}

export interface CompareOptions {
  rounds?: number;
  /** Each round repeats passes over all windows until at least this long, per codec. */
  minMsPerRound?: number;
  bulkRuns?: number;
}

const MiB = 1 << 20;

/** Takes the message part of the first lines of a service log that parse as `[TAG] date time ...`. */
export function prepareCodecWork(head: Uint8Array): CodecWork {
  const lastNl = head.lastIndexOf(0x0a);
  const bulk = head.subarray(0, lastNl + 1);
  // The lines the app parses as service lines, cut where the table's row view cuts the message.
  const scanned = new LineScanner().scan(bulk, 0, true);
  const lines: Uint8Array[] = [];
  for (let i = 0; i < scanned.count && lines.length < MAX_LINES; i++) {
    if (scanned.kind[i] === LineKind.Unparsed) continue;
    const line = bulk.subarray(scanned.offset[i], scanned.end[i]);
    const { msgStart } = splitEnvelope(line);
    // A copy, as the worker's row view decodes a subarray it was handed, not the whole file.
    if (msgStart < line.length) lines.push(line.slice(msgStart));
  }
  if (lines.length < WINDOW_LINES)
    throw new Error(`only ${lines.length} service lines in the head of the file`);
  return { lines, bulk };
}

function hasHighByte(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return true;
  return false;
}

function fnv1a(h: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

function describe(work: CodecWork): WorkStats {
  let h = 0x811c9dc5;
  let lineBytes = 0;
  let nonAscii = 0;
  for (const l of work.lines) {
    h = fnv1a(h, l);
    lineBytes += l.length;
    if (hasHighByte(l)) nonAscii++;
  }
  h = fnv1a(h, work.bulk);
  return {
    lines: work.lines.length,
    windows: Math.ceil(work.lines.length / WINDOW_LINES),
    nonAsciiLines: nonAscii,
    lineBytes,
    bulkBytes: work.bulk.length,
    checksum: h.toString(16).padStart(8, '0'),
  };
}

/** Decodes every window, one line at a time as the row view does; returns a sink so nothing is elided. */
function decodeWindows(lines: Uint8Array[], impl: DecoderImpl): number {
  let sink = 0;
  for (let w = 0; w < lines.length; w += WINDOW_LINES) {
    const end = Math.min(lines.length, w + WINDOW_LINES);
    for (let i = w; i < end; i++) sink += decodeWith(lines[i], impl).length;
  }
  return sink;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timeWindows(lines: Uint8Array[], opts: Required<CompareOptions>): Record<DecoderImpl, Timing> {
  const bytes = lines.reduce((n, l) => n + l.length, 0);
  const ns: Record<DecoderImpl, number[]> = { 'iconv-lite': [], 'text-decoder': [] };
  const passes: Record<DecoderImpl, number[]> = { 'iconv-lite': [], 'text-decoder': [] };
  let sink = 0;
  // Warm-up: let both codecs reach their optimised code (and iconv-lite build its tables) untimed.
  for (const impl of IMPLS) for (let i = 0; i < 3; i++) sink += decodeWindows(lines, impl);
  for (let r = 0; r < opts.rounds; r++) {
    const order = r % 2 === 0 ? IMPLS : [...IMPLS].reverse();
    for (const impl of order) {
      let n = 0;
      const t0 = performance.now();
      let t = t0;
      do {
        sink += decodeWindows(lines, impl);
        n++;
        t = performance.now();
      } while (t - t0 < opts.minMsPerRound);
      ns[impl].push(((t - t0) * 1e6) / (n * lines.length));
      passes[impl].push(n);
    }
  }
  if (sink < 0) throw new Error('unreachable: keeps the decoded strings observable');
  const out = {} as Record<DecoderImpl, Timing>;
  for (const impl of IMPLS) {
    const nsPerLine = median(ns[impl]);
    out[impl] = {
      nsPerLine: round(nsPerLine, 1),
      usPerWindow: round((nsPerLine * WINDOW_LINES) / 1000, 2),
      linesPerSec: Math.round(1e9 / nsPerLine),
      MBps: round(bytes / lines.length / MiB / (nsPerLine / 1e9), 1),
      bestNsPerLine: round(Math.min(...ns[impl]), 1),
      rounds: opts.rounds,
      passesPerRound: passes[impl],
    };
  }
  return out;
}

function timeBulk(bulk: Uint8Array, runs: number): Record<DecoderImpl, BulkTiming> {
  const ms: Record<DecoderImpl, number[]> = { 'iconv-lite': [], 'text-decoder': [] };
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    for (const impl of r % 2 === 0 ? IMPLS : [...IMPLS].reverse()) {
      const t0 = performance.now();
      sink += decodeWith(bulk, impl).length;
      ms[impl].push(performance.now() - t0);
    }
  }
  if (sink < 0) throw new Error('unreachable: keeps the decoded strings observable');
  const out = {} as Record<DecoderImpl, BulkTiming>;
  for (const impl of IMPLS) {
    const best = Math.min(...ms[impl]);
    out[impl] = {
      bestMs: round(best, 1),
      runsMs: ms[impl].map((x) => round(x, 1)),
      MBps: round(bulk.length / MiB / (best / 1000), 1),
    };
  }
  return out;
}

function hex(b: Uint8Array): string {
  return Array.from(b.subarray(0, 64), (x) => x.toString(16).padStart(2, '0')).join(' ');
}

function checkAgreement(work: CodecWork): CodecReport['agreement'] {
  const examples: Disagreement[] = [];
  let bad = 0;
  work.lines.forEach((l, i) => {
    const a = decodeWith(l, 'iconv-lite');
    const b = decodeWith(l, 'text-decoder');
    if (a === b) return;
    bad++;
    if (examples.length < 5)
      examples.push({ where: `line ${i}`, bytesHex: hex(l), iconvLite: a, textDecoder: b });
  });
  const a = decodeWith(work.bulk, 'iconv-lite');
  const b = decodeWith(work.bulk, 'text-decoder');
  const bulkEqual = a === b;
  if (!bulkEqual && examples.length < 6) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    examples.push({
      where: `bulk, first difference at character ${i} (lengths ${a.length} / ${b.length})`,
      bytesHex: '',
      iconvLite: a.slice(Math.max(0, i - 20), i + 20),
      textDecoder: b.slice(Math.max(0, i - 20), i + 20),
    });
  }
  return { linesCompared: work.lines.length, lineDisagreements: bad, bulkEqual, examples };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function fasterOf(t: Record<DecoderImpl, { nsPerLine?: number; bestMs?: number }>): DecoderImpl {
  const cost = (impl: DecoderImpl) => t[impl].nsPerLine ?? t[impl].bestMs ?? Infinity;
  return cost('iconv-lite') <= cost('text-decoder') ? 'iconv-lite' : 'text-decoder';
}

export function compareCodecs(work: CodecWork, options: CompareOptions = {}): CodecReport {
  const opts: Required<CompareOptions> = { rounds: 7, minMsPerRound: 300, bulkRuns: 3, ...options };
  const nonAscii = work.lines.filter(hasHighByte);
  const agreement = checkAgreement(work);
  const windows = timeWindows(work.lines, opts);
  const nonAsciiWindows = nonAscii.length > 0 ? timeWindows(nonAscii, opts) : undefined;
  const bulk16MB = timeBulk(work.bulk, opts.bulkRuns);
  return {
    work: describe(work),
    windows,
    nonAsciiWindows,
    bulk16MB,
    agreement,
    faster: {
      windows: fasterOf(windows),
      nonAsciiWindows: nonAsciiWindows && fasterOf(nonAsciiWindows),
      bulk16MB: fasterOf(bulk16MB),
    },
  };
}
