import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './codec';
import { sjis, utf8 } from './test-support/build';

describe('codec', () => {
  const japanese = '[SMTP] 2005/05/18 03:10:41 [000] 中継許可IPされたアドレス ｱｲｳ ①';

  it('decodes CP932 and UTF-8 as iconv-lite does', () => {
    expect(decodeBytes(sjis(japanese), 'shift_jis')).toBe(japanese);
    expect(decodeBytes(sjis(japanese), 'shift_jis')).toBe(iconv.decode(Buffer.from(sjis(japanese)), 'cp932'));
    expect(decodeBytes(utf8(japanese), 'utf-8')).toBe(japanese);
  });

  it('passes ASCII through without a codec, even a line of megabytes', () => {
    const long = 'x'.repeat(3_000_000);
    expect(decodeBytes(utf8(long), 'shift_jis')).toBe(long);
  });
});
