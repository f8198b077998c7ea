import { describe, expect, it } from 'vitest';
import { sectionTables, type GridCell, type TableGrid } from '../../src/tables/official-tables.ts';
import { sampleReport, section } from './sample-model.ts';

const report = () => sampleReport('chenxi-sifaju-2022-xinxi-gongkai');
const grid = (slug: string): TableGrid => {
  const grids = sectionTables(report(), section(report(), slug));
  expect(grids).toHaveLength(1);
  return grids[0]!;
};

/** Lays cells out on a grid by their spans, as a browser's table algorithm does; returns the column count of each row. */
function widths(rows: GridCell[][]): number[] {
  const taken: boolean[][] = [];
  return rows.map((row, r) => {
    taken[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (taken[r]![c]) c++;
      for (let dr = 0; dr < (cell.rowspan ?? 1); dr++) for (let dc = 0; dc < (cell.colspan ?? 1); dc++) (taken[r + dr] ??= [])[c + dc] = true;
      c += cell.colspan ?? 1;
    }
    return taken[r]!.filter(Boolean).length;
  });
}

describe('official table layouts (2021 format)', () => {
  it('table 三: rows nested by group with spanning labels, columns under 申请人情况 and 法人或其他组织', () => {
    const g = grid('shenqing-chuli');
    const all = [...g.head, ...g.body];
    expect(new Set(widths(all))).toEqual(new Set([10]));
    expect(g.head[0]![0]).toMatchObject({ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', colspan: 3, rowspan: 3 });
    expect(g.head[1]!.map((c) => [c.text, c.colspan ?? 1, c.rowspan ?? 1])).toEqual([
      ['自然人', 1, 2],
      ['法人或其他组织', 5, 1],
      ['总计', 1, 2],
    ]);
    expect(g.body).toHaveLength(25);
    const jieguo = g.body[2]!.find((c) => c.text === '三、本年度办理结果')!;
    expect(jieguo).toMatchObject({ rowspan: 22, scope: 'rowgroup' });
    const first = g.body[0]!;
    expect(first[0]).toMatchObject({ text: '一、本年新收政府信息公开申请数量', colspan: 3, scope: 'row' });
    const leaf = g.body.find((row) => row.some((c) => c.text === '4.保护第三方合法权益'))!;
    expect(leaf.filter((c) => c.header).map((c) => c.colspan ?? 1)).toEqual([1]);
    const td = leaf.find((c) => !c.header)!;
    const ids = Object.fromEntries(all.flat().filter((c) => c.id).map((c) => [c.id, c.text]));
    expect(td.headers!.map((h) => ids[h])).toEqual(['三、本年度办理结果', '（三）不予公开', '4.保护第三方合法权益', '申请人情况', '自然人']);
    expect(td).toMatchObject({ text: '1件', metric: { id: 'shenqing.disanfang.ziranren', shown: '1', unit: '件' } });
    expect(g.notes).toEqual(['每一列：一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理']);
    expect(g.wide).toBe(true);
  });

  it('table 二: the four small tables of the section as one table of blocks', () => {
    const g = grid('zhudong-gongkai');
    expect(g.caption).toBe('主动公开政府信息情况');
    expect(new Set(widths(g.body))).toEqual(new Set([4]));
    expect(g.body.filter((r) => r[0]!.className === 'block-title').map((r) => r[0]!.text)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    const xuke = g.body.find((r) => r[0]!.text === '行政许可')!;
    expect(xuke.map((c) => [c.text, c.colspan ?? 1])).toEqual([
      ['行政许可', 1],
      ['128件', 3],
    ]);
    const guizhang = g.body.find((r) => r[0]!.text === '规章')!;
    expect(guizhang.slice(1).map((c) => c.metric)).toEqual([
      { id: 'zhudong-guizhang.guizhang.zhifa', shown: '/', unit: '' },
      { id: 'zhudong-guizhang.guizhang.feizhi', shown: '/', unit: '' },
      { id: 'zhudong-guizhang.guizhang.youxiao', shown: '/', unit: '' },
    ]);
    expect(g.body.find((r) => r[0]!.text === '行政事业性收费')![1]!.metric).toEqual({ id: 'zhudong-shoufei.xingzheng-shoufei.shoufei-jine', shown: '12.6', unit: '万元' });
    expect(g.body[1]![0]!.text).toBe('信息内容');
  });

  it('table 四: one row of fifteen numbers under 行政复议 and 行政诉讼', () => {
    const g = grid('fuyi-susong');
    expect(new Set(widths([...g.head, ...g.body]))).toEqual(new Set([15]));
    expect(g.head[0]!.map((c) => [c.text, c.colspan])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
    expect(g.head[1]!.map((c) => c.text)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉']);
    expect(g.body).toHaveLength(1);
    expect(g.body[0]!.map((c) => c.metric!.shown).join(' ')).toBe('1 1 0 0 2 1 0 0 1 2 0 0 0 0 0');
  });

  it('gives sections without template tables no grid', () => {
    expect(sectionTables(report(), section(report(), 'zongti-qingkuang'))).toEqual([]);
    const fazhi = sampleReport('chenxi-2022-fazhi-zhengfu');
    expect(fazhi.sections.flatMap((s) => sectionTables(fazhi, s))).toEqual([]);
  });
});
