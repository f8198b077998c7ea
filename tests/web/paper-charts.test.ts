/** The charts on paper (PDF and Word file): which, how numbered, their rows and their SVG. */
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { textWidthEm } from '../../src/web/charts/layout.ts';
import { balancedLines, layoutPaperChart } from '../../src/web/charts/paper-layout.ts';
import { PAPER_FONT_SIZE, paperChartSvg, TYPE_AREA_WIDTH_PT } from '../../src/web/charts/paper-svg.ts';
import { paperCaption, paperCharts } from '../../src/web/charts/select.ts';
import { twoSampleReport } from './sample-model.ts';

const xinxiChart = () => paperCharts(twoSampleReport('chenxi-sifaju-2022-xinxi-gongkai'))[0]!;

describe('which charts go on paper', () => {
  it('numbers the wholes with their parts through the report, and leaves out the charts across the years', () => {
    const fazhi = paperCharts(twoSampleReport('chenxi-2022-fazhi-zhengfu'));
    expect(fazhi.map((c) => [c.section, c.number, c.spec.kind])).toEqual([
      ['maodun-jiufen', 1, 'parts'],
      ['maodun-jiufen', 2, 'parts'],
    ]);
    expect(paperCaption(fazhi[1]!)).toBe('图2\u3000人民调解员：乡镇人民调解员、村社区人民调解员、专业性行业性调解员');
    expect(paperCaption(xinxiChart())).toBe('图1\u3000本年度办理结果的构成');
  });
});

describe('rows of a chart on paper', () => {
  it('wraps a label into even lines, losing no character', () => {
    const label = '其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请';
    const lines = balancedLines(label, 16);
    expect(lines.join('')).toBe(label);
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(textWidthEm(l)).toBeGreaterThan(8);
    expect(balancedLines('不予公开：属于三类内部事务信息', 14)).toEqual(['不予公开：属于三', '类内部事务信息']);
  });

  it('keeps labels in their column, bars beside them and values after them, rows apart', () => {
    const width = TYPE_AREA_WIDTH_PT / PAPER_FONT_SIZE;
    const layout = layoutPaperChart(xinxiChart().spec, width);
    const bars = xinxiChart().spec.groups[0]!.bars;
    expect(layout.bars).toHaveLength(bars.length);
    const [first] = layout.bars;
    for (const t of layout.texts.filter((t) => t.role === 'label')) expect(t.x + textWidthEm(t.text)).toBeLessThanOrEqual(first!.x);
    for (const t of layout.texts.filter((t) => t.role === 'value')) {
      expect(t.x).toBeGreaterThan(first!.x + first!.track);
      expect(t.x + textWidthEm(t.text)).toBeLessThanOrEqual(width + 1e-9);
    }
    expect(layout.texts.filter((t) => t.role === 'value').map((t) => t.text)[0]).toBe('23件（占53.5%）');
    // Parts of a whole: the bars share one track, and together fill it.
    expect(layout.bars.reduce((s, b) => s + b.width, 0)).toBeCloseTo(first!.track, 1);
    for (const [i, b] of layout.bars.entries()) if (i > 0) expect(b.y).toBeGreaterThan(layout.bars[i - 1]!.y + layout.bars[i - 1]!.height);
    // Twelve rows fit well within a page's 22 lines of 28.95 pt.
    expect(layout.height * PAPER_FONT_SIZE).toBeLessThan(22 * 28.95 * 0.75);
  });
});

describe('the SVG of a chart on paper', () => {
  it('is a standalone drawing in points, whole grid lines high, in greys, with its words as text', () => {
    const chart = xinxiChart();
    const { svg, width, height } = paperChartSvg(chart.spec, { width: TYPE_AREA_WIDTH_PT, fontSize: 12, fontFamily: '仿宋_GB2312, AR PL UMing CN', pitch: 28.95 });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(width).toBeCloseTo(442.2, 1);
    expect(Math.abs(height / 28.95 - Math.round(height / 28.95))).toBeLessThan(1e-3);
    expect(svg).toContain(`width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}"`);
    // Nothing relative to a page's CSS: no em, no percent, no classes to style.
    expect(svg).not.toMatch(/\d(em|%)"/);
    expect(svg).not.toContain('class="chart');
    expect(new Set([...svg.matchAll(/fill="([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set(['#e6e6e6', '#404040', '#000']));
    expect(svg).toContain('>予以公开</text>');
    expect(svg).toContain('>23件（占53.5%）</text>');
    expect(svg).toContain('font-family="仿宋_GB2312, AR PL UMing CN"');
  });
});
