/// <reference lib="webworker" />
import { Engine } from './engine';
import type { FromWorker, ToWorker } from './protocol';

// A thin shell: all logic lives in Engine, which tests drive without a worker.
const engine = new Engine((msg: FromWorker) => self.postMessage(msg));
self.onmessage = (e: MessageEvent<ToWorker>) => {
  void engine.handle(e.data);
};
