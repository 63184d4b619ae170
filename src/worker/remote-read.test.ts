import { describe, expect, it } from 'vitest';
import { fileOf } from '../ingest/test-support/build';
import type { FromReader, ToReader } from './protocol';
import { remoteReader, serveReads } from './remote-read';

/** The real reader logic behind asynchronous message passing, as in a worker. */
class FakeReadWorker {
  onmessage: ((e: MessageEvent<FromReader>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  private readonly serve = serveReads((msg) =>
    setTimeout(() => this.onmessage?.({ data: msg } as MessageEvent<FromReader>), 0),
  );
  postMessage(msg: ToReader): void {
    setTimeout(() => this.serve({ data: msg } as MessageEvent<ToReader>), 0);
  }
}

describe('remoteReader', () => {
  it('reads the slices asked for, several at once, each with its own bytes', async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    const source = remoteReader(() => new FakeReadWorker() as unknown as Worker)(fileOf('a.log', bytes));
    expect([source.name, source.size]).toEqual(['a.log', 1000]);
    const slices = await Promise.all([source.read(0, 10), source.read(990, 1000), source.read(500, 500)]);
    expect(slices).toEqual([bytes.slice(0, 10), bytes.slice(990, 1000), new Uint8Array(0)]);
  });

  it('rejects a read the worker could not do, with its message', async () => {
    const worker = {
      postMessage: (msg: ToReader) =>
        setTimeout(
          () =>
            worker.onmessage?.({
              data: { type: 'error', id: msg.id, message: 'file gone' },
            } as MessageEvent<FromReader>),
          0,
        ),
      onmessage: null as ((e: MessageEvent<FromReader>) => void) | null,
      onerror: null,
    };
    const source = remoteReader(() => worker as unknown as Worker)(fileOf('a.log', new Uint8Array(4)));
    await expect(source.read(0, 4)).rejects.toThrow('file gone');
  });
});
