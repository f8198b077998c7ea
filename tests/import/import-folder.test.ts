import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS } from '../../scripts/lib/import-quality.ts';
import { creditCodeCheckChar } from '../../src/schema/credit-code.ts';
import { REPO, runCli } from '../helpers/cli.ts';

/**
 * The acceptance of the import issue: a folder of 12 documents as a county's offices send them
 * (Word, web pages, CMS pages, tab- and space-aligned text, three PDFs printed from Word; 2019 and 2021
 * formats; blank table cells; offices in issuers.yaml and offices not yet in it) imported with one
 * command into a copy of the county's project gives 12 report folders, one summary table and one
 * to-do list; done as an editor does it — the to-do list read line by line, each item filled in
 * where it points — `nianbao check` passes.
 */
const DOCUMENTS = [
  'chenxi-fazhi-2022-docx.docx', // 县人民政府, 文号 and 主送 before the title
  'chenxi-sifaju-fazhi-2022-txt.txt', // 县司法局, two-line title
  'chenxi-sifaju-xinxi-2022-space.txt', // space-aligned tables
  'chenxi-shichang-fazhi-2023-pdf.pdf', // PDF printed from Word
  'chenxi-jiaoyu-xinxi-2023-tab.txt', // tab-separated tables
  'chenxi-weijian-xinxi-2020-docx.docx', // 2019 format, Word tables with merged cells
  'chenxi-fagai-zongjie-2023-html.html', // a work summary: the type is a guess
  'chenxi-minzheng-xinxi-2022-pdf.pdf', // PDF tables with blank cells, read by position
  'chenxi-jiaotong-xinxi-2022-cms.html', // CMS page, blank cells, an office not in issuers.yaml
  'huaihua-xinxi-2019-cms.html', // a city office's 2019 report: blank cells, prose against table
  'chenxi-caizheng-xinxi-2022-pdf.pdf', // PDF whose table cells are centred across and down
  'xupu-fazhi-2022-cms.html', // CMS page with its metadata block
];

