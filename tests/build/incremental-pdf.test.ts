/**
 * The PDF through the cache, with the real browser: after one section edit only that report's
 * PDF and Word file are made again; after a template change, every report of that type.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { FZ_2021, FZ_2022, hashes, manifestOf, projectWithYears, replaceIn, XX_2022 } from './projects.ts';

let project: string;
let before: Record<string, string>;

async function rebuild(log: string[] = []): Promise<Extract<BuildResult, { ok: true }>> {
  const result = await build({ target: project, cache: true, log: (m) => log.push(m) });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  return result;
}

// A copy of the run's shared build of the samples with its build cache; the first build here takes
// every PDF and Word file from that cache (the record of the last output is per folder, so the
// portal is built once at this path).
beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'nianbao-incremental-pdf-'));
  cpSync((await sharedBuild('ndbg')).project, project, { recursive: true });
  const first = await rebuild();
  expect(first.cache!.rebuilt).toEqual({});
  before = hashes(first.outDir);
}, 300_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('incremental builds with the PDF', () => {
  it('after one section edit, prints only that report again; the other PDF, Word and OFD files keep their bytes', async () => {
    replaceIn(project, `content/reports/${XX_2022}/05-wenti-gaijin.md`, '。', '，特此说明。');
    const log: string[] = [];
    const result = await rebuild(log);
    expect(log.some((l) => l.includes('重新生成 1 份报告的页面'))).toBe(true);
    expect(result.cache!.rebuilt).toEqual({ docx: [XX_2022], pdf: [XX_2022], ofd: [XX_2022] });
    const after = hashes(result.outDir);
    for (const ext of ['pdf', 'docx', 'ofd']) {
      expect(after[`downloads/${FZ_2022}.${ext}`]).toBe(before[`downloads/${FZ_2022}.${ext}`]);
      expect(after[`downloads/${XX_2022}.${ext}`]).not.toBe(before[`downloads/${XX_2022}.${ext}`]);
    }
    // Byte for byte what a build without any cache makes, PDFs and download links included.
    const cold = await build({ target: project, outDir: path.join(project, 'cold'), cache: false });
    expect(cold.ok).toBe(true);
    expect(manifestOf(result.outDir)).toBe(manifestOf(path.join(project, 'cold')));
  });

  it('after a template change, prints every report of that type again', async () => {
    replaceIn(project, 'templates/fazhi-zhengfu/2019/template.yaml', '每年4月1日之前', '每年四月一日之前');
    const result = await rebuild();
    expect(result.cache!.rebuilt).toEqual({ docx: [FZ_2022], pdf: [FZ_2022], ofd: [FZ_2022] });
    expect(result.cache!.hits).toMatchObject({ docx: 1, pdf: 1, ofd: 1 });
  });
});

// Built in the same process as the project above, with more reports: each Astro build has its own
// prerender modules (src/web/stage.ts, in a process of its own: src/build/portal.ts), or this one would render the first project's page list.
describe('incremental builds with the PDF, over two years', () => {
  let years: string;
  beforeAll(async () => {
    years = projectWithYears('nianbao-incremental-pdf-years-');
    const first = await build({ target: years, cache: true });
    if (!first.ok) throw new Error(JSON.stringify(first.error ?? first.diagnostics));
  });
  afterAll(() => rmSync(years, { recursive: true, force: true }));

  it('after a figure of last year’s report changes, prints that report and the one comparing itself with it, and no other', async () => {
    // The 2022 report prints the change from 2021's 人民调解员 figure.
    replaceIn(years, `content/reports/${FZ_2021}/02-maodun-jiufen.md`, 'value: 1000, unit: 名', 'value: 1001, unit: 名');
    replaceIn(years, `content/reports/${FZ_2021}/02-maodun-jiufen.md`, 'value: 380, unit: 人', 'value: 381, unit: 人');
    const result = await build({ target: years, cache: true });
    if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
    expect(result.cache!.rebuilt.pdf!.sort()).toEqual([FZ_2021, FZ_2022].sort());
    expect(result.cache!.rebuilt.docx).toEqual([FZ_2021]);
    expect(result.cache!.hits.pdf).toBe(2);
    const cold = await build({ target: years, outDir: path.join(years, 'cold'), cache: false });
    expect(cold.ok).toBe(true);
    expect(manifestOf(result.outDir)).toBe(manifestOf(path.join(years, 'cold')));
  });
});
