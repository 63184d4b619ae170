import { COMMAND_VERBS } from '../model/command-verbs';
import { LINE_SCAN_WASM } from './line-scan-wasm';

/** What assembly/line-scan.ts exports. */
interface ScanExports {
  memory: WebAssembly.Memory;
  scan(
    input: number,
    len: number,
    from: number,
    noNewlineTo: number,
    atEnd: number,
    base: number,
    out: number,
    cap: number,
    first: number,
  ): number;
  stoppedAt(): number;
  facts(): number;
  lastLevel(): number;
  tagsKnown(): number;
  tagAt(id: number): number;
  tagLength(id: number): number;
  heapBase(): number;
  addVerb(p: number, len: number, index: number): void;
  BYTES_PER_LINE: WebAssembly.Global;
}

/** Service lines as the scanner parsed them: the columns a {@link ParsedBatch} takes over. */
export interface ScannedLines {
  count: number;
  offset: Uint32Array;
  end: Uint32Array;
  time: Uint32Array;
  thread: Int32Array;
  job: Int32Array;
  argStart: Uint32Array;
  detail: Uint16Array;
  tag: Uint8Array;
  kind: Uint8Array;
  hints: Uint8Array;
}

export const ScanFacts = { NoThread: 1, Thread: 2, Job: 4 } as const;

const PAGE = 65536;
/** The SIMD newline search reads up to 15 bytes past the input. */
const PAD = 16;

let compiled: WebAssembly.Module | undefined;

