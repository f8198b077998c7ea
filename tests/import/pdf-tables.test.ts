import { describe, expect, it } from 'vitest';
import { findTableRanges, tableRows, type PdfLine } from '../../src/import/pdf-tables.ts';

// Lines of a PDF's text layer as pdfjs gives them (x, y in points; 10.5 pt table text, 16 pt body).
const word = (text: string, x: number, y: number, size = 10.5) => ({ text, x, right: x + [...text].reduce((n, c) => n + (/[\x00-\xff]/.test(c) ? size / 2 : size), 0), y, size });
const line = (y: number, ...words: [string, number][]): PdfLine => ({ words: words.map(([t, x]) => word(t, x, y)), size: 10.5 });

describe('PDF tables by position', () => {
  const header = line(700, ['项目', 78], ['自然人', 213], ['商业企', 258], ['总计', 304]);
  const wrapped = line(685, ['业', 258]);
  it('a figure goes into the column whose header it stands under; a blank stays blank; a wrapped header is joined', () => {
    const rows = tableRows([header, wrapped, line(670, ['一、新收', 78], ['3', 213], ['4', 304]), line(655, ['二、结转', 78], ['1', 258], ['1', 304])], 523);
    expect(rows).toEqual([
      ['项目', '自然人', '商业企业', '总计'],
      ['一、新收', '3', '', '4'],
      ['二、结转', '', '1', '1'],
    ]);
  });
  it('a figure between two columns is not guessed: its row reads as unplaced', () => {
    const rows = tableRows([header, wrapped, line(670, ['一、新收', 78], ['3', 213], ['4', 304]), line(655, ['二、结转', 78], ['1', 247], ['1', 304])], 523);
    expect(rows[2]).toEqual(['二、结转', '？', '？', '1']);
  });
  it('a label wrapped onto the next line stays in its row; a short label does not take the next one', () => {
    const narrow = line(700, ['项目', 78], ['总计', 160]);
    const rows = tableRows([narrow, line(685, ['一、本年新', 78], ['5', 160]), line(670, ['收申请', 78]), line(655, ['二、结转', 78], ['1', 160]), line(640, ['第二十条', 78])], 523);
    expect(rows).toEqual([['项目', '总计'], ['一、本年新收申请', '5'], ['二、结转', '1'], ['第二十条', '']]);
  });
  it('cells centred across and down (the official form as offices set it): a label over two lines beside its figures in the middle', () => {
    const centred = line(700, ['项目', 78], ['自然人', 214.25], ['总计', 279.5]);
    const rows = tableRows([centred, line(680, ['（二）部分公开（区分', 78]), line(672, ['2', 227.4], ['5', 287.4]), line(665, ['处理的）', 78]), line(650, ['三、办结', 78], ['1', 227.4], ['1', 287.4])], 523);
    expect(rows).toEqual([['项目', '自然人', '总计'], ['（二）部分公开（区分处理的）', '2', '5'], ['三、办结', '1', '1']]);
  });
  it('finds tables among body lines: spread lines and lines in the table’s smaller type', () => {
    const body = (y: number, text: string): PdfLine => ({ words: [word(text, 72, y, 16)], size: 16 });
    const lines = [body(760, '三、收到和处理政府信息公开申请情况'), header, wrapped, line(670, ['一、新收', 78], ['3', 213], ['4', 304]), line(660, ['政府信息', 78]), line(655, ['二、结转', 78], ['1', 258], ['1', 304]), body(600, '四、政府信息公开行政复议、行政诉讼情况')];
    expect(findTableRanges(lines, 16)).toEqual([[1, 6]]);
  });
});
