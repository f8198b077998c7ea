import { describe, expect, it } from 'vitest';
import { partsCharts, wholeWithParts, yearsChart } from '../../src/web/charts/select.ts';
import { layoutChart, LINE_EM, textWidthEm, wrapText } from '../../src/web/charts/layout.ts';
import { chartSvg, sparklineSvg } from '../../src/web/charts/svg.ts';
import type { ChartSpec } from '../../src/web/charts/spec.ts';
import { sampleReport, section } from './sample-model.ts';

const fazhi = () => sampleReport('chenxi-2022-fazhi-zhengfu');
const xinxi = () => sampleReport('chenxi-sifaju-2022-xinxi-gongkai');

describe('chart text', () => {
  it('measures Chinese as one em a character and Latin digits narrower', () => {
    expect(textWidthEm('人民调解')).toBe(4);
    expect(textWidthEm('1054')).toBeCloseTo(2.2);
    expect(textWidthEm('“三源共治”')).toBe(6);
  });

  it('wraps long labels into lines that fit, without losing a character', () => {
    const label = '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请';
    const lines = wrapText(label);
    expect(lines.join('')).toBe(label);
    expect(lines.length).toBe(3);
    for (const l of lines) expect(textWidthEm(l)).toBeLessThanOrEqual(LINE_EM);
  });
});

describe('charts of a whole with its parts', () => {
  it('finds the two breakdowns of 人民调解员 in its section, and none elsewhere', () => {
    const report = fazhi();
    const charts = partsCharts(report, section(report, 'maodun-jiufen'));
    expect(charts.map((c) => c.title)).toEqual(['人民调解员：专职人民调解员、兼职人民调解员', '人民调解员：乡镇人民调解员、村社区人民调解员、专业性行业性调解员']);
    expect(charts[0]!.groups[0]!.bars.map((b) => [b.text, b.note])).toEqual([
      ['392人', '占37.2%'],
      ['662人', '占62.8%'],
    ]);
    expect(charts[0]!.description).toBe('人民调解员共1054名，其中专职人民调解员392人，占37.2%；兼职人民调解员662人，占62.8%。');
    expect(charts[1]!.table.rows.at(-1)).toEqual(['合计', '1054名', '100%']);
    for (const s of report.sections.filter((s) => s.slug !== 'maodun-jiufen')) expect(partsCharts(report, s)).toEqual([]);
  });

  it('reads a rule with two totals (一 + 二 = 三 + 四) as no whole with parts', () => {
    const report = xinxi();
    const column = report.rules.find((r) => r.metricIds[0] === 'shenqing.jieguo-zongji.zongji' && r.metricIds[1] === 'shenqing.jiezhuan-xianian.zongji')!;
    expect(column).toBeDefined();
    expect(wholeWithParts(column, report)).toBeUndefined();
    const rows = report.rules.find((r) => r.metricIds[0] === 'shenqing.xinshou.zongji')!;
    expect(wholeWithParts(rows, report)?.parts.map((m) => m.id)).toEqual(['shenqing.xinshou.ziranren', 'shenqing.xinshou.shangye', 'shenqing.xinshou.keyan', 'shenqing.xinshou.gongyi', 'shenqing.xinshou.falv', 'shenqing.xinshou.qita']);
  });

  it('charts an official table by its totals column only, and leaves out zero parts', () => {
    const report = xinxi();
    const charts = partsCharts(report, section(report, 'shenqing-chuli'));
    expect(charts).toHaveLength(1);
    const [chart] = charts;
    expect(chart!.title).toBe('本年度办理结果的构成');
    const bars = chart!.groups[0]!.bars;
    expect(bars.reduce((s, b) => s + b.value, 0)).toBe(43);
    expect(bars.every((b) => b.value > 0 && b.metricId!.endsWith('.zongji'))).toBe(true);
    expect(bars[0]).toMatchObject({ label: '予以公开', text: '23件', note: '占53.5%' });
    expect(bars.map((b) => b.label)).toContain('不予公开：保护第三方合法权益');
    expect(chart!.description).toMatch(/其余9项为0件。$/);
    expect(chart!.table.rows).toHaveLength(22);
  });
});

describe('chart across years', () => {
  it('needs at least two years', () => {
    const report = fazhi();
    expect(yearsChart(report, section(report, 'maodun-jiufen'), [report])).toBeUndefined();
  });

  it('pairs each shared metric of the section by year, earlier years muted', () => {
    const report = fazhi();
    const earlier = structuredClone(report);
    earlier.meta.year = 2021;
    earlier.metrics.tiaojieyuan = { ...earlier.metrics.tiaojieyuan!, value: { kind: 'exact', number: 1000 } };
    const chart = yearsChart(report, section(report, 'maodun-jiufen'), [earlier, report])!;
    const group = chart.groups.find((g) => g.label === '人民调解员')!;
    expect(group.bars.map((b) => [b.label, b.text, !!b.muted])).toEqual([
      ['2021年', '1000名', true],
      ['2022年', '1054名', false],
    ]);
    expect(chart.title).toBe('积极防范化解社会矛盾纠纷：2021—2022年数据对比');
    expect(chart.description).toContain('人民调解员：2021年1000名，2022年1054名');
    // Approximate values ("20余场次") are not drawn as bars.
    expect(chart.groups.some((g) => g.label === '法治宣传活动')).toBe(false);
  });
});

describe('chart geometry and SVG', () => {
  const spec: ChartSpec = {
    kind: 'parts',
    title: '人民调解员：专职、兼职',
    description: '专职392人，兼职662人。',
    groups: [{ bars: [{ label: '专职', value: 392, text: '392人', metricId: 'a' }, { label: '兼职', value: 662, text: '662人', metricId: 'b' }] }],
    table: { caption: '', head: [], rows: [] },
  };

  it('sizes bars as shares of the whole and stacks rows in em', () => {
    const layout = layoutChart(spec);
    expect(layout.bars.map((b) => b.width)).toEqual([37.192, 62.808]);
    expect(layout.bars[1]!.y).toBeGreaterThan(layout.bars[0]!.y + layout.bars[0]!.height);
    expect(layout.height).toBeGreaterThan(layout.bars[1]!.y + layout.bars[1]!.height);
    expect(layout.lines.map((l) => l.parts.map((p) => p.text).join(''))).toEqual(['专职392人', '兼职662人']);
  });

  it('draws an SVG image named by its title and described by its numbers', () => {
    const svg = chartSvg(spec, 'c1');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">人民调解员：专职、兼职</title>');
    expect(svg).toContain('<desc id="c1-desc">专职392人，兼职662人。</desc>');
    expect(svg).toContain('<tspan class="chart-value" data-metric="b"> 662人</tspan>');
    expect(svg).toContain('width="62.808%"');
    expect(svg).not.toMatch(/style=|<script/);
  });

  it('escapes text and names sparklines by their values', () => {
    const svg = sparklineSvg([{ year: 2021, value: 1, text: '1件' }, { year: 2022, value: 2, text: '2件' }], '<a>');
    expect(svg).toContain('aria-label="&lt;a&gt;：2021年1件，2022年2件"');
    expect(svg.match(/<rect class="chart-bar"/g)).toHaveLength(2);
  });
});
