/**
 * What a load will index: its inputs held to the load's budget, archives opened.
 *
 * Archives open like the files inside them. A .zip (a zipped `logs` folder, folders inside it,
 * CP932 names) or a .gz (a rotation script's) is recognised by its first bytes, never by its name,
 * and unpacked here, in the engine's worker, as a stream: its compressed bytes are read a slice at
 * a time and each member's output is kept as a Blob, which the rest of the load reads like any
 * dropped file. What the unpacking may produce is bounded, so a zip bomb or an archive bigger than
 * the load can hold stops with a message naming it; a bad member is reported and the others load.
 */
import type { FailedFile, FileProblem } from '../model/file-problems';
import { MAX_FILE_BYTES } from './index-builder';
import { memberDataOffset, readZipDirectory, ZipFormatError, type ZipMember } from './zip-directory';

export interface OpenOptions {
  /**
   * Bytes the load may index, archives counted by what they unpack to. Inputs are taken in order;
   * one that would pass it is refused, with what to do, before any of it is read.
   */
  budget: number;
  /** Compressed bytes read so far of input `input`. */
  onProgress?(input: number, bytesRead: number): void;
}

export interface Opened {
  /** The inputs in order, each archive replaced by its members in the archive's order. */
  files: File[];
  failed: FailedFile[];
}

/**
 * Past this much output, an expansion above BOMB_RATIO is taken for a bomb. Logs compress 10 to
 * 30 ×; the densest real ones stay well under 200 ×, and deflate's ceiling is 1,032 ×.
 */
const BOMB_FLOOR = 64 << 20;
const BOMB_RATIO = 500;
/** An archive inside an archive is opened too (a gzipped log in a zipped folder), but no deeper. */
const MAX_DEPTH = 2;

type Kind = 'zip' | 'gzip' | null;

async function archiveKind(b: Blob): Promise<Kind> {
  return archiveKindOf(new Uint8Array(await b.slice(0, 4).arrayBuffer()));
}

/** What a file starting with these (at least 4) bytes is: a zip, a gzip, or neither. */
export function archiveKindOf(head: Uint8Array): Kind {
  if (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))
  ) {
    return 'zip';
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  return null;
}

/** Stops an archive: `member` when only that member is lost, the whole archive otherwise. */
class UnpackError extends Error {
  constructor(
    readonly problem: FileProblem,
    readonly member: boolean,
  ) {
    super(problem.code);
  }
}

/** What one archive has unpacked so far, all its members together: the bomb bound is a ratio. */
interface Totals {
  /** Bytes out of the inflater. */
  out: number;
  /** Compressed bytes read. */
  read: number;
}

/** Gathers one member's output as Blob parts, holding it to the bounds as it grows. */
class Output {
  private parts: Blob[] = [];
  bytes = 0;

  constructor(
    private readonly budget: { left: number; total: number },
    private readonly totals: Totals,
    private readonly declared?: number,
  ) {}

  push = (chunk: Uint8Array): void => {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    const totals = this.totals;
    totals.out += chunk.length;
    if (this.declared !== undefined && this.bytes > this.declared) {
      throw new UnpackError(
        { code: 'archive-corrupt', detail: 'a member is longer than the archive says' },
        true,
      );
    }
    if (this.bytes > MAX_FILE_BYTES) {
      throw new UnpackError({ code: 'too-large', bytes: this.bytes, limit: MAX_FILE_BYTES }, true);
    }
    if (this.bytes > this.budget.left) {
      throw new UnpackError({ code: 'archive-too-large', limit: this.budget.total }, false);
    }
    if (totals.out > BOMB_FLOOR && totals.out > BOMB_RATIO * totals.read) {
      throw new UnpackError({ code: 'archive-bomb', ratio: BOMB_RATIO }, false);
    }
    this.parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
  };

  file(name: string): File {
    this.budget.left -= this.bytes;
    return new File(this.parts, name);
  }
}

/**
 * Streams [start, end) of `src` through the browser's own inflater (`null`: stored as is) into
 * `output`, telling `onRead` how far into `src` it has read. The output comes in pieces of a few
 * kB, so a bound stops the stream within one piece of being passed.
 */
async function inflateRange(
  src: Blob,
  start: number,
  end: number,
  format: CompressionFormat | null,
  output: Output,
  onRead: (at: number) => void,
): Promise<void> {
  let at = start;
  const counted = src
    .slice(start, end)
    .stream()
    .pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          at += chunk.length;
          onRead(at);
          out.enqueue(chunk);
        },
      }),
    );
  // Its writable side is typed for any BufferSource; it is given Uint8Arrays.
  const inflate = (f: CompressionFormat) =>
    new DecompressionStream(f) as ReadableWritablePair<Uint8Array, Uint8Array>;
  const reader = (format ? counted.pipeThrough(inflate(format)) : counted).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      output.push(value);
    }
  } catch (e) {
    void reader.cancel().catch(() => {});
    throw e;
  }
}

