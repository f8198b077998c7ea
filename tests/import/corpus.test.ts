import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusFiles, expectedOf, importOne, score, type Imported } from '../../scripts/lib/import-quality.ts';
import { runCli } from '../helpers/cli.ts';
import { copyProject } from '../helpers/content-fixtures.ts';

// Every document of the corpus imports to its expected result: outline, tables, figures, metadata.
const project = copyProject();
afterAll(() => rmSync(project, { recursive: true, force: true }));
const files = corpusFiles();
const imported = new Map<string, Imported>();
const get = async (file: string) => {
  if (!imported.has(file)) imported.set(file, await importOne(file, project));
  return imported.get(file)!;
};

describe('the import corpus', () => {
  it('has at least 20 documents of every kind', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const ext of ['docx', 'doc', 'pdf', 'html', 'txt']) expect(files.some((f) => f.endsWith(`.${ext}`)), ext).toBe(true);
  });

  it.each(files)('%s imports to its expected result', async (file) => {
    const s = score(file, expectedOf(file), await get(file));
    expect(s.differences).toEqual([]);
    for (const k of ['headings', 'cells', 'figures', 'labels', 'metadata'] as const) expect(s[k].right, k).toBe(s[k].total);
  });
});

describe('what import lists instead of deciding', () => {
  it('a 2019 CMS page: its version from its tables, blanks kept and listed, the prose that disagrees with the table listed', async () => {
    const r = (await get('huaihua-xinxi-2019-cms.html')).result;
    const messages = r.notices.map((n) => n.message);
    expect(messages).toContainEqual(expect.stringContaining('统计表是 2019 版格式'));
    expect(messages).toContainEqual(expect.stringMatching(/原表有 \d+ 个空格，照原样留空（写作 null），没有填 0/));
    expect(r.notices.find((n) => n.message.includes('不一致'))).toMatchObject({ severity: 'warning' });
    expect(messages.find((n) => n.includes('不一致'))).toContain('予以公开');
    // The blanks are errors for check until filled in; nothing was filled with 0.
    expect(r.diagnostics.filter((d) => d.rule === 'table.blank-cell').length).toBeGreaterThan(10);
    // …and check names the identities the blanks leave unchecked (the published 总计 column is blank).
    const waiting = r.diagnostics.filter((d) => d.rule === 'rule.blank-cell');
    expect(waiting.length).toBeGreaterThan(5);
    expect(waiting.some((d) => /总计/.test(d.message))).toBe(true);
    // The page's navigation and footer are not imported, and are listed.
    expect(messages).toContainEqual(expect.stringContaining('网页上不属于报告的文字'));
  });

  // Word tables printed by LibreOffice: cells at the top left, and cells centred across and down (the official form as offices set it).
  it.each(['chenxi-minzheng-xinxi-2022-pdf.pdf', 'chenxi-caizheng-xinxi-2022-pdf.pdf'])('a PDF printed from Word (%s): its tables read by position, blank cells kept blank and listed', async (file) => {
    const got = await get(file);
    const expected = expectedOf(file);
    expect(got.tables).toEqual(expected.tables);
    expect(Object.values(expected.tables['shenqing']!).flat()).toContain(null);
    const messages = got.result.notices.map((n) => n.message);
    expect(messages).toContainEqual(expect.stringMatching(/3 个表格按位置读取/));
    expect(messages).toContainEqual(expect.stringMatching(/「收到和处理政府信息公开申请情况」原表有 \d+ 个空格，照原样留空/));
    expect(got.result.diagnostics.filter((d) => d.rule === 'table.blank-cell').length).toBeGreaterThan(10);
  });

  it('a prose figure that states a table cell becomes a reference to it', async () => {
    const r = (await get('chenxi-sifaju-xinxi-2022-docx.docx')).result;
    expect(r.cellReferences.map((c) => c.cell)).toEqual(['shenqing.xinshou.zongji', 'shenqing.yuyi-gongkai.zongji', 'fuyi-susong.xingzheng-fuyi.zongji']);
    const first = readFileSync(path.join(r.dir, r.sections[0]!.file), 'utf8');
    expect(first).toContain(':m[shenqing.xinshou.zongji]');
  });

  it('a 文号 and a 主送 line: not the title; the 导语 goes to lead.md; 抄送 and 印发 are kept in report.yaml and listed', async () => {
    const r = (await get('chenxi-fazhi-2022-docx.docx')).result;
    const yaml = readFileSync(path.join(r.dir, 'report.yaml'), 'utf8');
    expect(yaml).toMatch(/^#\s+抄送：县委办公室/m);
    expect(yaml).toMatch(/^#\s+印发机关：辰溪县人民政府办公室/m);
    expect(readFileSync(path.join(r.dir, 'lead.md'), 'utf8')).toMatch(/^:m\[|^\d{4}年，我县坚持/);
    expect(r.notices.map((n) => n.message)).toContainEqual(expect.stringContaining('报告类型：fazhi-zhengfu（标题含“法治政府”）'));
    expect(r.notices.map((n) => n.message)).toContainEqual(expect.stringContaining('年度：2022（标题中的“2022年”）'));
  });
});

describe('a whole folder', () => {
  it('imports every file and prints one summary table and one to-do list', () => {
    const folderProject = copyProject();
    try {
      const r = runCli(['import', CORPUS, '--content', folderProject]);
      expect(r.stdout).toContain(`导入 ${files.length} 个文件`);
      expect(r.stdout).toContain('文件\t报告文件夹\t类型\t年度\t发布机构');
      expect(r.stdout.match(/待办清单/g)).toHaveLength(1);
      const made = readdirSync(path.join(folderProject, 'content/reports')).filter((n) => !['fz-2022', 'xx-2022'].includes(n));
      // Reports of the same office and year (one document in several formats) share a folder name: the second is refused, not overwritten.
      expect(made.length).toBeGreaterThanOrEqual(11);
      expect(r.stdout).toContain('已经存在');
    } finally {
      rmSync(folderProject, { recursive: true, force: true });
    }
  });
});
