import { describe, expect, it } from 'vitest';
import type { ContentModel, ReportModel } from '../../src/content/index.ts';
import type { Metric } from '../../src/schema/metric.ts';
import { consecutiveSeries, metricChange, previousReport, typeHistory } from '../../src/web/years.ts';
import { twoSampleModel as sampleModel, twoSampleReport as sampleReport } from './sample-model.ts';

const metric = (value: Metric['value'], unit = '件'): Metric => ({ id: 'm', label: '指标', unit, value, section: 's', source: { file: '', line: 0, column: 0 } });
const exact = (n: number, unit?: string) => metric({ kind: 'exact', number: n }, unit);

describe('metricChange', () => {
  it('says how much and by what share a count rose or fell', () => {
    expect(metricChange(exact(1000, '名'), exact(1054, '名'))).toEqual({ direction: 'up', text: '增加54名（增长5.4%）' });
    expect(metricChange(exact(21), exact(18))).toEqual({ direction: 'down', text: '减少3件（下降14.3%）' });
    expect(metricChange(exact(5), exact(5))).toEqual({ direction: 'same', text: '持平' });
    expect(metricChange(exact(0), exact(4))).toEqual({ direction: 'up', text: '增加4件' });
  });

  it('compares rates in percentage points and keeps decimals clean', () => {
    expect(metricChange(exact(94.1, '%'), exact(95.4, '%'))).toEqual({ direction: 'up', text: '提高1.3个百分点' });
    expect(metricChange(exact(100, '%'), exact(90, '%'))).toEqual({ direction: 'down', text: '降低10个百分点' });
    expect(metricChange(exact(10.2, '万元'), exact(12.6, '万元'))?.text).toBe('增加2.4万元（增长23.5%）');
  });

  it('does not compare approximate values, ranges, "/" or a changed unit', () => {
    expect(metricChange(metric({ kind: 'over', number: 15 }), metric({ kind: 'over', number: 20 }))).toBeUndefined();
    expect(metricChange(metric({ kind: 'range', from: 1, to: 2 }), exact(2))).toBeUndefined();
    expect(metricChange(metric({ kind: 'na' }), exact(2))).toBeUndefined();
    expect(metricChange(exact(2, '件'), exact(3, '次'))).toBeUndefined();
  });
});

/** The samples plus a copy of one report moved to another year or organ. */
function withCopy(slug: 'chenxi-2022-fazhi-zhengfu', change: (r: ReportModel) => void): { model: ContentModel; copy: ReportModel } {
  const model = sampleModel();
  const copy = structuredClone(sampleReport(slug));
  copy.slug = `${slug}-copy`;
  change(copy);
  return { model: { ...model, reports: [...model.reports, copy] }, copy };
}

describe('series of reports', () => {
  it('takes the previous year of the same type by the same issuer', () => {
    const { model, copy } = withCopy('chenxi-2022-fazhi-zhengfu', (r) => (r.meta.year = 2021));
    const current = model.reports.find((r) => r.slug === 'chenxi-2022-fazhi-zhengfu')!;
    expect(previousReport(model, current)).toBe(copy);
    expect(consecutiveSeries(model, current).map((r) => r.meta.year)).toEqual([2021, 2022]);
    expect(previousReport(model, copy)).toBeUndefined();
  });

  it('does not compare another issuer’s report, nor a year that is not the one before', () => {
    const other = withCopy('chenxi-2022-fazhi-zhengfu', (r) => {
      r.meta.year = 2021;
      r.issuer = { ...r.issuer, id: 'gonganju', name: '辰溪县公安局' };
    });
    expect(previousReport(other.model, sampleReport('chenxi-2022-fazhi-zhengfu'))).toBeUndefined();
    const gap = withCopy('chenxi-2022-fazhi-zhengfu', (r) => (r.meta.year = 2020));
    expect(previousReport(gap.model, sampleReport('chenxi-2022-fazhi-zhengfu'))).toBeUndefined();
  });

  it('tabulates a type’s metrics by organ, grouped as the latest report groups them', () => {
    const { model } = withCopy('chenxi-2022-fazhi-zhengfu', (r) => {
      r.meta.year = 2021;
      r.metrics.tiaojieyuan = { ...r.metrics.tiaojieyuan!, value: { kind: 'exact', number: 1000 } };
    });
    const [series] = typeHistory(model, 'fazhi-zhengfu');
    expect(series!.organ).toBe('辰溪县司法局'); // the issuer (发布机构), not the signing organ
    expect(series!.years).toEqual([2021, 2022]);
    const group = series!.groups.find((g) => g.title === '积极防范化解社会矛盾纠纷')!;
    const row = group.rows.find((r) => r.id === 'tiaojieyuan')!;
    expect(row.values.map((m) => m && m.value)).toEqual([
      { kind: 'exact', number: 1000 },
      { kind: 'exact', number: 1054 },
    ]);
  });

  it('groups the cells of official tables by table, named without the table title', () => {
    const [series] = typeHistory(sampleModel(), 'xinxi-gongkai');
    const titles = series!.groups.map((g) => g.title);
    expect(titles).toEqual(['总体情况', '第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '其他需要报告的事项']);
    const shenqing = series!.groups.find((g) => g.title === '收到和处理政府信息公开申请情况')!;
    expect(shenqing.rows).toHaveLength(25 * 7);
    expect(shenqing.rows[0]!.label).toBe('一、本年新收政府信息公开申请数量（自然人）');
  });
});
