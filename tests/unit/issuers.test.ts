import { describe, expect, it } from 'vitest';
import { deriveIndexNumbers, formatIndexNumber, serialOf, type NumberedReport } from '../../src/content/index-numbers.ts';
import { nearest } from '../../src/content/suggest.ts';
import { checkCreditCode, creditCodeCheckChar } from '../../src/schema/credit-code.ts';
import { Issuer } from '../../src/schema/issuer.ts';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('computes the check character over the first 17 characters', () => {
    // A code printed on a published business licence sample.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // The samples' former 索引号 prefix 11431223MB1C44906X: its check character would be 0.
    expect(creditCodeCheckChar('11431223MB1C44906')).toBe('0');
    // Σ mod 31 = 0 gives 31, written 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('tells a wrong check character from a wrong shape', () => {
    expect(checkCreditCode('11431223MB1C449073')).toEqual({ ok: true });
    expect(checkCreditCode('11431223MB1C44906X')).toEqual({ ok: false, problem: 'check', expected: '0' });
    expect(checkCreditCode('11431223MB1C4490I3')).toEqual({ ok: false, problem: 'shape' }); // I is not in the set
    expect(checkCreditCode('11431223MB1C44907')).toEqual({ ok: false, problem: 'shape' });
  });

  it('is checked by the issuer schema, naming the expected character', () => {
    const base = { id: 'sifaju', name: '辰溪县司法局', kind: 'department' };
    expect(Issuer.safeParse({ ...base, creditCode: '11431223MB1C449073' }).success).toBe(true);
    const wrong = Issuer.safeParse({ ...base, creditCode: '11431223MB1C44907X' });
    expect(wrong.error?.issues.map((i) => i.message)).toEqual(['credit-code-check:3']);
  });

  it('accepts only {creditCode}, {year} and one {serial:N} in an index pattern', () => {
    const base = { id: 'sifaju', name: '辰溪县司法局', kind: 'department', creditCode: '11431223MB1C449073' };
    expect(Issuer.parse(base).indexPattern).toBe('{creditCode}/{year}-{serial:5}');
    expect(Issuer.safeParse({ ...base, indexPattern: '{creditCode}/{year}' }).success).toBe(false);
    expect(Issuer.safeParse({ ...base, indexPattern: '{code}/{year}-{serial:5}' }).success).toBe(false);
    expect(Issuer.safeParse({ ...base, indexPattern: 'CX-{year}-{serial:3}' }).success).toBe(true);
  });
});

describe('derived 索引号', () => {
  const issuer = Issuer.parse({ id: 'sifaju', name: '辰溪县司法局', kind: 'department', creditCode: '11431223MB1C449073' });
  const other = Issuer.parse({ id: 'caizheng', name: '辰溪县财政局', kind: 'department', creditCode: '11431223MB1C45014Y', indexPattern: 'CZ{year}{serial:3}' });
  const r = (slug: string, publishedAt: string, extra: Partial<NumberedReport> = {}): NumberedReport => ({ slug, issuer, publishedAt, draft: false, ...extra });

  it('formats and reads back the pattern', () => {
    expect(formatIndexNumber(issuer.indexPattern, issuer.creditCode, 2023, 7)).toBe('11431223MB1C449073/2023-00007');
    expect(serialOf(issuer.indexPattern, issuer.creditCode, 2023, '11431223MB1C449073/2023-00042')).toBe(42);
    expect(serialOf(issuer.indexPattern, issuer.creditCode, 2024, '11431223MB1C449073/2023-00042')).toBeUndefined();
    expect(serialOf(other.indexPattern, other.creditCode, 2023, 'CZ2023015')).toBe(15);
  });

  it('continues after the highest explicit serial of the issuer and publication year, in order of publication then folder', () => {
    const derived = deriveIndexNumbers([
      r('b', '2023-01-20 09:00'),
      r('a', '2023-01-20 09:00'),
      r('first', '2023-01-04 11:30', { indexNumber: '11431223MB1C449073/2023-00003' }),
      r('early', '2023-01-02 08:00'),
      r('next-year', '2024-01-02 08:00'),
      r('foreign', '2023-01-01 08:00', { indexNumber: 'XYZ/2023-00099' }), // another scheme: not a serial of this pattern
      r('cz', '2023-01-05 08:00', { issuer: other }),
    ]);
    expect(Object.fromEntries(derived)).toEqual({
      early: '11431223MB1C449073/2023-00004',
      a: '11431223MB1C449073/2023-00005',
      b: '11431223MB1C449073/2023-00006',
      'next-year': '11431223MB1C449073/2024-00001',
      cz: 'CZ2023001',
    });
  });

  it('numbers drafts after the published reports, so a draft never takes a published report’s serial', () => {
    const derived = deriveIndexNumbers([r('draft', '2023-01-01 08:00', { draft: true }), r('published', '2023-01-10 08:00')]);
    expect(derived.get('published')).toBe('11431223MB1C449073/2023-00001');
    expect(derived.get('draft')).toBe('11431223MB1C449073/2023-00002');
  });
});

describe('did you mean', () => {
  it('suggests the nearest names, closest first', () => {
    expect(nearest('sifajv', ['sifaju', 'caizhengju', 'xianzhengfu'])).toEqual(['sifaju']);
    expect(nearest('司法局', ['辰溪县司法局', '辰溪县财政局'])).toEqual(['辰溪县司法局']);
    expect(nearest('zzzz', ['sifaju'])).toEqual([]);
  });
});
