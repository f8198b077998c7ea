import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { findTemplates, loadContent } from '../../src/content/index.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import { REPO } from '../helpers/cli.ts';
import { editFile, pastFormatsProject } from '../helpers/past-formats.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const project = () => pastFormatsProject(made);
const edit = editFile;
const errors = (dir: string) => loadContent(dir).diagnostics.filter((d) => d.severity === 'error');

describe('the 2019 trial format of 信息公开 (国办公开办函〔2019〕60号)', () => {
  const t = findTemplates(REPO).find('xinxi-gongkai', '2019')!.template;

  it('has its own table 二 and one row for （六）其他处理', () => {
    expect(t.years).toEqual({ from: 2019, to: 2020 });
    const zhudong = t.tables.filter((x) => x.element === 'zhudong');
    expect(zhudong.map((x) => [x.title, x.columns.map((c) => c.label), x.rows.map((r) => r.label)])).toEqual([
      ['第二十条第（一）项', ['本年新制作数量', '本年新公开数量', '对外公开总数量'], ['规章', '规范性文件']],
      ['第二十条第（五）项', ['上一年项目数量', '本年增/减', '处理决定数量'], ['行政许可', '其他对外管理服务事项']],
      ['第二十条第（六）项', ['上一年项目数量', '本年增/减', '处理决定数量'], ['行政处罚', '行政强制']],
      ['第二十条第（八）项', ['上一年项目数量', '本年增/减'], ['行政事业性收费']],
      ['第二十条第（九）项', ['采购项目数量', '采购总金额'], ['政府集中采购']],
    ]);
    const shenqing = t.tables.find((x) => x.id === 'shenqing')!;
    expect(shenqing.rows.find((r) => r.id === 'qita-chuli')).toMatchObject({ label: '（六）其他处理', group: false });
    expect(shenqing.rows.filter((r) => !r.group)).toHaveLength(23);
  });

  it('numbers table 三 leaf rows as the 2021 format does where they mean the same', () => {
    const t2021 = findTemplates(REPO).find('xinxi-gongkai', '2021')!.template;
    const rows2021 = new Map(t2021.tables.find((x) => x.id === 'shenqing')!.rows.map((r) => [r.id, r.label]));
    for (const row of t.tables.find((x) => x.id === 'shenqing')!.rows) {
      if (row.id === 'qita-chuli') continue;
      expect(rows2021.get(row.id)).toBe(row.label);
    }
  });

  it('checks a 2019-format report against its own tables: it passes, and a broken cell fails its identity', () => {
    const dir = project();
    const result = loadContent(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const report = result.ok && result.model.reports.find((r) => r.slug === 'chenxi-sifaju-2020-xinxi-gongkai');
    expect(report && report.template.version).toBe('2019');
    expect(report && report.metrics['shenqing.qita-chuli.zongji']?.value).toEqual({ kind: 'exact', number: 1 });

    const file = path.join(dir, 'content/reports/chenxi-sifaju-2020-xinxi-gongkai/03-shenqing-chuli.md');
    edit(file, 'qita-chuli: [1, 0, 0, 0, 0, 0, 1]', 'qita-chuli: [2, 0, 0, 0, 0, 0, 2]');
    const broken = errors(dir).filter((d) => d.rule === 'rule.sum');
    const column = broken.find((d) => d.message.startsWith('一致性规则不成立：表三「自然人」列：（七）总计 = （一）至（六）各项之和'));
    expect(column, JSON.stringify(broken.map((d) => d.message))).toBeDefined();
    expect(column!.message).toContain('[shenqing.qita-chuli.ziranren] 2件');
    expect(column!.file).toBe('content/reports/chenxi-sifaju-2020-xinxi-gongkai/03-shenqing-chuli.md');
  });

  it('rejects the 2021 rows in a 2019-format table', () => {
    const dir = project();
    const file = path.join(dir, 'content/reports/chenxi-sifaju-2020-xinxi-gongkai/03-shenqing-chuli.md');
    edit(file, '    qita-chuli: [1, 0, 0, 0, 0, 0, 1]\n', '    yuqi-buzheng: [1, 0, 0, 0, 0, 0, 1]\n');
    const found = errors(dir);
    expect(found.find((d) => d.rule === 'table.unknown-row')?.value).toBe('yuqi-buzheng');
    expect(found.find((d) => d.rule === 'table.missing-row')?.message).toContain('（六）其他处理');
  });
});

describe('the archive form for reports before 2019', () => {
  it('accepts a 2010 report with a free outline and an ordinary table, and marks it 历史年报', () => {
    const result = loadContent(project());
    expect(result.ok).toBe(true);
    const report = result.ok ? result.model.reports.find((r) => r.slug === 'chenxi-sifaju-2010-xinxi-gongkai') : undefined;
    expect(report?.template.badge).toBe('历史年报');
    expect(report?.tables).toEqual([]);
    expect(report?.sections.map((s) => s.title)).toEqual(['概述', '主动公开政府信息情况', '依申请公开政府信息情况', '收费及减免情况、复议和诉讼情况', '存在的问题和改进措施']);
  });

  it('tells a 2010 report written as the 2021 format to use the archive form', () => {
    const dir = project();
    edit(path.join(dir, 'content/reports/chenxi-sifaju-2010-xinxi-gongkai/report.yaml'), 'typeVersion: "2008"', 'typeVersion: "2021"');
    const found = errors(dir).find((d) => d.rule === 'report.template-year')!;
    expect(found.file).toBe('content/reports/chenxi-sifaju-2010-xinxi-gongkai/report.yaml');
    expect(found.line).toBe(4);
    expect(found.message).toBe('2010年度的报告不能用政府信息公开工作年度报告 2021 版的格式：这一版（国办公开办函〔2021〕30号）适用于2021年度起的报告。');
    expect(found.hint).toContain('typeVersion: "2008"（历史年报，');
  });

  it('tells a 2020 report without typeVersion that the 2019 format is its own', () => {
    const dir = project();
    edit(path.join(dir, 'content/reports/chenxi-sifaju-2020-xinxi-gongkai/report.yaml'), 'typeVersion: "2019"\n', '');
    const found = errors(dir).find((d) => d.rule === 'report.template-year')!;
    expect(found.message).toContain('（没写 typeVersion 时用最新版）');
    expect(found.hint).toMatch(/^在 report.yaml 里改为 typeVersion: "2019"/);
  });
});

describe('the Word files of past formats', () => {
  it('lay out the 2019 table 二 from its own rows and columns, and the archive report’s own table', async () => {
    const result = loadContent(project());
    if (!result.ok) throw new Error('project does not load');
    const text = async (slug: string) => {
      const report = result.model.reports.find((r) => r.slug === slug)!;
      const zip = await JSZip.loadAsync(await renderReportDocx(report, { root: result.model.root }));
      return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    };
    const v2019 = await text('chenxi-sifaju-2020-xinxi-gongkai');
    for (const label of ['本年新制作数量', '对外公开总数量', '其他对外管理服务事项', '采购总金额', '（六）其他处理']) expect(v2019).toContain(label);
    expect(v2019).not.toContain('本年制发件数');
    const archive = await text('chenxi-sifaju-2010-xinxi-gongkai');
    expect(archive).toContain('机构职能');
    expect(archive).toContain('法律服务48');
  });
});
