import { describe, expect, it } from 'vitest';
import { REPORT_CODES, describeReportCode } from './report-codes';

describe('REPORT_CODES', () => {
  it('holds the 18 documented codes, 0 to -17, in order', () => {
    expect(REPORT_CODES.map((c) => c.code)).toEqual(Array.from({ length: 18 }, (_, i) => (i === 0 ? 0 : -i)));
    for (const c of REPORT_CODES) {
      expect(c.known).toBe(true);
      expect(c.ja.length).toBeGreaterThan(0);
      expect(c.en.length).toBeGreaterThan(0);
    }
  });

  it('keeps the vendor wording', () => {
    expect(describeReportCode(0).ja).toBe('正常に配信が行われました');
    expect(describeReportCode(-17).ja).toBe('MTA フィルタに該当しました。');
    expect(describeReportCode(-14).ja).toBe(describeReportCode(-15).ja);
  });

  it('grades severity: 0 ok, -7 and -9 temporary, the rest failed', () => {
    const bySeverity = (s: string) => REPORT_CODES.filter((c) => c.severity === s).map((c) => c.code);
    expect(bySeverity('ok')).toEqual([0]);
    expect(bySeverity('temporary')).toEqual([-7, -9]);
    expect(bySeverity('failed')).toHaveLength(15);
  });
});

describe('describeReportCode', () => {
  it('finds every documented code', () => {
    for (const c of REPORT_CODES) expect(describeReportCode(c.code)).toBe(c);
  });

  it.each([-99, 5, -18, 1, 250, 0.5])('describes %s as an unknown code', (code) => {
    expect(describeReportCode(code)).toEqual({
      code,
      ja: `不明なコード ${code}`,
      en: `unknown code ${code}`,
      severity: 'unknown',
      known: false,
    });
  });
});
