/// <reference lib="webworker" />
import { Engine } from './engine';
import { parseInWorkers } from './parser-client';
import { remoteReader } from './remote-read';
import type { FromWorker, ToWorker } from './protocol';
import { PARSERS } from '../ingest/flow-control';

// A thin shell: all logic lives in Engine, which tests drive without a worker. Parsing runs in a
// nested worker so that it and indexing each get a core.
const engine = new Engine(
  (msg: FromWorker, transfer?: Transferable[]) => self.postMessage(msg, { transfer }),
  parseInWorkers(
    () => new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'pmail-parser' }),
    PARSERS,
    remoteReader(
      () =>
        new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module', name: 'pmail-reader' }),
    ),
  ),
);
self.onmessage = (e: MessageEvent<ToWorker>) => {
  void engine.handle(e.data);
};
