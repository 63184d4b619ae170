/** Byte-range helpers that pull the interesting argument out of a command or connect line. */

export interface Range {
  start: number;
  end: number;
}

const SPACE = 0x20;

export function skipSpaces(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] === SPACE) i++;
  return i;
}

/** The first space-delimited token at or after `i`, optionally without surrounding quotes. */
export function firstToken(b: Uint8Array, i: number, end: number, out: Range): boolean {
  i = skipSpaces(b, i, end);
  let j = i;
  while (j < end && b[j] !== SPACE) j++;
  if (j - i >= 2 && b[i] === 0x22 && b[j - 1] === 0x22) {
    i++;
    j--;
  }
  out.start = i;
  out.end = j;
  return j > i;
}

/**
 * `NAME(IP)` from `Connect from NAME(IP)` (log-format.md): NAME is the resolved host name, or the
 * IP again when reverse lookup gave none. Without parentheses the whole argument is the host.
 */
export function connectPeer(b: Uint8Array, i: number, end: number, host: Range, ip: Range): void {
  i = skipSpaces(b, i, end);
  let close = end;
  while (close > i && b[close - 1] === SPACE) close--;
  let open = -1;
  if (close > i && b[close - 1] === 0x29) {
    for (let k = close - 2; k >= i; k--) {
      if (b[k] === 0x28) {
        open = k;
        break;
      }
    }
  }
  if (open < 0) {
    host.start = i;
    host.end = close;
    ip.start = ip.end = 0;
    return;
  }
  host.start = i;
  host.end = open;
  ip.start = open + 1;
  ip.end = close - 1;
}

/** The address of `FROM:<a@b> …` / `TO:<a@b>`: inside angle brackets if present, else the token. */
export function pathAddress(b: Uint8Array, i: number, end: number, out: Range): boolean {
  while (i < end && b[i] !== 0x3a) i++;
  if (i === end) return false;
  i = skipSpaces(b, i + 1, end);
  if (i < end && b[i] === 0x3c) {
    let j = i + 1;
    while (j < end && b[j] !== 0x3e) j++;
    out.start = i + 1;
    out.end = j;
    return true;
  }
  return firstToken(b, i, end, out);
}

/** Case-insensitive ASCII search, for words like "relay" inside a reply's text. */
export function containsAsciiIgnoreCase(b: Uint8Array, start: number, end: number, lower: string): boolean {
  const n = lower.length;
  outer: for (let i = start; i + n <= end; i++) {
    for (let k = 0; k < n; k++) if ((b[i + k] | 0x20) !== lower.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}
