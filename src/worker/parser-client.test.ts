import { describe, expect, it } from 'vitest';
import { bytesSource, indexBatches } from '../ingest/index-files';
import { build, crlf, fileOf, sjis } from '../ingest/test-support/build';
import { unpack } from '../ingest/test-support/columns';
import { VENDOR_SAMPLE } from '../ingest/test-support/vendor-sample';
import { createParseHandler } from './parse-handler';
import { parseInWorkers } from './parser-client';
import type { ParsedBatch } from '../ingest/parsed-batch';
import { NO_TIME } from '../model/units';
import type { FromParser, ToParser } from './protocol';

/**
 * A stand-in for the parse worker: the real handler behind asynchronous message passing, so the
 * client's flow control (slices in flight, acknowledgements, file sequence numbers) is exercised.
 */
class FakeParseWorker {
  onmessage: ((e: MessageEvent<FromParser>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  maxInFlight = 0;
  private inFlight = 0;
  private readonly handle = createParseHandler((msg) => {
    this.inFlight--;
    setTimeout(() => this.onmessage?.({ data: msg } as MessageEvent<FromParser>), 0);
  });

  postMessage(msg: ToParser): void {
    if (msg.type === 'chunk') this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    // Copy what would be transferred, as structured clone would.
    const copy = msg.type === 'chunk' ? { ...msg, chunk: msg.chunk.slice() } : msg;
    setTimeout(() => this.handle(copy), 0);
  }
}

describe('parseInWorkers (the engine side of the parse workers)', () => {
  it('indexes several files through the worker exactly as in one thread, with few slices in flight', async () => {
    const files = [
      fileOf('smtp.log', sjis(crlf(VENDOR_SAMPLE))),
      fileOf('binary.bin', new Uint8Array([0, 1, 2, 3])),
      fileOf('more.log', sjis(crlf(VENDOR_SAMPLE.slice(3)))),
    ];
    const worker = new FakeParseWorker();
    const parse = parseInWorkers(() => worker as unknown as Worker);
    const errors: string[] = [];
    const viaWorker = await indexBatches(
      await Promise.all(files.map(async (f) => bytesSource(f.name, new Uint8Array(await f.arrayBuffer())))),
      (_src, i) => parse(files[i], 16),
      { onFileError: (_i, e) => errors.push(`${e.fileName}: ${e.problem.code}`) },
    );
    const direct = await build(
      await Promise.all(
        files.map(async (f) => [f.name, new Uint8Array(await f.arrayBuffer())] as [string, Uint8Array]),
      ),
      { sliceSize: 16 },
    );
    expect(errors).toEqual(['binary.bin: binary']);
    expect(viaWorker.files.map((f) => [f.name, f.lines])).toEqual([
      ['smtp.log', 15],
      ['more.log', 12],
    ]);
    expect(Array.from(viaWorker.rows.kind)).toEqual(Array.from(direct.index.rows.kind));
    expect(unpack(viaWorker.rows.session)).toEqual(unpack(direct.index.rows.session));
    expect(viaWorker.timeline).toEqual(direct.index.timeline);
    expect(worker.maxInFlight).toBeLessThanOrEqual(3);
  });
});

/**
 * A parse worker that answers each slice with a one-row batch after `delayMs`: enough to watch
 * which worker gets which file and when workers end, without parsing (the real scanner is one
 * per thread, so two fakes in this thread could not both parse).
 */
class SchedulingWorker {
  static all: SchedulingWorker[] = [];
  /** Column buffers that came with slices, from every worker. */
  static handed = new Set<ArrayBuffer>();
  onmessage: ((e: MessageEvent<FromParser>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly files: string[] = [];
  terminated = false;
  /** Set while a file's last slice has not been answered: a second file must not begin meanwhile. */
  private open = false;
  overlapped = false;
  private received = 0;

  constructor(private readonly delayMs: number) {
    SchedulingWorker.all.push(this);
  }

  postMessage(msg: ToParser): void {
    if (this.terminated) throw new Error('a message to an ended worker');
    if (msg.type === 'begin') {
      if (this.open) this.overlapped = true;
      this.open = true;
      this.received = 0;
      this.files.push(msg.fileName);
    }
    if (msg.type !== 'chunk') return;
    if (msg.columns) SchedulingWorker.handed.add(msg.columns);
    const chunkStart = this.received;
    this.received += msg.chunk.length;
    const batch: ParsedBatch = {
      chunkStart,
      chunk: msg.chunk,
      // One unparsed row a slice: rows must come for the second parser to start.
      count: 1,
      offset: Uint32Array.of(chunkStart),
      time: Uint32Array.of(NO_TIME),
      tag: new Uint8Array(1),
      kind: new Uint8Array(1),
      detail: new Uint16Array(1),
      session: Int32Array.of(-1),
      newTags: [],
      facts: {
        encoding: 'shift_jis',
        encodingSource: 'default',
        kind: 'service',
        sawNoThread: false,
        sawThread: false,
        sawJob: false,
        level: null,
        levels: [],
        impossibleDates: { count: 0, firstLine: -1 },
        sessionStarters: 0,
        crOnly: false,
      },
    };
    setTimeout(() => {
      if (msg.atEnd) this.open = false;
      this.onmessage?.({ data: { type: 'batch', seq: msg.seq, batch } } as MessageEvent<FromParser>);
    }, this.delayMs);
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('parseInWorkers with two parsers', () => {
  it('gives each file to a free parser, one file at a time, and ends each parser once no file is left for it', async () => {
    SchedulingWorker.all = [];
    // The small files are one slice each: their batches wait within the budget of batches ahead.
    const sizes = [400, 16, 16, 16, 16];
    const files = sizes.map((n, i) => fileOf(`f${i}.log`, new Uint8Array(n).fill(0x41)));
    // The first parser is slow: the others' files go to the second one meanwhile.
    const parse = parseInWorkers(
      () => new SchedulingWorker(SchedulingWorker.all.length === 0 ? 5 : 0) as unknown as Worker,
      2,
    );
    const index = await indexBatches(
      files.map((f, i) => bytesSource(f.name, new Uint8Array(sizes[i]))),
      (_src, i) => parse(files[i], 16),
      { parallel: parse.parallel, onAllStarted: () => parse.release?.() },
    );
    expect(index.files.map((f) => f.name)).toEqual(['f0.log', 'f1.log', 'f2.log', 'f3.log', 'f4.log']);
    const [slow, second] = SchedulingWorker.all;
    expect(slow.files).toEqual(['f0.log']);
    expect(second.files).toEqual(['f1.log', 'f2.log', 'f3.log', 'f4.log']);
    expect(SchedulingWorker.all.every((w) => !w.overlapped && w.terminated)).toBe(true);
  });

  it('hands applied column buffers to the next slices, and frees the rest once no slice is left', async () => {
    SchedulingWorker.all = [];
    SchedulingWorker.handed.clear();
    const sizes = [200, 100, 100];
    const files = sizes.map((n, i) => fileOf(`f${i}.log`, new Uint8Array(n).fill(0x41)));
    const parse = parseInWorkers(() => new SchedulingWorker(0) as unknown as Worker, 2);
    const applied: ArrayBuffer[] = [];
    await indexBatches(
      files.map((f, i) => bytesSource(f.name, new Uint8Array(sizes[i]))),
      (_src, i) => parse(files[i], 16),
      {
        parallel: parse.parallel,
        onAllStarted: () => parse.release?.(),
        onApplied: (b) => {
          applied.push(b.offset.buffer as ArrayBuffer);
          parse.applied?.(b);
        },
      },
    );
    expect(applied.length).toBe(sizes.reduce((n, s) => n + Math.ceil(s / 16), 0));
    const handed = applied.filter((b) => SchedulingWorker.handed.has(b));
    expect(handed.length).toBeGreaterThan(0);
    // Each one went on with a slice or was freed (detached): none is left over in a pool.
    expect(applied.every((b) => SchedulingWorker.handed.has(b) || b.byteLength === 0)).toBe(true);
  });
});
