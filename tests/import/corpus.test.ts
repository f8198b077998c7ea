import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusFiles, expectedOf, importOne, score, type Imported } from '../../scripts/lib/import-quality.ts';
import type { DocConverter } from '../../src/import/doc-conversion.ts';
import { runCliParallel } from '../helpers/cli.ts';
import { copyProject } from '../helpers/content-fixtures.ts';

// Every document of the corpus imports to its expected result: outline, tables, figures, metadata.
// Each into a fresh copy of the base project of its own: what is compared comes from the document
// alone (and issuers.yaml and the templates, which import does not change), and the diagnostics
// looked at are of the report's own folder. Import checks the whole project after writing, so one
// project for all would load every earlier import again.
const projects: string[] = [];
const files = corpusFiles();

// LibreOffice converts the .doc once, in the folder import through the real CLI below; the
// in-process import of the same .doc reads that conversion (LibreOffice costs some 5 s of CPU to
// start). The CLI run's `soffice` is the real one behind a wrapper that logs each run's files and
// keeps a copy of the .docx files it wrote; the in-process import is handed the kept copy by its
// converter (the `docs` option of importReport).
const REAL_SOFFICE = (process.env.PATH ?? '')
  .split(path.delimiter)
  .map((d) => path.join(d, 'soffice'))
  .find((f) => existsSync(f));
const lo = mkdtempSync(path.join(tmpdir(), 'nianbao-corpus-soffice-'));
const kept = path.join(lo, 'kept');
const runs = path.join(lo, 'runs.log');
mkdirSync(kept);
mkdirSync(path.join(lo, 'bin'));
const sh = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
// Import calls `soffice … --outdir <folder> <file>…` (src/import/doc-conversion.ts).
writeFileSync(
  path.join(lo, 'bin/soffice'),
  [
    '#!/bin/sh',
    'for a in "$@"; do [ "$prev" = "--outdir" ] && outdir="$a"; prev="$a"; done',
    `for a in "$@"; do case "$a" in *.doc) printf '%s ' "$(basename "$a")";; esac; done >> ${sh(runs)}; echo >> ${sh(runs)}`,
    REAL_SOFFICE ? `${sh(REAL_SOFFICE)} "$@" || exit $?` : 'echo "soffice: not found" >&2; exit 127',
    `cp "$outdir"/*.docx ${sh(kept)}/`,
    '',
  ].join('\n'),
  { mode: 0o755 },
);
/** The folder import's conversion of a .doc, as LibreOffice made it. */
const keptConversion: DocConverter = {
  start() {},
  async docx(file) {
    const copy = path.join(kept, `${path.basename(file, '.doc')}.docx`);
    if (!existsSync(copy)) throw new Error(`no conversion of ${file} by the real LibreOffice`);
    return copy;
  },
  async dispose() {},
};

// import-folder.test.ts imports a folder of 12 documents of different offices. Here: one document
// in the four forms an office may send (the old Word format through LibreOffice, Word, PDF, text),
// into a project that already has reports; the .doc twice, under another name as well (offices resend).
const SAME_DOCUMENT = ['chenxi-fazhi-2022-doc.doc', 'chenxi-fazhi-2022-docx.docx', 'chenxi-fazhi-2022-pdf.pdf', 'chenxi-fazhi-2022-txt.txt', 'resent-chenxi-fazhi-2022.doc'];
const sourceOf = (f: string) => (f === 'resent-chenxi-fazhi-2022.doc' ? 'chenxi-fazhi-2022-doc.doc' : f);
let folderRun: Promise<{ project: string; run: Awaited<ReturnType<typeof runCliParallel>> }> | undefined;
const folderImport = () =>
  (folderRun ??= (async () => {
    const project = copyProject();
    const folder = mkdtempSync(path.join(tmpdir(), 'nianbao-corpus-folder-'));
    projects.push(project, folder);
    for (const f of SAME_DOCUMENT) copyFileSync(path.join(CORPUS, sourceOf(f)), path.join(folder, f));
    const run = await runCliParallel(['import', folder, '--content', project], { env: { PATH: `${path.join(lo, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` } });
    return { project, run };
  })());
// Started at once: the CLI run goes on beside the in-process imports.
beforeAll(() => void folderImport());
afterAll(async () => {
  await folderRun?.catch(() => undefined);
  for (const p of [...projects, lo]) rmSync(p, { recursive: true, force: true });
});

const imported = new Map<string, Promise<Imported>>();
const get = (file: string) => {
  if (!imported.has(file)) {
    const project = copyProject();
    projects.push(project);
    imported.set(file, file.endsWith('.doc') ? folderImport().then(() => importOne(file, project, keptConversion)) : importOne(file, project));
  }
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
  it('imports every file and prints one summary table and one to-do list', async () => {
    const { project: folderProject, run: r } = await folderImport();
    expect(r.stdout).toContain(`导入 ${SAME_DOCUMENT.length} 个文件`);
    expect(r.stdout).toContain('文件\t报告文件夹\t类型\t年度\t发布机构');
    expect(r.stdout.match(/待办清单/g)).toHaveLength(1);
    const made = readdirSync(path.join(folderProject, 'content/reports')).filter((n) => !['fz-2022', 'xx-2022'].includes(n));
    // Reports of the same office and year (one document in several formats) share a folder name: the second is refused, not overwritten.
    expect(made).toHaveLength(1);
    const rows = r.stdout.split('\n').filter((l) => SAME_DOCUMENT.some((f) => l.startsWith(`${f}\t`)));
    expect(rows).toHaveLength(SAME_DOCUMENT.length);
    expect(rows.filter((l) => l.includes('\t未导入\t') && l.includes('已经存在'))).toHaveLength(SAME_DOCUMENT.length - 1);
    // The folder still holds what the one file that was imported made.
    const [first] = rows.filter((l) => !l.includes('\t未导入\t')).map((l) => l.split('\t'));
    expect(first![1]).toBe(made[0]);
    expect(readFileSync(path.join(folderProject, 'content/reports', made[0]!, 'report.yaml'), 'utf8')).toContain(`从 ${first![0]} 导入`);
    // Both .doc files went through the real LibreOffice in this run, in one run of it (the in-process import reads its conversion).
    expect(readdirSync(kept).sort()).toEqual(['chenxi-fazhi-2022-doc.docx', 'resent-chenxi-fazhi-2022.docx']);
    expect(readFileSync(runs, 'utf8').trim().split('\n')).toEqual(['chenxi-fazhi-2022-doc.doc resent-chenxi-fazhi-2022.doc']);
    expect(r.stderr).toContain('用 LibreOffice 把 2 个 .doc 文件一次转为 .docx');
  });
});
