import type { Encoding } from '../model/file-info';

/**
 * A search term as the bytes it has in a file of `encoding`, so that searching decodes nothing.
 * ASCII is the same in both encodings; a Japanese term in a Shift_JIS file needs a CP932 encoder,
 * which the platform lacks (TextEncoder writes UTF-8 only): iconv-lite, loaded the first time such
 * a term is searched, so its codec tables stay out of the engine's bundle until then.
 */
export async function encodeTerm(term: string, encoding: Encoding): Promise<Uint8Array> {
  if (encoding === 'utf-8' || isAscii(term)) return new TextEncoder().encode(term);
  const { default: iconv } = await import('iconv-lite');
  return new Uint8Array(iconv.encode(term, 'cp932'));
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}
