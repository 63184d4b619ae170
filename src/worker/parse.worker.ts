/// <reference lib="webworker" />
import { prepareScanner } from '../ingest/line-scanner';
import { createParseHandler } from './parse-handler';
import type { ToParser } from './protocol';

// A thin shell: the logic is in parse-handler.ts, which tests drive without a worker.
const handle = createParseHandler((msg, transfer) => self.postMessage(msg, transfer));
self.onmessage = (e: MessageEvent<ToParser>) => handle(e.data);
// The worker boots with the page: have the WebAssembly module ready before the first drop.
prepareScanner();
