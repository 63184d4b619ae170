// The file's strings (hosts, addresses, HELO names, user names), interned as bytes: a host seen
// on a million lines is stored once. Ids are local to the file; the index builder maps them to its
// own table, decoding each string once.

import { allocate, equalBytes, grow, hashBytes } from './bytes';

let pool: usize = 0;
let poolCap: usize = 0;
let poolUsed: usize = 0;
/** starts[id] .. starts[id + 1] in the pool. */
let starts: usize = 0;
let count: i32 = 0;
let startsCap: i32 = 0;
/** Slot → id + 1 (0 = empty), open addressing. */
let slots: usize = 0;
let slotCap: i32 = 0;

/** Forgets every string (the heap itself is reset by the caller). */
export function resetStrings(): void {
  pool = poolCap = poolUsed = starts = slots = 0;
  count = startsCap = slotCap = 0;
}

export function stringCount(): i32 {
  return count;
}
export function stringPool(): usize {
  return pool;
}
export function stringStarts(): usize {
  return starts;
}

/** The id of the bytes [p, end), added if new. */
export function intern(p: usize, end: usize): i32 {
  if (slotCap == 0) init();
  const len = <i32>(end - p);
  const mask = slotCap - 1;
  let slot = <i32>hashBytes(p, len) & mask;
  while (true) {
    const v = load<i32>(slots + (<usize>slot << 2));
    if (v == 0) break;
    const id = v - 1;
    const s = load<u32>(starts + (<usize>id << 2));
    if (<i32>(load<u32>(starts + (<usize>(id + 1) << 2)) - s) == len && equalBytes(pool + s, p, len)) return id;
    slot = (slot + 1) & mask;
  }
  const id = add(p, len);
  store<i32>(slots + (<usize>slot << 2), id + 1);
  if (count * 2 > slotCap) rehash();
  return id;
}

function init(): void {
  poolCap = 1 << 16;
  pool = allocate(poolCap);
  startsCap = 1 << 12;
  starts = allocate(<usize>startsCap << 2);
  store<u32>(starts, 0);
  slotCap = 1 << 12;
  slots = allocate(<usize>slotCap << 2);
  memory.fill(slots, 0, <usize>slotCap << 2);
}

function add(p: usize, len: i32): i32 {
  if (poolUsed + <usize>len > poolCap) {
    const cap = max(poolCap * 2, poolUsed + <usize>len);
    pool = grow(pool, poolUsed, cap);
    poolCap = cap;
  }
  if (count + 2 > startsCap) {
    starts = grow(starts, <usize>(count + 1) << 2, <usize>startsCap << 3);
    startsCap *= 2;
  }
  memory.copy(pool + poolUsed, p, len);
  poolUsed += <usize>len;
  const id = count++;
  store<u32>(starts + (<usize>count << 2), <u32>poolUsed);
  return id;
}

function rehash(): void {
  slotCap *= 2;
  slots = allocate(<usize>slotCap << 2);
  memory.fill(slots, 0, <usize>slotCap << 2);
  const mask = slotCap - 1;
  for (let id = 0; id < count; id++) {
    const s = load<u32>(starts + (<usize>id << 2));
    const len = <i32>(load<u32>(starts + (<usize>(id + 1) << 2)) - s);
    let slot = <i32>hashBytes(pool + s, len) & mask;
    while (load<i32>(slots + (<usize>slot << 2)) != 0) slot = (slot + 1) & mask;
    store<i32>(slots + (<usize>slot << 2), id + 1);
  }
}
