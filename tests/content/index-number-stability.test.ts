import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { checkPublishedIndexNumbers } from '../../src/build/published-index-numbers.ts';
import { insertIndexNumber, loadContent } from '../../src/content/index.ts';
import { disclosureItems } from '../../src/web/page-meta.ts';
import { reportData } from '../../src/web/export.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import { openDocx } from '../docx/ooxml.ts';
import { runCli } from '../helpers/cli.ts';
import { countyProject } from '../helpers/county-project.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const project = () => {
  const dir = countyProject();
  made.push(dir);
  return dir;
};
const CAIZHENG = 'content/reports/xx-caizheng-2022/report.yaml';
const COUNTY = 'content/reports/xx-county-2022/report.yaml';
const model = (dir: string, today = '2023-01-10') => {
  const r = loadContent(dir, { today });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r;
};

describe('derived 索引号', () => {
  it('is shown wherever the 索引号 is, and the build leaves the content files alone', () => {
    const dir = project();
    const before = readFileSync(path.join(dir, CAIZHENG), 'utf8');
    const report = model(dir).model.reports.find((r) => r.slug === 'xx-caizheng-2022')!;
    expect(report).toMatchObject({ indexNumber: '11431223MB1C450152/2023-00001', indexNumberDerived: true });
    expect(disclosureItems(model(dir).model, report).find((i) => i.field === 'indexNumber')!.value).toBe('11431223MB1C450152/2023-00001');
    expect(reportData(report).indexNumber).toBe('11431223MB1C450152/2023-00001');
    expect(readFileSync(path.join(dir, CAIZHENG), 'utf8')).toBe(before);
  });

  it('goes into the Word file’s properties, with the issuer’s full name', async () => {
    const dir = project();
    const report = model(dir).model.reports.find((r) => r.slug === 'xx-caizheng-2022')!;
    const docx = await openDocx(await renderReportDocx(report, { root: dir }));
    const custom = await docx.text('docProps/custom.xml');
    expect(custom).toMatch(/name="索引号"[^>]*><vt:lpwstr>11431223MB1C450152\/2023-00001<\/vt:lpwstr>/);
    expect(custom).toMatch(/name="发布机构"[^>]*><vt:lpwstr>辰溪县财政局<\/vt:lpwstr>/);
    expect(await docx.text('docProps/core.xml')).toContain('索引号：11431223MB1C450152/2023-00001');
  });

  it('warns once a report is published while its 索引号 is still derived, with the fix', () => {
    const dir = project();
    expect(model(dir, '2023-01-10').diagnostics.filter((d) => d.rule === 'report.index-number-unrecorded')).toEqual([]);
    const later = model(dir, '2023-02-01').diagnostics.filter((d) => d.rule === 'report.index-number-unrecorded');
    expect(later.map((d) => [d.file, d.line, d.severity])).toEqual([
      [CAIZHENG, 9, 'warning'],
      [COUNTY, 9, 'warning'],
    ]);
    expect(later[0]!.hint).toContain('运行 nianbao number');
    const cli = runCli(['check', dir], { env: { NIANBAO_TODAY: '2023-02-01' } });
    expect(cli.code).toBe(0); // a warning, not an error
    expect(cli.stdout).toContain('索引号 11431223MB1C450152/2023-00001 却还是自动编号');
  });
});