const work = mkdtempSync(path.join(tmpdir(), 'nianbao-import-folder-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The county's project as it stands (its site and issuers), with no reports yet. */
function countyProject(): string {
  const project = path.join(work, 'project');
  mkdirSync(path.join(project, 'content', 'reports'), { recursive: true });
  for (const f of ['site.yaml', 'issuers.yaml']) copyFileSync(path.join(REPO, 'content', f), path.join(project, 'content', f));
  return project;
}

/** What the editor reads: the summary table's rows (file → report folder) and the to-do list's lines. */
function readOutput(stdout: string) {
  const [summary = '', todo = ''] = stdout.split('\n待办清单：\n');
  const folders = new Map<string, string>();
  for (const line of summary.split('\n')) {
    const cells = line.split('\t');
    if (cells.length === 8 && cells[0] !== '文件') folders.set(cells[0]!, cells[1]!);
  }
  return { folders, todo: todo.split('\n') };
}

/** The editor's work: each to-do item filled in where it points. */
function doTheToDoList(project: string, folders: Map<string, string>, todo: string[]) {
  const reportYaml = (file: string) => path.join(project, 'content', 'reports', folders.get(file)!, 'report.yaml');
  const edit = (file: string, change: (text: string) => string) => {
    const before = readFileSync(file, 'utf8');
    const after = change(before);
    expect(after, file).not.toBe(before);
    writeFileSync(file, after);
  };
  let added = 0;
  for (const line of todo) {
    // 发布日期: the day the office put it on its site (three days after it was signed, in this county).
    let m = /^\s+! (\S+)：原文中没有找到 publishedAt/.exec(line);
    if (m) {
      edit(reportYaml(m[1]!), (t) => {
        const written = /^writtenDate: (\S+)$/m.exec(t)![1]!;
        const day = new Date(`${written}T00:00:00Z`);
        day.setUTCDate(day.getUTCDate() + 3);
        return t.replace(/^# publishedAt:.*$/m, `publishedAt: ${day.toISOString().slice(0, 10)} 09:00`);
      });
      continue;
    }
    // An office not in issuers.yaml: added there (with its credit code), then named by its id.
    m = /^\s+! (\S+)：发布机构“(.+?)”不在 content\/issuers\.yaml 中/.exec(line);
    if (m) {
      const name = m[2]!.split('”“')[0]!;
      const id = `xinzeng-${++added}`;
      const first17 = `11431223MB0${String(100000 + added)}`;
      const kind = /人民政府$/.test(name) ? 'other' : 'department';
      edit(path.join(project, 'content', 'issuers.yaml'), (t) => `${t.trimEnd()}\n  - id: ${id}\n    name: ${name}\n    kind: ${kind}\n    creditCode: "${first17}${creditCodeCheckChar(first17)}"\n`);
      edit(reportYaml(m[1]!), (t) => t.replace(/^# issuer:.*$/m, `issuer: ${id}`));
    }
  }
  // Blank cells: the office's ledger says 0 where its published table left a blank, except where
  // check already names the one value a blank of a sum must have.
  const must = new Map<string, string>();
  for (const line of todo) {
    const r = /用到原表空着的格子 ([^[]+)\[[\w.-]+\]，没有核对。按其他格子，这一格应为 (\d+)。/.exec(line);
    if (r) must.set(r[1]!, r[2]!);
  }
  const blanks = todo
    .map((line) => /^(content\/reports\/\S+?):(\d+):(\d+)\s+错误\s+表格「(.+?)」“(.+?)”一行的“(.+?)”是空格/.exec(line))
    .filter((x): x is RegExpExecArray => x !== null)
    .map((x) => ({ file: path.join(project, x[1]!), line: Number(x[2]), column: Number(x[3]), value: must.get(`${x[4]}“${x[5]}”的“${x[6]}”`) ?? '0' }));
  // Right to left within a line, so that the columns of the cells still to fill stay where check said.
  blanks.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || b.column - a.column);
  for (const b of blanks) {
    edit(b.file, (t) => {
      const lines = t.split('\n');
      const l = lines[b.line - 1]!;
      expect(l.slice(b.column - 1, b.column + 3), `${b.file}:${b.line}:${b.column}`).toBe('null');
      lines[b.line - 1] = `${l.slice(0, b.column - 1)}${b.value}${l.slice(b.column + 3)}`;
      return lines.join('\n');
    });
  }
  return { blanks: blanks.length, issuersAdded: added, valuesFromCheck: blanks.filter((b) => b.value !== '0').length };
}

describe('importing a folder of 12 documents', () => {
  it('gives 12 report folders, one summary and one to-do list; done as the list says, check passes', () => {
    const folder = path.join(work, '收到的报告');
    mkdirSync(folder);
    for (const f of DOCUMENTS) copyFileSync(path.join(CORPUS, f), path.join(folder, f));
    const project = countyProject();

    const imported = runCli(['import', folder, '--content', project]);
    expect(imported.code, imported.output).toBe(0);
    expect(imported.stdout.match(/^文件\t报告文件夹\t类型\t年度\t发布机构/gm)).toHaveLength(1);
    expect(imported.stdout.match(/待办清单/g)).toHaveLength(1);
    const { folders, todo } = readOutput(imported.stdout);
    expect([...folders.keys()].sort()).toEqual([...DOCUMENTS].sort());
    expect(readdirSync(path.join(project, 'content', 'reports')).sort()).toEqual([...folders.values()].sort());
    // Offices of the county are matched to issuers.yaml by name and name their folders.
    expect(folders.get('chenxi-sifaju-xinxi-2022-space.txt')).toBe('chenxi-sifaju-2022-xinxi-gongkai');
    expect(folders.get('chenxi-minzheng-xinxi-2022-pdf.pdf')).toBe('chenxi-minzhengju-2022-xinxi-gongkai');
    expect(folders.get('chenxi-fazhi-2022-docx.docx')).toBe('chenxi-xianzhengfu-2022-fazhi-zhengfu');
    // The to-do list holds what check says of the new folders: errors until it is done.
    expect(todo.filter((l) => /^content\/reports\/\S+:\d+:\d+\s+错误/.test(l)).length).toBeGreaterThan(200);

    const done = doTheToDoList(project, folders, todo);
    expect(done.issuersAdded).toBe(3);
    expect(done.blanks).toBeGreaterThan(200);
    expect(done.valuesFromCheck).toBeGreaterThan(0);

    const checked = runCli(['check', project, '--json']);
    const result = JSON.parse(checked.stdout) as { ok: boolean; diagnostics: { severity: string; rule: string; file: string; message: string }[] };
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(checked.code).toBe(0);
    expect(result.ok).toBe(true);
    // What is left is a reminder, not a problem: the 索引号 of a published report is still derived until `nianbao number` writes it.
    expect(new Set(result.diagnostics.map((d) => d.rule))).toEqual(new Set(['report.index-number-unrecorded']));
  });
});
