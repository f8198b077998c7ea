import { describe, expect, it } from 'vitest';
import { formatMetric } from '../../src/metrics/format.ts';
import { CSV_HEADER, csvField, reportCsv, reportData, reportJson } from '../../src/web/export.ts';
import { sampleReport } from './sample-model.ts';

describe('report data files', () => {
  it('writes CSV for Excel: byte-order mark, CRLF, one row a metric in section order', () => {
    const report = sampleReport('chenxi-2022-fazhi-zhengfu');
    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFF年度,报告类型,发布机构,发布机构编号,报告编号,报告标题,索引号,指标编号,指标名称,数值,上限,单位,限定,报告原文写法,所在章节\r\n')).toBe(true);
    // Every row first says whose it is: year, type, issuer, report.
    const owner = `2022,法治政府建设年度报告,辰溪县司法局,sifaju,chenxi-2022-fazhi-zhengfu,${report.meta.title},${report.indexNumber},`;
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(Object.keys(report.metrics).length + 2);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toBe(`${owner}xiangzhen-fuyu,直接赋予乡镇的权限,10,,项,精确,10项,（一）依法全面履行政府职能`);
    expect(lines).toContain(`${owner}anjuan-pingcha,每年组织行政执法案卷评查,1,2,次,范围,1—2次,（五）严格规范公正文明执法`);
    expect(lines).toContain(`${owner}zhenggai-wenti,交办整改问题,20,,条,余,20余条,（二）全力优化法治化营商环境`);
    expect(CSV_HEADER).toHaveLength(15);
  });

  it('quotes fields with commas, quotes or line breaks, and disarms formulas', () => {
    expect(csvField('甲,乙')).toBe('"甲,乙"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(undefined)).toBe('');
  });

  it('keeps "/" cells of official tables as not applicable', () => {
    const csv = reportCsv(sampleReport('chenxi-sifaju-2022-xinxi-gongkai'));
    expect(csv).toContain(',zhudong-guizhang.guizhang.zhifa,第二十条第（一）项：规章（本年制发件数）,,,件,不适用,/,二、主动公开政府信息情况\r\n');
  });

  it('writes JSON with the model’s values and the formatted text of each', () => {
    const report = sampleReport('chenxi-sifaju-2022-xinxi-gongkai');
    const data = JSON.parse(reportJson(report)) as ReturnType<typeof reportData>;
    expect(data).toMatchObject({ slug: report.slug, year: 2022, type: { id: 'xinxi-gongkai', version: '2021' }, publishedAt: '2023-01-20 09:30' });
    expect(data.metrics).toHaveLength(Object.keys(report.metrics).length);
    for (const m of data.metrics) {
      expect(m.text).toBe(formatMetric(report.metrics[m.id]!));
      expect(m.value).toEqual(report.metrics[m.id]!.value);
    }
    expect(data.metrics.find((m) => m.id === 'shenqing.xinshou.zongji')!.cell).toEqual({ table: 'shenqing', row: 'xinshou', column: 'zongji' });
  });
});
