/**
 * Reference lines for the browser benchmark, run in a fresh dedicated worker (from a Blob URL) in
 * the app's page, on the same `File` objects the app indexed: what reading alone costs, what a bare
 * newline scan costs, and what a full `TextDecoder('shift_jis')` decode costs.
 *
 * Every measure includes reading the slices (`File.slice().arrayBuffer()`), as the app's indexer
 * does; like the indexer (src/ingest/index-files.ts) the next slice is requested before the current
 * one is processed, so reading overlaps the work and neither side is favoured.
 *
 * Plain JavaScript in a string, not a TypeScript function turned into a string: tsx (esbuild
 * `keepNames`) would wrap inner functions in a `__name` helper that does not exist in the worker.
 */

export interface ReferenceRequest {
  files: File[];
  sliceBytes: number;
}

export interface ReferenceResult {
  bytes: number;
  readOnlyMs: number;
  newlineScanMs: number;
  newlines: number;
  textDecoderMs: number;
  decodedChars: number;
}

export const REFERENCE_WORKER_JS = String.raw`
async function eachSlice(files, sliceBytes, onFile, onSlice) {
  for (const f of files) {
    onFile(f);
    let pos = 0;
    let pending = f.size > 0 ? f.slice(0, Math.min(sliceBytes, f.size)).arrayBuffer() : null;
    while (pending) {
      const buf = await pending;
      const next = pos + buf.byteLength;
      if (buf.byteLength === 0) throw new Error(f.name + ' ended early');
      pending = next < f.size ? f.slice(next, Math.min(next + sliceBytes, f.size)).arrayBuffer() : null;
      onSlice(new Uint8Array(buf), next >= f.size);
      pos = next;
    }
  }
}

self.onmessage = async (e) => {
  try {
    const { files, sliceBytes } = e.data;
    const bytes = files.reduce((n, f) => n + f.size, 0);

    let t = performance.now();
    let touched = 0;
    await eachSlice(files, sliceBytes, () => {}, (b) => { touched += b.length; });
    const readOnlyMs = performance.now() - t;
    if (touched !== bytes) throw new Error('read ' + touched + ' of ' + bytes + ' bytes');

    t = performance.now();
    let newlines = 0;
    await eachSlice(files, sliceBytes, () => {}, (b) => {
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) newlines++;
    });
    const newlineScanMs = performance.now() - t;

    t = performance.now();
    let decoder = null;
    let decodedChars = 0;
    await eachSlice(
      files,
      sliceBytes,
      () => { decoder = new TextDecoder('shift_jis'); },
      (b, last) => { decodedChars += decoder.decode(b, { stream: !last }).length; },
    );
    const textDecoderMs = performance.now() - t;

    self.postMessage({ ok: true, result: { bytes, readOnlyMs, newlineScanMs, newlines, textDecoderMs, decodedChars } });
  } catch (err) {
    self.postMessage({ ok: false, message: String(err && err.stack || err) });
  }
};
`;
