import type { Encoding } from '../model/file-info';

/**
 * Decodes the few lines we ever decode (shown rows, the strings kept per session) with the
 * platform's TextDecoder: faster than iconv-lite on that work in Chromium and in Node
 * (`npm run bench:codec`), and no codec tables in the engine's bundle. Node's decoder gives U+FFFD
 * for the lone byte 0x80 where Chromium gives U+0080 (log-format.md, "Encoding").
 */
const textDecoders: Partial<Record<Encoding, TextDecoder>> = {};

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
}

function latin1(b: Uint8Array): string {
  // Chunked so a 100 MB line cannot overflow the argument limit of fromCharCode.
  let s = '';
  for (let i = 0; i < b.length; i += 8192) {
    s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  }
  return s;
}

/** Decodes a row's bytes as its file's encoding (the user's choice included): what the row views take. */
export function decoderOf(source: {
  files: ReadonlyArray<{ encoding: Encoding }>;
}): (b: Uint8Array, f: number) => string {
  return (b, f) => decodeBytes(b, source.files[f].encoding);
}

export function decodeBytes(b: Uint8Array, encoding: Encoding): string {
  // Both encodings are ASCII-compatible and log envelopes are ASCII: skip the codec entirely.
  if (isAscii(b)) return latin1(b);
  const d = (textDecoders[encoding] ??= new TextDecoder(encoding));
  return d.decode(b);
}
