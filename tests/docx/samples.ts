/** The project's sample reports, rendered once per test file. */
import path from 'node:path';
import { loadContent, type ContentModel, type ReportModel } from '../../src/content/index.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import type { DocxSettings } from '../../src/schema/docx.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const FIXTURES = path.join(import.meta.dirname, 'fixtures');

/** A model of its own, for a test that changes it. */
export function freshModel(target: string): ContentModel {
  const loaded = loadContent(target);
  if (!loaded.ok) throw new Error(`内容没有通过检查：${loaded.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('；')}`);
  return loaded.model;
}

// Loaded once per folder and test file, for tests that only read it.
const models = new Map<string, ContentModel>();
export function loadModel(target: string): ContentModel {
  let model = models.get(target);
  if (!model) {
    model = freshModel(target);
    models.set(target, model);
  }
  return model;
}

export function sampleReport(slug: string): { model: ContentModel; report: ReportModel } {
  const model = loadModel(PROJECT_ROOT);
  const report = model.reports.find((r) => r.slug === slug);
  if (!report) throw new Error(`no sample ${slug}`);
  return { model, report };
}

export async function renderSample(slug: string, settings?: DocxSettings): Promise<{ report: ReportModel; bytes: Buffer }> {
  const { model, report } = sampleReport(slug);
  return { report, bytes: await renderReportDocx(report, { root: model.root, settings }) };
}

export const FAZHI = 'chenxi-2022-fazhi-zhengfu';
export const XINXI = 'chenxi-sifaju-2022-xinxi-gongkai';
