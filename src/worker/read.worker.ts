/// <reference lib="webworker" />
import { serveReads } from './remote-read';

// A thin shell: the logic is in remote-read.ts.
self.onmessage = serveReads((msg, transfer) => self.postMessage(msg, transfer));
