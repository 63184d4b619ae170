import iconv from 'iconv-lite';
import type { Encoding } from '../../model/file-info';
import type { LogIndex } from '../../model/log-index';
import { bytesSource, indexSources } from '../index-files';
import type { FileError } from '../file-error';

export const sjis = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'cp932'));
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const crlf = (lines: string[]): string => lines.map((l) => l + '\r\n').join('');
/** A browser-style `File` of these bytes (Node has `File` too). */
export const fileOf = (name: string, bytes: Uint8Array): File =>
  new File([bytes as Uint8Array<ArrayBuffer>], name);

/** Indexes in-memory files as the worker would (same slicing path), collecting per-file errors. */
export async function build(
  files: Array<[name: string, bytes: Uint8Array]>,
  opts: { sliceSize?: number; encoding?: Encoding } = {},
): Promise<{ index: LogIndex; errors: FileError[] }> {
  const errors: FileError[] = [];
  const index = await indexSources(
    files.map(([n, b]) => bytesSource(n, b)),
    { ...opts, onFileError: (_i, e) => errors.push(e) },
  );
  return { index, errors };
}
