/**
 * Builds of the portal for the web tests, in this process (`build()` with only the stages a test
 * looks at), into temporary folders, without the build cache. The published site has no print
 * pages (the PDF stage removes them once it has printed); builds without that stage remove them
 * themselves, so that what is browsed is what a whole build publishes, less the files not made.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { build } from '../../src/build/build.ts';
import { webStage } from '../../src/build/portal.ts';
import { removePrintPages } from '../../src/pdf/print-pages.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import { withoutPdf } from '../build/projects.ts';
import { REPO } from '../helpers/cli.ts';
import { copySample } from '../integrity/sample-project.ts';

/** The whole sample content: the county year (tests/web/county.browser.test.ts builds it). */
export const COUNTY_PROJECT = REPO;

const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

/** Removes the projects and sites this test file made. */
export function removeBuilds(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The two original 辰溪 samples (see copySample), in a temporary folder removed with the builds. */
export function twoSampleProject(): string {
  const dir = copySample('nianbao-two-');
  made.push(dir);
  return dir;
}

/** The two samples plus the 2021 reports of the same organs (tests/web/fixtures/earlier-years). */
export function projectWithEarlierYears(): string {
  const dir = twoSampleProject();
  cpSync(path.join(REPO, 'tests/web/fixtures/earlier-years/reports'), path.join(dir, 'content/reports'), { recursive: true });
  return dir;
}

/** What the PDF stage does once it has printed: the print pages, and what only they use, removed. */
export const tidyPrintPages: BuildStage = {
  id: 'tidy-print-pages',
  label: '删除打印页（测试：没有 PDF 阶段的构建）',
  run: async (ctx) => void removePrintPages(ctx.outDir, ctx.model.site.basePath),
};

/** The pages alone: no download is made, so the report pages link to none. */
export const PAGES_ONLY: BuildStage[] = [webStage, tidyPrintPages];
/** The pages with the Word downloads (linked from the report pages) and the manifest: a whole build less the PDF and OFD. */
export const PAGES_AND_DOCX: BuildStage[] = withoutPdf.flatMap((s) => (s.id === 'web' ? [s, tidyPrintPages] : [s]));

/** Builds `project` under `base` with `stages` (cache off) into a temporary folder, and returns that folder. */
export async function buildPages(base: string, project = twoSampleProject(), stages: BuildStage[] = PAGES_ONLY): Promise<string> {
  const out = path.join(tempDir('nianbao-site-'), 'dist');
  const result = await build({ target: project, outDir: out, basePath: base, stages, cache: false });
  expect(result.ok, JSON.stringify(!result.ok && (result.error ?? result.diagnostics))).toBe(true);
  return out;
}