/** The inflater reports a corrupt stream by failing the read: said as the archive's problem, not a crash. */
function corrupt(e: unknown, member: boolean): UnpackError {
  if (e instanceof UnpackError) return e;
  return new UnpackError(
    { code: 'archive-corrupt', detail: e instanceof Error ? e.message : String(e) },
    member,
  );
}

async function unpackZip(
  archive: File,
  budget: { left: number; total: number },
  onRead: (at: number) => void,
  fail: (f: FailedFile) => void,
): Promise<File[]> {
  let members: ZipMember[];
  try {
    members = await readZipDirectory(archive);
  } catch (e) {
    if (e instanceof ZipFormatError)
      throw new UnpackError({ code: 'archive-corrupt', detail: e.message }, false);
    throw e;
  }
  const out: File[] = [];
  const totals: Totals = { out: 0, read: 0 };
  for (const m of members) {
    const name = `${archive.name}/${m.name}`;
    if (m.encrypted) {
      fail({ fileName: name, problem: { code: 'archive-encrypted' } });
      continue;
    }
    if (m.method !== 0 && m.method !== 8) {
      fail({ fileName: name, problem: { code: 'archive-method', method: m.method } });
      continue;
    }
    try {
      const start = await memberDataOffset(archive, m);
      const output = new Output(budget, totals, m.size);
      const readBefore = totals.read;
      await inflateRange(
        archive,
        start,
        start + m.compressedSize,
        m.method === 8 ? 'deflate-raw' : null,
        output,
        (at) => {
          totals.read = readBefore + (at - start);
          onRead(at);
        },
      );
      if (output.bytes !== m.size) {
        throw new UnpackError(
          { code: 'archive-corrupt', detail: 'a member is shorter than the archive says' },
          true,
        );
      }
      out.push(output.file(name));
    } catch (e) {
      const err = corrupt(e, true);
      if (!err.member) throw err;
      fail({ fileName: name, problem: err.problem });
    }
  }
  return out;
}

async function gunzip(
  archive: File,
  budget: { left: number; total: number },
  onRead: (at: number) => void,
): Promise<File> {
  const totals: Totals = { out: 0, read: 0 };
  const output = new Output(budget, totals);
  try {
    await inflateRange(archive, 0, archive.size, 'gzip', output, (at) => {
      totals.read = at;
      onRead(at);
    });
  } catch (e) {
    throw corrupt(e, false);
  }
  // A rotated `smtp.log.gz` holds `smtp.log`; a gzip without the suffix keeps its name.
  return output.file(archive.name.replace(/\.gz$/i, ''));
}

/** The inputs to index, every archive replaced by its members; each refused one said in `failed`. */
export async function openInputs(inputs: File[], opts: OpenOptions): Promise<Opened> {
  const budget = { left: opts.budget, total: opts.budget };
  const failed: FailedFile[] = [];
  const fail = (f: FailedFile) => failed.push(f);

  const expand = async (file: File, depth: number, onRead: (at: number) => void): Promise<File[]> => {
    const kind = depth < MAX_DEPTH ? await archiveKind(file) : null;
    if (!kind) {
      if (depth > 0) return [file]; // unpacked: already counted
      if (file.size > MAX_FILE_BYTES) {
        fail({
          fileName: file.name,
          problem: { code: 'too-large', bytes: file.size, limit: MAX_FILE_BYTES },
        });
        return [];
      }
      if (file.size > budget.left) {
        fail({ fileName: file.name, problem: { code: 'over-load-limit', limit: budget.total } });
        return [];
      }
      budget.left -= file.size;
      return [file];
    }
    // An archive inside one was counted as a file of it: its own files are counted instead.
    if (depth > 0) budget.left += file.size;
    const before = budget.left;
    try {
      const members =
        kind === 'zip' ? await unpackZip(file, budget, onRead, fail) : [await gunzip(file, budget, onRead)];
      const nested: File[] = [];
      for (const m of members) nested.push(...(await expand(m, depth + 1, () => {})));
      return nested;
    } catch (e) {
      budget.left = before; // what its members took is free again
      fail({ fileName: file.name, problem: corrupt(e, false).problem });
      return [];
    }
  };

  const files: File[] = [];
  for (let i = 0; i < inputs.length; i++) {
    files.push(...(await expand(inputs[i], 0, (at) => opts.onProgress?.(i, at))));
  }
  return { files, failed };
}
