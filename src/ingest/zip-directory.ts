/**
 * The table of contents of a .zip, read from its central directory at the end of the file: only
 * that much is read up front, each member's data is then streamed from its own place. The
 * directory, not the local headers, is what tells a member's raw name bytes (Japanese Windows
 * writes them in CP932 without saying so), its encryption flag and its real sizes.
 */

export interface ZipMember {
  /** Its path inside the archive, from the UTF-8 flag or else read as CP932. */
  name: string;
  /** 0 stored, 8 deflated; anything else is refused per member. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** What the archive declares; the unpacker holds the member to it. */
  size: number;
  /** Where its local header starts. */
  headerOffset: number;
}

export type ZipSource = Pick<Blob, 'size' | 'slice'>;

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const TAIL = 22 + 0xffff;
/** A directory bigger than this is not a logs folder's: it is refused rather than read whole. */
const MAX_DIRECTORY = 64 << 20;

export class ZipFormatError extends Error {}

async function bytesAt(src: ZipSource, start: number, end: number): Promise<DataView> {
  const buf = await src.slice(start, end).arrayBuffer();
  if (buf.byteLength !== end - start) throw new ZipFormatError('the archive ends early');
  return new DataView(buf);
}

const u64 = (v: DataView, at: number) => v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;

const utf8 = new TextDecoder('utf-8');
const cp932 = new TextDecoder('shift_jis');

/** The members of a zip, files only (folders are implied by the paths). */
export async function readZipDirectory(src: ZipSource): Promise<ZipMember[]> {
  try {
    return await readDirectory(src);
  } catch (e) {
    // A length field pointing past the bytes read: a damaged directory, said as such.
    if (e instanceof RangeError) throw new ZipFormatError('a broken directory entry');
    throw e;
  }
}

async function readDirectory(src: ZipSource): Promise<ZipMember[]> {
  const tailStart = Math.max(0, src.size - TAIL);
  const tail = await bytesAt(src, tailStart, src.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no zip directory at its end (cut short?)');
  let count = tail.getUint16(eocd + 10, true);
  let dirSize = tail.getUint32(eocd + 12, true);
  let dirStart = tail.getUint32(eocd + 16, true);
  if (eocd >= 20 && tail.getUint32(eocd - 20, true) === EOCD64_LOCATOR) {
    const at = u64(tail, eocd - 20 + 8);
    const z64 = await bytesAt(src, at, at + 56);
    if (z64.getUint32(0, true) !== EOCD64) throw new ZipFormatError('a broken zip64 directory record');
    count = u64(z64, 32);
    dirSize = u64(z64, 40);
    dirStart = u64(z64, 48);
  }
  if (dirStart + dirSize > src.size) throw new ZipFormatError('its directory points past its end');
  if (dirSize > MAX_DIRECTORY) throw new ZipFormatError('its directory is too big for a logs folder');
  const dir = await bytesAt(src, dirStart, dirStart + dirSize);
  const members: ZipMember[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.byteLength || dir.getUint32(p, true) !== CENTRAL) {
      throw new ZipFormatError('a broken directory entry');
    }
    const flags = dir.getUint16(p + 8, true);
    const nameLength = dir.getUint16(p + 28, true);
    const extraLength = dir.getUint16(p + 30, true);
    const commentLength = dir.getUint16(p + 32, true);
    const nameBytes = new Uint8Array(dir.buffer, dir.byteOffset + p + 46, nameLength);
    const member: ZipMember = {
      name: (flags & 0x800 ? utf8 : cp932).decode(nameBytes),
      method: dir.getUint16(p + 10, true),
      encrypted: (flags & 1) !== 0,
      compressedSize: dir.getUint32(p + 20, true),
      size: dir.getUint32(p + 24, true),
      headerOffset: dir.getUint32(p + 42, true),
    };
    readZip64Extra(dir, p + 46 + nameLength, extraLength, member);
    if (!member.name.endsWith('/')) members.push(member);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

/** Sizes and offsets too big for 32 bits are 0xFFFFFFFF in the entry and given in its zip64 extra. */
function readZip64Extra(dir: DataView, at: number, length: number, m: ZipMember): void {
  const end = at + length;
  while (at + 4 <= end) {
    const id = dir.getUint16(at, true);
    const size = dir.getUint16(at + 2, true);
    if (id === 1) {
      let q = at + 4;
      for (const key of ['size', 'compressedSize', 'headerOffset'] as const) {
        if (m[key] === 0xffffffff && q + 8 <= at + 4 + size) {
          m[key] = u64(dir, q);
          q += 8;
        }
      }
      return;
    }
    at += 4 + size;
  }
}

/** Where a member's compressed bytes start: after its local header, whose own lengths may differ. */
export async function memberDataOffset(src: ZipSource, m: ZipMember): Promise<number> {
  const local = await bytesAt(src, m.headerOffset, m.headerOffset + 30);
  if (local.getUint32(0, true) !== LOCAL)
    throw new ZipFormatError('a member’s header is not where the directory says');
  return m.headerOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
}