describe('nianbao number', () => {
  it('lists with --dry-run and changes nothing', () => {
    const dir = project();
    const before = readFileSync(path.join(dir, CAIZHENG), 'utf8');
    const r = runCli(['number', dir, '--dry-run']);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain(`将写入 ${CAIZHENG}：indexNumber: 11431223MB1C450152/2023-00001`);
    expect(r.stdout).toContain(`将写入 ${COUNTY}：indexNumber: 114312230061245067/2023-00001`);
    expect(readFileSync(path.join(dir, CAIZHENG), 'utf8')).toBe(before);
  });

  it('inserts one line into report.yaml, keeps the rest byte for byte, and the numbers stay the same', () => {
    const dir = project();
    const before = readFileSync(path.join(dir, CAIZHENG), 'utf8');
    const r = runCli(['number', dir, '--year', '2022']);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain(`已写入 ${CAIZHENG}:10：indexNumber: 11431223MB1C450152/2023-00001`);
    const after = readFileSync(path.join(dir, CAIZHENG), 'utf8').split('\n');
    const lines = before.split('\n');
    expect(after).toEqual([...lines.slice(0, 9), 'indexNumber: 11431223MB1C450152/2023-00001', ...lines.slice(9)]);
    const reloaded = model(dir, '2024-01-01');
    expect(reloaded.diagnostics.filter((d) => d.rule === 'report.index-number-unrecorded')).toEqual([]);
    const report = reloaded.model.reports.find((x) => x.slug === 'xx-caizheng-2022')!;
    expect(report).toMatchObject({ indexNumber: '11431223MB1C450152/2023-00001', indexNumberDerived: false });
    expect(runCli(['number', dir]).stdout).toContain('没有需要写入的索引号');
  });

  it('also writes a number that writing the asked year would otherwise move', () => {
    const dir = project();
    // A 2023 report of 财政局, published in 2023 before its 2022 report: serial 1 and 2 of 2023.
    const meta = path.join(dir, CAIZHENG);
    const early = path.join(dir, 'content/reports/xx-caizheng-2023');
    mkdirSync(early);
    for (const f of ['report.yaml', '01-zongti-qingkuang.md', '02-zhudong-gongkai.md', '03-shenqing-chuli.md', '04-fuyi-susong.md', '05-wenti-gaijin.md', '06-qita-shixiang.md']) {
      const text = readFileSync(path.join(path.dirname(meta), f), 'utf8');
      // Its tables continue the 2022 report's (上年结转, 现行有效件数: the continuity across years).
      const continued = text
        .replace('xinshou: [36, 3, 0, 0, 2, 1, 42]\n    jiezhuan: [2, 0, 0, 0, 0, 0, 2]', 'xinshou: [37, 3, 0, 0, 2, 1, 43]\n    jiezhuan: [1, 0, 0, 0, 0, 0, 1]')
        .replace('guifanxing-wenjian: [2, 1, 15]', 'guifanxing-wenjian: [2, 1, 16]');
      writeFileSync(path.join(early, f), f === 'report.yaml' ? text.replace('year: 2022', 'year: 2023').replace(/publishedAt: .*/, 'publishedAt: 2023-01-02 09:00').replace(/writtenDate: .*/, 'writtenDate: 2023-01-02') : continued);
    }
    const numbers = Object.fromEntries(model(dir).model.reports.map((r) => [r.slug, r.indexNumber]));
    expect(numbers['xx-caizheng-2023']).toBe('11431223MB1C450152/2023-00001');
    expect(numbers['xx-caizheng-2022']).toBe('11431223MB1C450152/2023-00002');
    const r = runCli(['number', dir, '--year', '2022', '--dry-run']);
    expect(r.stdout).toContain('xx-caizheng-2023/report.yaml：indexNumber: 11431223MB1C450152/2023-00001');
  });

  it('inserts in place of the skeleton’s commented line, keeps CRLF line ends', () => {
    expect(insertIndexNumber('title: x\r\n# indexNumber: 不写时自动编号\r\ntopic: y\r\n', 'A/2023-1')).toEqual({ text: 'title: x\r\nindexNumber: A/2023-1\r\ntopic: y\r\n', line: 2 });
    expect(insertIndexNumber('publishedAt: 2023-01-04 11:30\ndocNumber: 辰政发〔2023〕1号\ntopic: y\n', 'A/2023-1').line).toBe(3);
    expect(insertIndexNumber('title: x\n', 'A/2023-1')).toEqual({ text: 'title: x\nindexNumber: A/2023-1\n', line: 2 });
  });
});

describe('a published derived 索引号 never changes', () => {
  it('stops the build when the previous output published another number for the report', () => {
    const dir = project();
    const out = mkdtempSync(path.join(tmpdir(), 'nianbao-out-'));
    made.push(out);
    const { model: m } = model(dir);
    expect(checkPublishedIndexNumbers(m, out)).toEqual([]); // nothing published yet
    mkdirSync(path.join(out, 'data'));
    writeFileSync(path.join(out, 'data/xx-caizheng-2022.json'), JSON.stringify({ indexNumber: '11431223MB1C450152/2023-00001' }));
    expect(checkPublishedIndexNumbers(m, out)).toEqual([]);
    writeFileSync(path.join(out, 'data/xx-caizheng-2022.json'), JSON.stringify({ indexNumber: '11431223MB1C450152/2023-00007' }));
    const found = checkPublishedIndexNumbers(m, out);
    expect(found.map((d) => [d.rule, d.file, d.severity])).toEqual([['build.index-number-changed', CAIZHENG, 'error']]);
    expect(found[0]!.message).toContain('已发布的索引号是 11431223MB1C450152/2023-00007，这次自动编号却是 11431223MB1C450152/2023-00001');
    expect(found[0]!.hint).toContain('indexNumber: 11431223MB1C450152/2023-00007');
  });
});

describe('the build and a published 索引号', () => {
  it('refuses to replace an output whose data file published another number, leaving it as it was', async () => {
    const dir = project();
    const out = path.join(dir, 'dist');
    mkdirSync(path.join(out, 'data'), { recursive: true });
    const published = JSON.stringify({ indexNumber: '11431223MB1C450152/2023-00007' });
    writeFileSync(path.join(out, 'data/xx-caizheng-2022.json'), published);
    const result = await build({ target: dir, stages: [] });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual(['build.index-number-changed']);
    expect(readFileSync(path.join(out, 'data/xx-caizheng-2022.json'), 'utf8')).toBe(published);
    // The same number as published: the build goes ahead.
    writeFileSync(path.join(out, 'data/xx-caizheng-2022.json'), JSON.stringify({ indexNumber: '11431223MB1C450152/2023-00001' }));
    expect((await build({ target: dir, stages: [] })).ok).toBe(true);
  });
});
