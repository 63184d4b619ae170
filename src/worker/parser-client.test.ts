import { describe, expect, it } from 'vitest';
import { bytesSource, indexBatches } from '../ingest/index-files';
import { build, crlf, fileOf, sjis } from '../ingest/test-support/build';
import { VENDOR_SAMPLE } from '../ingest/test-support/vendor-sample';
import { createParseHandler } from './parse-handler';
import { parseInWorkers } from './parser-client';
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
      { onFileError: (_i, e) => errors.push(`${e.fileName}: ${e.message}`) },
    );
    const direct = await build(
      await Promise.all(
        files.map(async (f) => [f.name, new Uint8Array(await f.arrayBuffer())] as [string, Uint8Array]),
      ),
      { sliceSize: 16 },
    );
    expect(errors).toEqual([expect.stringMatching(/^binary\.bin: binary data/)]);
    expect(viaWorker.files.map((f) => [f.name, f.lines])).toEqual([
      ['smtp.log', 15],
      ['more.log', 12],
    ]);
    expect(Array.from(viaWorker.rows.kind)).toEqual(Array.from(direct.index.rows.kind));
    expect(Array.from(viaWorker.rows.session)).toEqual(Array.from(direct.index.rows.session));
    expect(viaWorker.timeline).toEqual(direct.index.timeline);
    expect(worker.maxInFlight).toBeLessThanOrEqual(3);
  });
});
