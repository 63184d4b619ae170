/**
 * Gives an ArrayBuffer's memory back now instead of at some later garbage collection. A load
 * churns through hundreds of MB of batch buffers, and collection lags behind them, which shows as
 * the load's peak memory. Only for buffers nothing else will read.
 *
 * `transfer(0)` alone frees at once only a buffer made in this thread: in Chromium one that came
 * in a message keeps its memory in Blink's wrapper until the next full collection. Transferring it into a message to a
 * port whose partner is closed takes the memory out of the wrapper, and the message is dropped.
 * Where that does not detach it, `transfer(0)`, then a transferring structuredClone (Node 20 has
 * no `transfer`), at least detach it.
 */
export function freeNow(buffer: ArrayBufferLike): void {
  const b = buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  // Pages without cross-origin isolation have no SharedArrayBuffer at all.
  if (b.byteLength === 0 || (typeof SharedArrayBuffer !== 'undefined' && b instanceof SharedArrayBuffer))
    return;
  const port = sinkPort();
  if (port) {
    try {
      port.postMessage(null, [b]);
    } catch {
      // Not transferable this way: detached below.
    }
    if (b.byteLength === 0) return;
  }
  if (typeof b.transfer === 'function') b.transfer(0);
  else structuredClone(b, { transfer: [b] });
}

let sink: MessagePort | undefined;

/** A port whose partner is closed: what is posted to it goes nowhere. */
function sinkPort(): MessagePort | undefined {
  if (!sink && typeof MessageChannel !== 'undefined') {
    const channel = new MessageChannel();
    channel.port2.close();
    sink = channel.port1;
  }
  return sink;
}
