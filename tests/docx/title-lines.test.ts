import { describe, expect, it } from 'vitest';
import { titleAtoms, titleLines } from '../../src/official/title-lines.ts';
import { textWidth } from '../../src/official/text-width.ts';

const MAX = 20; // 二号 characters in the 156 mm line

describe('titleLines', () => {
  it('leaves a title that fits on one line alone', () => {
    expect(titleLines('关于法治政府建设的报告', MAX)).toEqual(['关于法治政府建设的报告']);
  });

  it('breaks after 关于 rather than inside a phrase', () => {
    expect(titleLines('辰溪县人民政府关于法治政府建设工作情况汇报（2022年）', MAX, ['辰溪县人民政府'])).toEqual([
      '辰溪县人民政府关于',
      '法治政府建设工作情况汇报（2022年）',
    ]);
  });

  it('breaks after the issuing body and the year', () => {
    expect(titleLines('辰溪县司法局2022年政府信息公开工作年度报告', MAX, ['辰溪县司法局'])).toEqual(['辰溪县司法局2022年', '政府信息公开工作年度报告']);
  });

  it('keeps words, bracketed parts and numbers whole, and every line within the measure', () => {
    const title = '湖南省怀化市辰溪县人民政府办公室关于进一步加强和改进全县行政规范性文件制定和监督管理工作的实施意见';
    const lines = titleLines(title, MAX);
    expect(lines.join('')).toBe(title);
    expect(lines.length).toBe(3);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(MAX);
    const atoms = titleAtoms(title, MAX);
    // Every break falls between two pieces ICU's word segmenter keeps together.
    let at = 0;
    const boundaries = new Set(atoms.map((a) => (at += a.length)));
    let end = 0;
    for (const line of lines.slice(0, -1)) expect(boundaries.has((end += line.length))).toBe(true);
    expect(atoms).toContain('规范性');
    // Not an hourglass: the middle line is not shorter than both others.
    const [a, b, c] = lines.map(textWidth) as [number, number, number];
    expect(b < a && b < c).toBe(false);
  });

  it('keeps （2022年） in one piece', () => {
    expect(titleAtoms('情况汇报（2022年）', MAX)).toContain('（2022年）');
  });
});
