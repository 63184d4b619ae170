// Byte helpers shared by the scanner's modules. `at` reads one byte of linear memory.

@inline
export function at(p: usize): i32 {
  return <i32>load<u8>(p);
}
@inline
export function isDigit(c: i32): bool {
  return <u32>(c - 0x30) <= 9;
}
@inline
export function isUpper(c: i32): bool {
  return <u32>(c - 0x41) <= 25;
}
@inline
export function isLetter(c: i32): bool {
  return <u32>((c | 0x20) - 0x61) <= 25;
}
@inline
export function isTagChar(c: i32): bool {
  return isLetter(c) || isDigit(c) || c == 0x2e;
}

/** Whether [p, end) starts with the `len` (≤ 4) ASCII bytes packed little-endian in `word`. */
@inline
export function startsWith4(p: usize, end: usize, word: u32, len: i32): bool {
  if (p + <usize>len > end) return false;
  for (let i = 0; i < len; i++) if (at(p + <usize>i) != <i32>((word >> (<u32>i * 8)) & 0xff)) return false;
  return true;
}

export function startsWithBytes(p: usize, end: usize, q: usize, len: i32): bool {
  if (p + <usize>len > end) return false;
  for (let i = 0; i < len; i++) if (at(p + <usize>i) != at(q + <usize>i)) return false;
  return true;
}

export function indexOfBytes(p: usize, end: usize, q: usize, len: i32): isize {
  const first = at(q);
  for (let i = p; i + <usize>len <= end; i++) {
    if (at(i) == first && startsWithBytes(i, end, q, len)) return <isize>i;
  }
  return -1;
}

/**
 * Whether [p, p + len) and [q, q + len) hold the same bytes, eight at a time (wasm loads need no
 * alignment). `memory.compare` goes eight at a time only when both sides share their alignment,
 * which interned strings and the input rarely do: byte by byte, the string table's compare was a
 * good part of its time.
 */
export function equalBytes(p: usize, q: usize, len: i32): bool {
  const n = <usize>len;
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) if (load<u64>(p + i) != load<u64>(q + i)) return false;
  for (; i < n; i++) if (load<u8>(p + i) != load<u8>(q + i)) return false;
  return true;
}

/** FNV-1a, the hash the string and verb tables use. */
export function fnv1a(p: usize, len: i32, caseMask: i32): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i = 0; i < len; i++) h = (h ^ <u32>(at(p + <usize>i) & caseMask)) * 0x01000193;
  return h;
}

/** A hash of [p, p + len) that reads four bytes at a time: the string table hashes every argument it sees. */
export function hashBytes(p: usize, len: i32): u32 {
  let h: u32 = <u32>len * 0x9e3779b1;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    h = (h ^ load<u32>(p + <usize>i)) * 0x85ebca6b;
    h ^= h >> 13;
  }
  for (; i < len; i++) h = (h ^ <u32>at(p + <usize>i)) * 0x01000193;
  return h ^ (h >> 16);
}

/** A block of `bytes` from the never-freeing stub heap. */
export function allocate(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Grows a block to `bytes`, keeping its first `keep` bytes; the old block is abandoned. */
export function grow(p: usize, keep: usize, bytes: usize): usize {
  const q = heap.alloc(bytes);
  if (keep > 0) memory.copy(q, p, keep);
  return q;
}
