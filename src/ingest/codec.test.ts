import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeText } from './codec';
import { sjis, utf8 } from './test-support/build';

describe('codec', () => {
  const japanese = '[SMTP] 2005/05/18 03:10:41 [000] 中継許可IPされたアドレス ｱｲｳ ①';

  it('decodes CP932 and UTF-8 the same with TextDecoder and iconv-lite', () => {
    for (const impl of ['text-decoder', 'iconv-lite'] as const) {
      expect(decodeBytes(sjis(japanese), 'shift_jis', impl)).toBe(japanese);
      expect(decodeBytes(utf8(japanese), 'utf-8', impl)).toBe(japanese);
    }
  });

  it('passes ASCII through without a codec, even a line of megabytes', () => {
    const long = 'x'.repeat(3_000_000);
    expect(decodeBytes(utf8(long), 'shift_jis')).toBe(long);
  });

  it('encodes a search term to the bytes it has in each encoding', () => {
    expect(Array.from(encodeText('中継', 'shift_jis'))).toEqual([0x92, 0x86, 0x8c, 0x70]);
    expect(Array.from(encodeText('中継', 'utf-8'))).toEqual([0xe4, 0xb8, 0xad, 0xe7, 0xb6, 0x99]);
    expect(decodeBytes(encodeText(japanese, 'shift_jis'), 'shift_jis')).toBe(japanese);
  });
});
