import iconv from 'iconv-lite';
import type { Encoding } from '../model/file-info';

/**
 * Text codecs for the few lines we ever decode (shown rows, exports, searches bytes cannot answer).
 * Two implementations are kept because the spec asks us to use the faster where they agree:
 * `bench/codec-bench.ts` measures both on the same work (windows of short log lines) and
 * DEFAULT_DECODER records the winner. They disagree on one byte: WHATWG `shift_jis` in Node decodes
 * 0x80 as U+FFFD where Chromium and iconv-lite give U+0080 (log-format.md, "Encoding").
 */
export type DecoderImpl = 'iconv-lite' | 'text-decoder';

/**
 * Measured with `npm run bench:codec` (bench/README.md) on windows of 100 short Shift_JIS lines:
 * TextDecoder 254 ns/line vs iconv-lite 404 ns/line in Chromium 156 (on Japanese lines 554 vs
 * 1921 ns), and the same order in Node; the two agreed on all 20,000 lines. iconv-lite stays the
 * encoder (TextEncoder only writes UTF-8) and the reference the tests compare against.
 */
export const DEFAULT_DECODER: DecoderImpl = 'text-decoder';

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

export function decodeBytes(b: Uint8Array, encoding: Encoding, impl: DecoderImpl = DEFAULT_DECODER): string {
  // Both encodings are ASCII-compatible and log envelopes are ASCII: skip the codec entirely.
  if (isAscii(b)) return latin1(b);
  if (impl === 'text-decoder') {
    const d = (textDecoders[encoding] ??= new TextDecoder(encoding));
    return d.decode(b);
  }
  return iconv.decode(b as Buffer, encoding === 'utf-8' ? 'utf8' : 'cp932');
}

/** Encodes a user's search term to the bytes it has in a file of the given encoding. */
export function encodeText(s: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(s);
  return new Uint8Array(iconv.encode(s, 'cp932'));
}