/** Compiled once per thread, synchronously: the module is a few KB, and we run in a worker or Node. */
function scanModule(): WebAssembly.Module {
  if (!compiled) {
    const bin = atob(LINE_SCAN_WASM);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/**
 * Stage one's service-log parser: a WebAssembly instance per file (it keeps the file's tags and
 * facts) and the memory around it. The input region holds the line cut by the previous slice
 * followed by the new slice, so a line is parsed once, whole, wherever slices cut it; the output
 * region holds the columns of one scan, copied out into fresh arrays for the batch.
 */
export class LineScanner {
  private readonly x: ScanExports;
  private readonly bytesPerLine: number;
  /** Input region: [carried partial line][new bytes][PAD]. */
  private readonly inPtr: number;
  private inCap = 0;
  private carry = 0;
  private outPtr = 0;
  private outCap = 0;
  private tagsSent = 1;

  constructor() {
    this.x = new WebAssembly.Instance(scanModule()).exports as unknown as ScanExports;
    this.bytesPerLine = this.x.BYTES_PER_LINE.value as number;
    this.inPtr = align(this.x.heapBase(), PAGE);
    this.reserveInput(PAGE);
    this.registerVerbs();
  }

  /** Bytes of the partial last line held since the last scan (no newline yet). */
  get carried(): number {
    return this.carry;
  }

  /**
   * Parses `bytes` after the carried partial line; `base` is the file offset of the carried
   * line's first byte. Lines ending in a newline are returned; the rest is carried, unless
   * `atEnd`, when it is the file's last line.
   */
  scan(bytes: Uint8Array, base: number, atEnd: boolean): ScannedLines {
    const carried = this.carry;
    const len = carried + bytes.length;
    this.reserveInput(len);
    new Uint8Array(this.x.memory.buffer, this.inPtr + carried, bytes.length).set(bytes);
    // About 67 bytes a line in real logs: one scan usually fits; short lines make it grow.
    this.reserveOutput(Math.ceil(len / 32) + 64, 0);
    let count = 0;
    for (;;) {
      const from = count === 0 ? 0 : this.x.stoppedAt();
      count = this.x.scan(
        this.inPtr,
        len,
        from,
        carried,
        atEnd ? 1 : 0,
        base,
        this.outPtr,
        this.outCap,
        count,
      );
      if (count < this.outCap) break;
      this.reserveOutput(this.outCap * 2, count);
    }
    const stop = this.x.stoppedAt();
    const lines = this.copyOut(count);
    const mem = new Uint8Array(this.x.memory.buffer);
    mem.copyWithin(this.inPtr, this.inPtr + stop, this.inPtr + len);
    this.carry = len - stop;
    return lines;
  }

  /** Facts seen so far, as {@link ScanFacts} bits. */
  facts(): number {
    return this.x.facts();
  }

  /** The level the last service-start line stated, or null. */
  level(): number | null {
    const level = this.x.lastLevel();
    return level < 0 ? null : level;
  }

  /** Tags first seen since the last call, in id order (ids continue from the previous call). */
  newTags(): string[] {
    const known = this.x.tagsKnown();
    const mem = new Uint8Array(this.x.memory.buffer);
    const tags: string[] = [];
    for (let id = this.tagsSent; id < known; id++) {
      const p = this.x.tagAt(id);
      tags.push(String.fromCharCode(...mem.subarray(p, p + this.x.tagLength(id))));
    }
    this.tagsSent = known;
    return tags;
  }

  private registerVerbs(): void {
    const mem = new Uint8Array(this.x.memory.buffer);
    COMMAND_VERBS.forEach((verb, index) => {
      for (let i = 0; i < verb.length; i++) mem[this.inPtr + i] = verb.charCodeAt(i);
      this.x.addVerb(this.inPtr, verb.length, index);
    });
  }

  /** Room for `len` input bytes; the output region moves past it (it holds nothing between scans). */
  private reserveInput(len: number): void {
    if (len + PAD <= this.inCap) return;
    this.inCap = align(Math.max(len + PAD, this.inCap * 2), PAGE);
    this.outPtr = this.inPtr + this.inCap;
    this.outCap = 0;
    this.growMemory(this.outPtr);
  }

  private growMemory(bytes: number): void {
    const mem = this.x.memory;
    if (bytes > mem.buffer.byteLength) mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / PAGE));
  }

  /** Room for `cap` lines of output, keeping the first `keep` lines already written. */
  private reserveOutput(cap: number, keep: number): void {
    if (cap <= this.outCap) return;
    this.growMemory(this.outPtr + cap * this.bytesPerLine);
    if (keep > 0) {
      // Columns sit at offsets proportional to the capacity: move each one, last first.
      const bytes = new Uint8Array(this.x.memory.buffer);
      const sizes = COLUMN_SIZES;
      let oldAt = this.outPtr + this.outCap * this.bytesPerLine;
      let newAt = this.outPtr + cap * this.bytesPerLine;
      for (let k = sizes.length - 1; k >= 0; k--) {
        oldAt -= this.outCap * sizes[k];
        newAt -= cap * sizes[k];
        bytes.copyWithin(newAt, oldAt, oldAt + keep * sizes[k]);
      }
    }
    this.outCap = cap;
  }

  private copyOut(n: number): ScannedLines {
    const buf = this.x.memory.buffer;
    const cap = this.outCap;
    let at = this.outPtr;
    const take = <T>(make: (b: ArrayBuffer, at: number, n: number) => T, size: number): T => {
      const col = make(buf, at, n);
      at += cap * size;
      return col;
    };
    return {
      count: n,
      offset: take((b, a, k) => new Uint32Array(b, a, k).slice(), 4),
      end: take((b, a, k) => new Uint32Array(b, a, k).slice(), 4),
      time: take((b, a, k) => new Uint32Array(b, a, k).slice(), 4),
      thread: take((b, a, k) => new Int32Array(b, a, k).slice(), 4),
      job: take((b, a, k) => new Int32Array(b, a, k).slice(), 4),
      argStart: take((b, a, k) => new Uint32Array(b, a, k).slice(), 4),
      detail: take((b, a, k) => new Uint16Array(b, a, k).slice(), 2),
      tag: take((b, a, k) => new Uint8Array(b, a, k).slice(), 1),
      kind: take((b, a, k) => new Uint8Array(b, a, k).slice(), 1),
      hints: take((b, a, k) => new Uint8Array(b, a, k).slice(), 1),
    };
  }
}

/** Bytes per line of each output column, in the module's order (see BYTES_PER_LINE there). */
const COLUMN_SIZES = [4, 4, 4, 4, 4, 4, 2, 1, 1, 1];

const align = (n: number, to: number) => Math.ceil(n / to) * to;
