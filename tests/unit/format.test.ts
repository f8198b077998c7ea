import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMetric, formatNumber } from '../../src/metrics/format.ts';

describe('formatMetric', () => {
  const m = (value: Parameters<typeof formatMetric>[0]['value'], unit: string, decimals?: number) => formatMetric({ value, unit, decimals });
  it('prints each qualifier the way reports write it', () => {
    expect(m({ kind: 'exact', number: 95.4 }, '%')).toBe('95.4%');
    expect(m({ kind: 'exact', number: 1054 }, '名')).toBe('1054名');
    expect(m({ kind: 'over', number: 20 }, '条')).toBe('20余条');
    expect(m({ kind: 'over', number: 1600 }, '份')).toBe('1600余份');
    expect(m({ kind: 'at-least', number: 3 }, '%')).toBe('3%以上');
    expect(m({ kind: 'at-least', number: 100 }, '个')).toBe('100个以上');
    expect(m({ kind: 'within', number: 5 }, '个工作日')).toBe('5个工作日内');
    expect(m({ kind: 'range', from: 1, to: 2 }, '次')).toBe('1—2次');
    expect(m({ kind: 'na' }, '件')).toBe('/');
  });
  it('keeps digits plain and honours fixed decimals', () => {
    expect(formatNumber(12345678)).toBe('12345678');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(m({ kind: 'exact', number: 100 }, '%', 1)).toBe('100.0%');
    expect(m({ kind: 'exact', number: 12.6 }, '万元')).toBe('12.6万元');
  });
  it('prints whole numbers as the 12-significant-digit rounding does, and rounds larger ones as before', () => {
    // The rounding every number went through before whole numbers took a shorter way (format.ts).
    const rounded = (n: number) => {
      const s = Number(n.toPrecision(12)).toString();
      return /e/.test(s) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
    };
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e12 - 1, 1e12, -1e12, 123456789012345)), (n) => formatNumber(n) === rounded(n)), { numRuns: 5000 });
    expect(formatNumber(123456789012345)).toBe('123456789012000');
    expect(formatNumber(999999999999)).toBe('999999999999');
    expect(formatNumber(1234567890123)).toBe('1234567890120');
  });
});
