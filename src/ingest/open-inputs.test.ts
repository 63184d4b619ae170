import { gzipSync, zipSync } from 'fflate';
import { deflateRawSync, gzipSync as gzipNative } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../lib/concat-bytes';
import { openInputs } from './open-inputs';
import { crlf, sjis } from './test-support/build';
import { VENDOR_SAMPLE } from './test-support/vendor-sample';

const GiB = 2 ** 30;
const fileOf = (name: string, bytes: Uint8Array) => new File([bytes as Uint8Array<ArrayBuffer>], name);
const bytesOf = async (f: Blob) => new Uint8Array(await f.arrayBuffer());
const log = sjis(crlf(VENDOR_SAMPLE));
const other = sjis(crlf(['[POP3] 2025/04/01 10:00:00 [000] Connect from pc(192.0.2.1)']));

/** A zip of deflated members, each said to unpack to `size` (no CRC: it is not checked). */
function rawZip(members: Array<{ name: string; deflated: Uint8Array; size: number }>): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let at = 0;
  for (const m of members) {
    const name = new TextEncoder().encode(m.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, 8, true);
    local.setUint32(18, m.deflated.length, true);
    local.setUint32(22, m.size, true);
    local.setUint16(26, name.length, true);
    const entry = new DataView(new ArrayBuffer(46 + name.length));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(10, 8, true);
    entry.setUint32(20, m.deflated.length, true);
    entry.setUint32(24, m.size, true);
    entry.setUint16(28, name.length, true);
    entry.setUint32(42, at, true);
    new Uint8Array(entry.buffer).set(name, 46);
    parts.push(new Uint8Array(local.buffer), name, m.deflated);
    central.push(new Uint8Array(entry.buffer));
    at += 30 + name.length + m.deflated.length;
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, members.length, true);
  end.setUint16(10, members.length, true);
  end.setUint32(12, dirSize, true);
  end.setUint32(16, at, true);
  return concatBytes([...parts, ...central, new Uint8Array(end.buffer)]);
}

/** Replaces every occurrence of `from` by `to` (same length): the zip's name fields, or a flag. */
function patch(bytes: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i + from.length <= out.length; i++) {
    if (from.every((b, k) => out[i + k] === b)) out.set(to, i);
  }
  return out;
}

