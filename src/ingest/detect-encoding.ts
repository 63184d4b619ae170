import type { Encoding, EncodingSource } from '../model/file-info';
import type { FileProblem } from '../model/file-problems';

export type Detection =
  | { type: 'decided'; encoding: Encoding; source: EncodingSource }
  /** Only ASCII so far: both encodings read it the same; look at the next slice. */
  | { type: 'undecided' }
  | { type: 'unsupported'; problem: FileProblem };

/** How far into a file we look for NUL bytes: logs are text, a NUL early on means another format. */
export const BINARY_PROBE = 64 * 1024;

/** The problem with a file that starts like this, if any; `start` is the slice's file offset. */
export function findBinary(chunk: Uint8Array, start: number): FileProblem | undefined {
  if (start >= BINARY_PROBE) return undefined;
  const nul = chunk.subarray(0, BINARY_PROBE - start).indexOf(0);
  if (nul < 0) return undefined;
  return { code: 'binary', offset: start + nul };
}

/** Looks at the first bytes of a file (at least 3, or all of a shorter file) for a byte-order mark. */
export function detectBom(b: Uint8Array): Detection {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { type: 'decided', encoding: 'utf-8', source: 'bom' };
  }
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    return { type: 'unsupported', problem: { code: 'utf-16' } };
  }
  return { type: 'undecided' };
}

/**
 * Decides UTF-8 vs CP932 from the first non-ASCII bytes: CP932 text is almost never valid UTF-8
 * (its lead bytes 0x81–0x9F are UTF-8 continuation bytes), while UTF-8 Japanese always is.
 * `atEnd` says whether a multi-byte sequence cut at `end` is a truncation (end of file) or just
 * the slice boundary.
 */
export function detectEncoding(b: Uint8Array, start: number, end: number, atEnd: boolean): Detection {
  let i = start;
  let sawMultiByte = false;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return { type: 'decided', encoding: 'shift_jis', source: 'detected' };
    if (i + need >= end) {
      // A sequence cut by the slice: decide on what we have, or wait for more bytes.
      for (let k = i + 1; k < end; k++) {
        if ((b[k] & 0xc0) !== 0x80) return { type: 'decided', encoding: 'shift_jis', source: 'detected' };
      }
      if (sawMultiByte || atEnd) break;
      return { type: 'undecided' };
    }
    for (let k = 1; k <= need; k++) {
      if ((b[i + k] & 0xc0) !== 0x80) return { type: 'decided', encoding: 'shift_jis', source: 'detected' };
    }
    sawMultiByte = true;
    i += need + 1;
  }
  if (sawMultiByte) return { type: 'decided', encoding: 'utf-8', source: 'detected' };
  return { type: 'undecided' };
}
