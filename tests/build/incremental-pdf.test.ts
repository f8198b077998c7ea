/**
 * The PDF through the cache, with the real browser, on one project of four reports (the two
 * samples and their 2021 predecessors): after one section edit only that report's PDF and Word
 * file are made again, also when the edited report is the one the next year compares with;
 * after a template change, every report of that type; after a figure of last year's report
 * changes, that report and the one comparing itself with it. The tests run in order on the same
 * project, each rebuild starting from the one before, and the last one compares the result with a
 * build without cache. A copy of the project then makes every file from the copied cache.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.ts';
import { stages } from '../../src/build/stages.ts';
import { FZ_2021, FZ_2022, hashes, manifestOf, projectWithYears, replaceIn, XX_2021, XX_2022 } from './projects.ts';

const ALL = [FZ_2021, FZ_2022, XX_2021, XX_2022].sort();
const folders: string[] = [];
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function rebuild(project: string, log: string[] = []): Promise<Extract<BuildResult, { ok: true }>> {
  const result = await build({ target: project, cache: true, log: (m) => log.push(m) });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  return result;
}

const sorted = (rebuilt: Record<string, string[]>) => Object.fromEntries(Object.entries(rebuilt).map(([k, v]) => [k, [...v].sort()]));

describe('incremental builds with the PDF', () => {
  let project: string;
  let before: Record<string, string>;
  // Every file made from nothing, into the project's cache.
  beforeAll(async () => {
    project = projectWithYears('nianbao-incremental-pdf-');
    folders.push(project);
    const first = await rebuild(project);
    expect(sorted(first.cache!.rebuilt)).toEqual({ docx: ALL, pdf: ALL, ofd: ALL });
    before = hashes(first.outDir);
  });

  it('keeps each report page’s search key under the digest it is published with (after the PDF and OFD stages rewrote its download block)', () => {
    const kept = JSON.parse(readFileSync(path.join(project, '.cache/nianbao/search/keys.json'), 'utf8')) as { keys: Record<string, string> };
    for (const slug of ALL) expect(kept.keys[before[`reports/${slug}/index.html`]!], slug).toBeDefined();
  });

  it('after one section edit, prints only that report again; the other PDF, Word and OFD files keep their bytes', async () => {
    replaceIn(project, `content/reports/${XX_2022}/05-wenti-gaijin.md`, '。', '，特此说明。');
    const log: string[] = [];
    const result = await rebuild(project, log);
    // The pages of the edited report and of the 2021 one of its series (which links to the next
    // year); the 2021 report's PDF compares with no later year, so it is not printed again.
    expect(log.some((l) => l.includes('重新生成 2 份报告的页面'))).toBe(true);
    expect(result.cache!.rebuilt).toEqual({ docx: [XX_2022], pdf: [XX_2022], ofd: [XX_2022] });
    // The page before the edited one in 2022 went to Pagefind while the portal rendered: its key was
    // known by its published digest, though the first build printed after indexing it.
    expect(log).toContain('    搜索索引：重建 2022 年（其中 1 页在渲染网站时已送去建索引），沿用 2021 年。');
    const after = hashes(result.outDir);
    for (const ext of ['pdf', 'docx', 'ofd']) {
      for (const slug of [FZ_2021, FZ_2022, XX_2021]) expect(after[`downloads/${slug}.${ext}`], `${slug}.${ext}`).toBe(before[`downloads/${slug}.${ext}`]);
      expect(after[`downloads/${XX_2022}.${ext}`]).not.toBe(before[`downloads/${XX_2022}.${ext}`]);
    }
  });

  it('after an edit to the text of last year’s report, prints only that one: the next year’s compares with its figures, not its text', async () => {
    replaceIn(project, `content/reports/${XX_2021}/05-wenti-gaijin.md`, '。', '，特此说明。');
    const log: string[] = [];
    const result = await rebuild(project, log);
    // Both pages are rendered again (the 2022 page links to its series' years); one report is printed.
    expect(log.some((l) => l.includes('重新生成 2 份报告的页面'))).toBe(true);
    expect(result.cache!.rebuilt).toEqual({ docx: [XX_2021], pdf: [XX_2021], ofd: [XX_2021] });
    // Whether the 2022 files kept are right is settled by the comparison with a cold build below.
  });

  it('after a template change, prints every report of that type again', async () => {
    // Before the figure's edit: the build without cache below also checks what this rebuild kept.
    replaceIn(project, 'templates/fazhi-zhengfu/2019/template.yaml', '每年4月1日之前', '每年四月一日之前');
    const result = await rebuild(project);
    const fazhi = [FZ_2021, FZ_2022].sort();
    expect(sorted(result.cache!.rebuilt)).toEqual({ docx: fazhi, pdf: fazhi, ofd: fazhi });
    expect(result.cache!.hits).toMatchObject({ docx: 2, pdf: 2, ofd: 2 });
  });

  it('after a figure of last year’s report changes, prints that report and the one comparing itself with it, and no other', async () => {
    // The 2022 report prints the change from 2021's 人民调解员 figure.
    replaceIn(project, `content/reports/${FZ_2021}/02-maodun-jiufen.md`, 'value: 1000, unit: 名', 'value: 1001, unit: 名');
    replaceIn(project, `content/reports/${FZ_2021}/02-maodun-jiufen.md`, 'value: 380, unit: 人', 'value: 381, unit: 人');
    const result = await rebuild(project);
    expect(result.cache!.rebuilt.pdf!.sort()).toEqual([FZ_2021, FZ_2022].sort());
    expect(result.cache!.rebuilt.docx).toEqual([FZ_2021]);
    expect(result.cache!.hits.pdf).toBe(2);
    // Byte for byte what a build without any cache makes, PDFs and download links included, after
    // the four incremental rebuilds above.
    const cold = await build({ target: project, outDir: path.join(project, 'cold'), cache: false });
    expect(cold.ok).toBe(true);
    expect(manifestOf(result.outDir)).toBe(manifestOf(path.join(project, 'cold')));
  });

  describe('in a copy of the project, with its build cache', () => {
    // Every PDF, Word and OFD file comes from the copied cache. Those stages alone: with nothing
    // to print the PDF stage needs no print pages (the cache's keys are the reports' inputs, not
    // their pages).
    it('makes no PDF, Word or OFD file again', async () => {
      const copy = mkdtempSync(path.join(tmpdir(), 'nianbao-incremental-pdf-copy-'));
      folders.push(copy);
      cpSync(project, copy, { recursive: true });
      const files = stages.filter((s) => s.id === 'docx' || s.id === 'pdf' || s.id === 'ofd');
      expect(files).toHaveLength(3);
      const first = await build({ target: copy, stages: files, cache: true });
      if (!first.ok) throw new Error(JSON.stringify(first.error ?? first.diagnostics));
      expect(first.cache!.rebuilt).toEqual({});
      expect(first.cache!.hits).toMatchObject({ docx: 4, pdf: 4, ofd: 4 });
    });
  });
});
