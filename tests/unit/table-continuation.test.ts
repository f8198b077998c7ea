/**
 * The pure part of repeating row-group labels on a table's continuation page
 * (src/pdf/table-continuation.ts): matching the printed pages' tables (from the tagged structure)
 * to the print page's tables, and finding the pages that begin inside a row group.
 */
import { describe, expect, it } from 'vitest';
import { labelRepeats, sameRepeats, type PrintedTable, type TableShape } from '../../src/pdf/table-continuation.ts';

/** A table with one header row, then: 一、 (no group), 三、's rows (（一）, then （三）'s 1. and 2.), 四、. */
const applications: TableShape = {
  headRows: 1,
  rows: [
    { key: '申请人情况', groups: 0 },
    { key: '一、本年新收87', groups: 0 },
    { key: '（一）予以公开55', groups: 0 },
    { key: '1.属于国家秘密00', groups: 2 },
    { key: '2.其他法律行政法规禁止公开00', groups: 2 },
    { key: '四、结转下年度继续办理11', groups: 0 },
  ],
};
const plain: TableShape = { headRows: 1, rows: [{ key: '项目数量', groups: 0 }, { key: '规章3', groups: 0 }] };
const printed = (...rows: [number, string][]): PrintedTable => ({ rows: rows.map(([index, text]) => ({ index, text })) });

describe('labelRepeats', () => {
  it('repeats the labels where a page begins inside a group, after the repeated header row', () => {
    const pages = [
      [printed([0, '项目数量'], [1, '规章3'])],
      [printed([0, '申请人情况'], [1, '一、本年新收87'], [2, '三、本年度办理结果（一）予以公开55'], [3, '（三）不予公开1.属于国家秘密00'])],
      [printed([0, '申请人情况'], [4, '2.其他法律行政法规禁止公开00'], [5, '四、结转下年度继续办理11'])],
    ];
    expect(labelRepeats(pages, [plain, applications])).toEqual([{ table: 1, row: 4 }]);
  });

  it('asks for nothing when every page begins at a row outside any group, or the table fits a page', () => {
    const pages = [
      [printed([0, '申请人情况'], [1, '一、本年新收87'], [2, '三、本年度办理结果（一）予以公开55'], [3, '（三）不予公开1.属于国家秘密00'], [4, '2.其他法律行政法规禁止公开00'])],
      [printed([0, '申请人情况'], [5, '四、结转下年度继续办理11'])],
    ];
    expect(labelRepeats(pages, [applications])).toEqual([]);
    expect(labelRepeats([[printed([0, '项目数量'], [1, '规章3'])]], [plain])).toEqual([]);
  });

  it('finds the repeat again in a print that already has the labels repeated (the rows’ text holds their own cells)', () => {
    const pages = [
      [printed([0, '申请人情况'], [1, '一、本年新收87'], [2, '三、本年度办理结果（一）予以公开55'], [3, '（三）不予公开1.属于国家秘密00'])],
      [printed([0, '申请人情况'], [4, '三、本年度办理结果（三）不予公开2.其他法律行政法规禁止公开00'])],
    ];
    expect(labelRepeats(pages, [applications])).toEqual([{ table: 0, row: 4 }]);
  });

  it('matches tables by their rows, skipping a print-page table the structure does not show, and never goes back', () => {
    // The structure holds only the second table: matched by its rows, not by position.
    expect(labelRepeats([[printed([0, '申请人情况'], [4, '2.其他法律行政法规禁止公开00'])]], [plain, applications])).toEqual([{ table: 1, row: 4 }]);
    // Rows whose text is not the shape's (another table of the same size): no match, nothing repeated.
    expect(labelRepeats([[printed([0, '申请人情况'], [4, '2.其他00'])]], [applications])).toEqual([]);
    // After the second table, a page's table is never matched to the first again.
    const later = [[printed([0, '申请人情况'], [1, '一、本年新收87'])], [printed([0, '项目数量'], [1, '规章3'])]];
    expect(labelRepeats(later, [plain, applications])).toEqual([]);
  });
});

describe('sameRepeats', () => {
  it('compares the lists in order', () => {
    expect(sameRepeats([{ table: 0, row: 4 }], [{ table: 0, row: 4 }])).toBe(true);
    expect(sameRepeats([{ table: 0, row: 4 }], [{ table: 0, row: 5 }])).toBe(false);
    expect(sameRepeats([], [{ table: 0, row: 4 }])).toBe(false);
  });
});
