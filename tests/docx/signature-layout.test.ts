import { describe, expect, it } from 'vitest';
import { chineseDate, placeSignature } from '../../src/docx/signature-layout.ts';
import { setWidth, textWidth } from '../../src/official/text-width.ts';

describe('成文日期', () => {
  it('is written in Arabic numerals without leading zeros', () => {
    expect(chineseDate('2023-01-04')).toBe('2023年1月4日');
    expect(chineseDate('2023-12-31')).toBe('2023年12月31日');
  });
});

describe('placeSignature (unsealed document)', () => {
  it('right-spaces a long name two characters and starts the date two characters further in', () => {
    const name = '辰溪县人民政府办公室';
    const date = '2023年1月4日';
    const p = placeSignature(name, date);
    expect(p.nameStart + textWidth(name)).toBe(26);
    expect(p.dateStart - p.nameStart).toBe(2);
    expect(p.anchor).toBe('name');
  });

  it('right-spaces the date two characters when it would run further right than the name', () => {
    const name = '辰溪县司法局';
    const date = '2023年1月18日';
    const p = placeSignature(name, date);
    // 6.5 characters and the quarter-character spaces Word and LibreOffice put around each number.
    expect(setWidth(date)).toBe(6.5 + 5 * 0.25);
    expect(p.dateStart + setWidth(date)).toBe(26);
    expect(p.dateStart - p.nameStart).toBe(2);
    expect(p.nameStart + textWidth(name)).toBeLessThan(26);
    expect(p.anchor).toBe('date');
  });
});

describe('setWidth', () => {
  it('counts a quarter character wherever a Han character meets a Latin letter or digit', () => {
    expect(setWidth('辰溪县司法局')).toBe(6);
    expect(setWidth('2023年1月4日')).toBe(6 + 5 * 0.25);
    // Not next to punctuation.
    expect(setWidth('附件：1.')).toBe(3.75);
    expect(setWidth('附件：1.2022年度')).toBe(3.75 + 2 + 0.25 + 2);
  });
});