describe('opening archives', () => {
  it('opens a zipped logs folder with nested folders, a CP932 name and a gzipped log inside, byte for byte', async () => {
    const placeholder = new TextEncoder().encode('logs/XXXX.log');
    const cp932Name = new Uint8Array([
      ...new TextEncoder().encode('logs/'),
      0x83,
      0x8d,
      0x83,
      0x4f,
      ...new TextEncoder().encode('.log'),
    ]);
    const zip = patch(
      zipSync({
        'logs/': {},
        'logs/XXXX.log': log,
        'logs/old/pop3.log.gz': gzipSync(other),
        'logs/stored.log': [other, { level: 0 }],
      }),
      placeholder,
      cp932Name,
    );
    const plain = fileOf('mta.log', other);
    const progress: Array<[number, number]> = [];
    const { files, failed } = await openInputs([fileOf('logs.zip', zip), plain], {
      budget: GiB,
      onProgress: (i, at) => progress.push([i, at]),
    });
    expect(failed).toEqual([]);
    expect(files.map((f) => f.name)).toEqual([
      'logs.zip/logs/ログ.log',
      'logs.zip/logs/old/pop3.log',
      'logs.zip/logs/stored.log',
      'mta.log',
    ]);
    expect(await bytesOf(files[0])).toEqual(log);
    expect(await bytesOf(files[1])).toEqual(other);
    expect(await bytesOf(files[2])).toEqual(other);
    expect(files[3]).toBe(plain);
    expect(progress.at(-1)?.[0]).toBe(0);
  });

  it('reads a zip64 directory (sizes and offsets in its extra fields)', async () => {
    const name = new TextEncoder().encode('logs/smtp.log');
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(26, name.length, true);
    const dirAt = 30 + name.length + log.length;
    const central = new DataView(new ArrayBuffer(46 + name.length + 28));
    central.setUint32(0, 0x02014b50, true);
    for (const at of [20, 24, 42]) central.setUint32(at, 0xffffffff, true); // in the extra field instead
    central.setUint16(28, name.length, true);
    central.setUint16(30, 28, true);
    new Uint8Array(central.buffer).set(name, 46);
    const extra = 46 + name.length;
    central.setUint16(extra, 1, true);
    central.setUint16(extra + 2, 24, true);
    central.setBigUint64(extra + 4, BigInt(log.length), true); // size
    central.setBigUint64(extra + 12, BigInt(log.length), true); // compressed size
    central.setBigUint64(extra + 20, 0n, true); // local header offset
    const end64At = dirAt + central.byteLength;
    const end64 = new DataView(new ArrayBuffer(56 + 20 + 22));
    end64.setUint32(0, 0x06064b50, true);
    end64.setBigUint64(32, 1n, true);
    end64.setBigUint64(40, BigInt(central.byteLength), true);
    end64.setBigUint64(48, BigInt(dirAt), true);
    end64.setUint32(56, 0x07064b50, true);
    end64.setBigUint64(64, BigInt(end64At), true);
    end64.setUint32(76, 0x06054b50, true);
    end64.setUint16(86, 0xffff, true);
    end64.setUint32(88, 0xffffffff, true);
    end64.setUint32(92, 0xffffffff, true);
    const zip = new Uint8Array([
      ...new Uint8Array(local.buffer),
      ...name,
      ...log,
      ...new Uint8Array(central.buffer),
      ...new Uint8Array(end64.buffer),
    ]);
    const { files, failed } = await openInputs([fileOf('big.zip', zip)], { budget: GiB });
    expect(failed).toEqual([]);
    expect(files.map((f) => f.name)).toEqual(['big.zip/logs/smtp.log']);
    expect(await bytesOf(files[0])).toEqual(log);
  });

  it('opens a .gz as the file inside', async () => {
    const { files, failed } = await openInputs(
      [fileOf('smtp.log.gz', gzipSync(log)), fileOf('rotated', gzipSync(other))],
      { budget: GiB },
    );
    expect(failed).toEqual([]);
    expect(files.map((f) => f.name)).toEqual(['smtp.log', 'rotated']);
    expect(await bytesOf(files[0])).toEqual(log);
  });

  it('counts a gzipped log inside a zip once, by what it unpacks to', async () => {
    const zip = zipSync({ 'logs/smtp.log.gz': gzipSync(log) });
    const { files, failed } = await openInputs([fileOf('logs.zip', zip)], { budget: log.length });
    expect(failed).toEqual([]);
    expect(files.map((f) => f.name)).toEqual(['logs.zip/logs/smtp.log']);
  });

  it('names a member longer than its archive says, and loads the others', async () => {
    const deflated = new Uint8Array(deflateRawSync(log));
    const zip = rawZip([
      { name: 'a.log', deflated, size: log.length },
      { name: 'b.log', deflated, size: log.length - 10 },
    ]);
    const { files, failed } = await openInputs([fileOf('logs.zip', zip)], { budget: GiB });
    expect(files.map((f) => f.name)).toEqual(['logs.zip/a.log']);
    expect(failed).toEqual([
      { fileName: 'logs.zip/b.log', problem: { code: 'archive-corrupt', detail: expect.any(String) } },
    ]);
  });

  it('stops a bomb spread over members each too small to look like one', async () => {
    const size = 30 << 20;
    const deflated = new Uint8Array(deflateRawSync(new Uint8Array(size).fill(0x41)));
    const zip = rawZip(['a', 'b', 'c'].map((n) => ({ name: `${n}.log`, deflated, size })));
    const { files, failed } = await openInputs([fileOf('bomb.zip', zip)], { budget: GiB });
    expect(files).toEqual([]);
    expect(failed).toEqual([{ fileName: 'bomb.zip', problem: { code: 'archive-bomb', ratio: 500 } }]);
  });

  it('says a directory entry running past the directory is broken, in its own words', async () => {
    const zip = rawZip([{ name: 'a.log', deflated: new Uint8Array(deflateRawSync(log)), size: log.length }]);
    const entry = zip.length - 22 - (46 + 'a.log'.length);
    new DataView(zip.buffer).setUint16(entry + 28, 0xffff, true);
    const { failed } = await openInputs([fileOf('bad.zip', zip)], { budget: GiB });
    expect(failed).toEqual([
      { fileName: 'bad.zip', problem: { code: 'archive-corrupt', detail: 'a broken directory entry' } },
    ]);
  });

  it('refuses a file over 4 GiB before reading it', async () => {
    const huge = {
      name: 'huge.log',
      size: 5 * GiB,
      slice: () => new Blob([log.subarray(0, 4) as Uint8Array<ArrayBuffer>]),
    };
    const { files, failed } = await openInputs([huge as unknown as File, fileOf('b.log', other)], {
      budget: 8 * GiB,
    });
    expect(files.map((f) => f.name)).toEqual(['b.log']);
    expect(failed).toEqual([
      { fileName: 'huge.log', problem: { code: 'too-large', bytes: 5 * GiB, limit: 2 ** 32 - 1 } },
    ]);
  });

  it('loads the other members when one is damaged or encrypted', async () => {
    const zip = zipSync({ 'a.log': log, 'b.log': log, 'c.log': other });
    // Damage b.log's deflate stream: its bytes follow its local header and name.
    const damaged = zip.slice();
    const names = new TextEncoder().encode('b.log');
    let header = -1;
    for (let i = 0; i < damaged.length - 4; i++) {
      if (damaged[i] === 0x50 && damaged[i + 1] === 0x4b && damaged[i + 2] === 3 && damaged[i + 3] === 4) {
        if (names.every((b, k) => damaged[i + 30 + k] === b)) header = i;
      }
    }
    const data = header + 30 + names.length;
    damaged.fill(0xff, data, data + 8);
    // Mark c.log encrypted in the directory (general-purpose flag bit 0).
    const encrypted = damaged;
    let central = -1;
    const cName = new TextEncoder().encode('c.log');
    for (let i = 0; i < encrypted.length - 4; i++) {
      if (
        encrypted[i] === 0x50 &&
        encrypted[i + 1] === 0x4b &&
        encrypted[i + 2] === 1 &&
        encrypted[i + 3] === 2
      ) {
        if (cName.every((b, k) => encrypted[i + 46 + k] === b)) central = i;
      }
    }
    encrypted[central + 8] |= 1;

    const { files, failed } = await openInputs([fileOf('logs.zip', encrypted)], { budget: GiB });
    expect(files.map((f) => f.name)).toEqual(['logs.zip/a.log']);
    expect(await bytesOf(files[0])).toEqual(log);
    expect(failed).toEqual([
      { fileName: 'logs.zip/b.log', problem: { code: 'archive-corrupt', detail: expect.any(String) } },
      { fileName: 'logs.zip/c.log', problem: { code: 'archive-encrypted' } },
    ]);
  });

  it('names a cut archive and loads the other files', async () => {
    const zip = zipSync({ 'a.log': log });
    const { files, failed } = await openInputs(
      [fileOf('cut.zip', zip.subarray(0, zip.length - 30)), fileOf('b.log', other)],
      {
        budget: GiB,
      },
    );
    expect(files.map((f) => f.name)).toEqual(['b.log']);
    expect(failed).toEqual([
      { fileName: 'cut.zip', problem: { code: 'archive-corrupt', detail: expect.any(String) } },
    ]);
  });

  it('stops a bomb with a message naming it, and loads the other files', async () => {
    const bomb = new Uint8Array(gzipNative(new Uint8Array(100 << 20).fill(0x41)));
    expect(bomb.length).toBeLessThan(200 << 10);
    const { files, failed } = await openInputs([fileOf('bomb.log.gz', bomb), fileOf('b.log', other)], {
      budget: GiB,
    });
    expect(failed).toEqual([{ fileName: 'bomb.log.gz', problem: { code: 'archive-bomb', ratio: 500 } }]);
    expect(files.map((f) => f.name)).toEqual(['b.log']);
  });

  it('holds the load to its budget: files past it and archives that unpack past it are refused up front', async () => {
    const budget = log.length + other.length;
    const big = zipSync({ 'a.log': log, 'b.log': log });
    const { files, failed } = await openInputs(
      [fileOf('a.log', log), fileOf('big.zip', big), fileOf('b.log', other), fileOf('c.log', other)],
      { budget },
    );
    // The archive's members do not fit; what they took is free again, so b.log still loads.
    expect(files.map((f) => f.name)).toEqual(['a.log', 'b.log']);
    expect(failed).toEqual([
      { fileName: 'big.zip', problem: { code: 'archive-too-large', limit: budget } },
      { fileName: 'c.log', problem: { code: 'over-load-limit', limit: budget } },
    ]);
  });
});
