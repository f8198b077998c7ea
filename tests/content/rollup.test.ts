import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { runCli } from '../helpers/cli.ts';
import { countyProject, replaceInFile } from '../helpers/county-project.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const project = () => {
  const dir = countyProject();
  made.push(dir);
  return dir;
};
const COUNTY = 'content/reports/xx-county-2022';
const errors = (dir: string) => loadContent(dir).diagnostics.filter((d) => d.severity === 'error');

describe('the county roll-up', () => {
  it('accepts a county report whose tables are the sum of the departments’, and keeps the breakdown', () => {
    const dir = project();
    const result = loadContent(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const county = result.ok ? result.model.reports.find((r) => r.slug === 'xx-county-2022')! : undefined;
    expect(county!.rollups.map((r) => r.table)).toEqual(['zhudong-guizhang', 'zhudong-xuke', 'shenqing', 'fuyi-susong']);
    const xuke = county!.rollups[1]!;
    expect(xuke.issuerIds).toEqual(['sifaju', 'caizhengju']); // issuers.yaml order; the excluded one and the county itself left out
    expect(xuke.cells).toEqual([
      {
        metricId: 'zhudong-xuke.xingzheng-xuke.chuli-jueding',
        total: 256,
        sum: 256,
        parts: [
          { issuerId: 'sifaju', issuerName: '辰溪县司法局', slug: 'xx-2022', value: 128 },
          { issuerId: 'caizhengju', issuerName: '辰溪县财政局', slug: 'xx-caizheng-2022', value: 128 },
        ],
      },
    ]);
    // “/” stays “/”: never counted as 0.
    const guizhang = county!.rollups[0]!.cells.find((c) => c.metricId === 'zhudong-guizhang.guizhang.zhifa')!;
    expect(guizhang).toMatchObject({ total: null, sum: null, parts: [{ value: null }, { value: null }] });
  });

  it('names the county report’s cell, each issuer with its value, the sum and the report’s value when one department changes', () => {
    const dir = project();
    replaceInFile(dir, 'content/reports/xx-caizheng-2022/02-zhudong-gongkai.md', 'xingzheng-xuke: [128]', 'xingzheng-xuke: [129]');
    const found = errors(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'rollup.mismatch',
      file: `${COUNTY}/02-zhudong-gongkai.md`,
      line: 9,
      value: '256',
    });
    expect(found[0]!.message).toContain('第二十条第（五）项“行政许可”行“本年处理决定数量”列本报告写 256，参与汇总的 2 个机构合计 257');
    expect(found[0]!.hint).toContain('辰溪县司法局 128、辰溪县财政局 129');
    const cli = runCli(['check', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`${COUNTY}/02-zhudong-gongkai.md:9:`);
    expect(cli.stdout).toContain('rollup.mismatch');
  });

  it('calls a selected issuer without a report of that year and type an error, naming it', () => {
    const dir = project();
    replaceInFile(dir, `${COUNTY}/report.yaml`, ', exclude: [ceshi-sifaju]', '');
    const found = errors(dir);
    expect(found.map((d) => d.rule)).toEqual(['rollup.missing-report']);
    expect(found[0]).toMatchObject({ file: `${COUNTY}/report.yaml`, value: 'ceshi-sifaju' });
    expect(found[0]!.message).toContain('「测试县司法局」（ceshi-sifaju，政府部门），但它没有 2022 年度的政府信息公开工作年度报告');
  });

  it('treats “/” explicitly: a number where all issuers wrote “/”, or “/” where they wrote numbers, is wrong', () => {
    const dir = project();
    replaceInFile(dir, `${COUNTY}/02-zhudong-gongkai.md`, 'guizhang: [/, /, /]', 'guizhang: [0, /, /]');
    replaceInFile(dir, `${COUNTY}/02-zhudong-gongkai.md`, 'xingzheng-xuke: [256]', 'xingzheng-xuke: [/]');
    const found = errors(dir);
    expect(found.map((d) => [d.rule, d.line])).toEqual([
      ['rollup.na-mismatch', 6],
      ['rollup.na-mismatch', 9],
    ]);
    expect(found[0]!.message).toContain('都写“/”');
    expect(found[1]!.message).toContain('本报告写“/”（不适用），但参与汇总的机构填了数字，合计 256');
  });

  it('checks the declaration itself: tables of the template, known issuer ids', () => {
    const dir = project();
    replaceInFile(dir, `${COUNTY}/report.yaml`, 'tables: [zhudong-guizhang,', 'tables: [zhudong-guize,');
    replaceInFile(dir, `${COUNTY}/report.yaml`, 'exclude: [ceshi-sifaju]', 'exclude: [ceshi-sifajv]');
    const found = errors(dir).map((d) => [d.rule, d.value]);
    expect(found).toContainEqual(['rollup.unknown-table', 'zhudong-guize']);
    expect(found).toContainEqual(['rollup.unknown-issuer', 'ceshi-sifajv']);
  });
});

describe('the roll-up in the data files', () => {
  it('carries the breakdown by issuer in JSON and as columns in CSV, “/” kept as “/”', async () => {
    const { reportCsv, reportData } = await import('../../src/web/export.ts');
    const dir = project();
    const result = loadContent(dir);
    const county = result.ok ? result.model.reports.find((r) => r.slug === 'xx-county-2022')! : undefined;
    expect(reportData(county!).rollups).toEqual(county!.rollups);
    const lines = reportCsv(county!).slice(1).split('\r\n');
    expect(lines[0]).toBe('年度,报告类型,发布机构,发布机构编号,报告编号,报告标题,索引号,指标编号,指标名称,数值,上限,单位,限定,报告原文写法,所在章节,各机构合计,辰溪县司法局,辰溪县财政局');
    expect(lines.find((l) => l.includes(',zhudong-xuke.'))).toMatch(/,256,128,128$/);
    expect(lines.find((l) => l.includes(',zhudong-guizhang.guizhang.zhifa,'))).toMatch(/,\/,\/,\/$/);
    // A report without roll-ups keeps the plain fifteen columns.
    const plain = result.ok ? result.model.reports.find((r) => r.slug === 'xx-2022')! : undefined;
    expect(reportCsv(plain!).slice(1).split('\r\n')[0]!.split(',')).toHaveLength(15);
    expect(reportData(plain!).rollups).toEqual([]);
  });
});
