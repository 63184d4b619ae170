/**
 * Gives an ArrayBuffer's memory back now instead of at some later garbage collection: detaching it
 * with `transfer(0)` drops its store at once. A load churns through hundreds of MB of batch
 * buffers, and collection lags behind them, which shows as the load's peak memory. Only for
 * buffers nothing else will read. Where `transfer` is missing (Node 20) the buffer is still
 * detached, by a transferring structuredClone, and its store goes with the next collection.
 */
export function freeNow(buffer: ArrayBufferLike): void {
  const b = buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer; detached?: boolean };
  // Pages without cross-origin isolation have no SharedArrayBuffer at all.
  if (b.byteLength === 0 || (typeof SharedArrayBuffer !== 'undefined' && b instanceof SharedArrayBuffer))
    return;
  if (typeof b.transfer === 'function') b.transfer(0);
  else structuredClone(b, { transfer: [b] });
}
