import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportNotice } from '../../src/import/blocks.ts';
import { importReport } from '../../src/import/import-report.ts';
import { extractMetrics } from '../../src/import/metric-candidates.ts';
import { readOutline, splitHeading } from '../../src/import/outline.ts';
import { IdPool } from '../../src/import/pinyin-id.ts';
import { restoreFullWidthPunctuation } from '../../src/import/punctuation.ts';
import { blocksFromHtml } from '../../src/import/source-html.ts';
import { copyProject } from '../helpers/content-fixtures.ts';

describe('figures become metric candidates', () => {
  const inputs = (text: string) => extractMetrics(text, new IdPool()).metrics.map((m) => m.input);
  it('reads units and qualifiers as reports write them', () => {
    expect(inputs('企业开办时间压缩至5个工作日内，实现了100个以上高频事项，交办整改问题20余条，每年组织1—2次评查，成功率达95.4%，占3%以上。')).toEqual([
      expect.objectContaining({ value: 5, unit: '个工作日', qualifier: 'within' }),
      expect.objectContaining({ value: 100, unit: '个', qualifier: 'at-least' }),
      expect.objectContaining({ value: 20, unit: '条', qualifier: 'over' }),
      expect.objectContaining({ range: [1, 2], unit: '次' }),
      expect.objectContaining({ value: 95.4, unit: '%' }),
      expect.objectContaining({ value: 3, unit: '%', qualifier: 'at-least' }),
    ]);
  });
  it('leaves dates, years, hotlines and numbers in names as text', () => {
    const r = extractMetrics('自2020年以来，每年1月31日前公开，纳入12345热线，《2022年防汛应急预案》，二0三五年远景目标。', new IdPool());
    expect(r.metrics).toEqual([]);
    expect(r.text).toBe('自2020年以来，每年1月31日前公开，纳入12345热线，《2022年防汛应急预案》，二0三五年远景目标。');
  });
  it('labels a figure with the words before it and gives ASCII ids', () => {
    const r = extractMetrics('辰溪县共有各级调解组织324个，人民调解员1054名。', new IdPool());
    expect(r.text).toBe('辰溪县共有各级调解组织:m[gejitiaojiezuzhi]，人民调解员:m[renmintiaojieyuan]。');
    expect(r.metrics[1]!.input).toMatchObject({ id: 'renmintiaojieyuan', label: '人民调解员', value: 1054, unit: '名' });
  });
});

describe('outline of an official document', () => {
  it('splits run-in headings into title and text', () => {
    expect(splitHeading('（一）依法全面履行政府职能。近年来，我县……', 2)).toEqual({ title: '依法全面履行政府职能', rest: '近年来，我县……' });
    expect(splitHeading('一、所做的工作', 1)).toEqual({ title: '所做的工作' });
  });
  it('finds the signature and date at the end', () => {
    const o = readOutline(['标题', '一、总体情况', '正文。', '辰溪县司法局', '2023年1月18日'].map((text) => ({ kind: 'text' as const, text })));
    expect(o).toMatchObject({ title: '标题', signature: '辰溪县司法局', writtenDate: '2023-01-18' });
    expect(o.sections).toHaveLength(1);
  });
});

describe('full-width punctuation', () => {
  it('restores it next to Chinese text and leaves times and decimals alone', () => {
    expect(restoreFullWidthPunctuation('近年来,我县(2022年)发布时间:11:30,增长3.5%;').text).toBe('近年来，我县（2022年）发布时间：11:30，增长3.5%；');
  });
});

describe('HTML pages', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reports and drops scripts, frames and hidden links', () => {
    const notices: ImportNotice[] = [];
    const blocks = blocksFromHtml(
      `<p>正文第一段。</p><script>alert(1)</script><div style="display:none"><a href="http://bad.example/">澳门新葡京</a></div>
       <p>第二段<span style="position:absolute;left:-9999px"><a href="http://x.example">暗链</a></span>。</p><iframe src="http://ad.example"></iframe>`,
      notices,
    );
    expect(blocks.map((b) => (b.kind === 'text' ? b.text : ''))).toEqual(['正文第一段。', '第二段。']);
    expect(notices.map((n) => n.message)).toEqual([
      expect.stringContaining('脚本'),
      expect.stringContaining('隐藏的链接（暗链）（display:none）'),
      expect.stringContaining('隐藏的链接（暗链）（left:-9999px（移到屏幕以外））'),
      expect.stringContaining('<iframe>'),
    ]);
    expect(notices[1]!.where).toContain('http://bad.example/');
  });

  it('imports a 信息公开 page with its tables into the template tables', async () => {
    const project = copyProject();
    dirs.push(project);
    const tmp = mkdtempSync(path.join(tmpdir(), 'nianbao-html-'));
    dirs.push(tmp);
    const row = (label: string, values: (number | string)[]) => `<tr><td>${label}</td>${values.map((v) => `<td>${v}</td>`).join('')}</tr>`;
    const html = `<html><body><h1>测试县司法局2023年政府信息公开工作年度报告</h1>
      <p>发布日期：2024-01-20 09:30　信息来源：测试县司法局</p>
      <h2>一、总体情况</h2><p>全年主动公开政府信息326条。</p>
      <h2>二、主动公开政府信息情况</h2>
      <table>${row('信息内容', ['本年制发件数', '本年废止件数', '现行有效件数'])}${row('规章', ['/', '/', '/'])}${row('行政规范性文件', [2, 1, 15])}
        ${row('信息内容', ['本年处理决定数量'])}${row('行政许可', [128])}${row('信息内容', ['本年处理决定数量'])}${row('行政处罚', [56])}${row('行政强制', [3])}
        ${row('信息内容', ['本年收费金额（单位：万元）'])}${row('行政事业性收费', [12.6])}</table>
      <h2>三、收到和处理政府信息公开申请情况</h2>
      <table>${row('', ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'])}${row('一、本年新收政府信息公开申请数量', [1, 0, 0, 0, 0, 0, 1])}${row('四、结转下年度继续办理', [0, 0, 0, 0, 0, 0, 0])}</table>
      <h2>四、政府信息公开行政复议、行政诉讼情况</h2><p>无。</p>
      <h2>五、存在的主要问题及改进情况</h2><p>问题。</p>
      <h2>六、其他需要报告的事项</h2><p>无。</p>
      <p>测试县司法局</p><p>2024年1月18日</p></body></html>`;
    const file = path.join(tmp, 'report.html');
    writeFileSync(file, html);
    const result = await importReport(file, { project, slug: 'ceshi-2023-xinxi' });
    expect(result.type).toBe('xinxi-gongkai');
    expect(result.sections.map((s) => s.title)).toEqual(['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项']);
    // Columns by their headers. Table 二 is complete; table 三 lacks most rows and table 四 all: listed for the editor, never filled in.
    expect(result.notices.find((n) => n.message.includes('第二十条第（一）项'))).toBeUndefined();
    expect(result.notices.find((n) => n.message.includes('收到和处理政府信息公开申请情况') && n.message.includes('没有在原文中找到'))).toBeDefined();
    expect(result.diagnostics.some((d) => d.rule === 'table.missing-row')).toBe(true);
    expect(result.diagnostics.some((d) => d.rule === 'table.missing' && d.message.includes('fuyi-susong'))).toBe(true);
  });
});
