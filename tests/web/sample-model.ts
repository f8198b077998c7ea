/** The project's sample content as a model, loaded once per test file, for the pure web tests. */
import { loadContent, type ContentModel, type ReportModel } from '../../src/content/index.ts';
import { REPO } from '../helpers/cli.ts';

let cached: ContentModel | undefined;

export function sampleModel(): ContentModel {
  if (!cached) {
    const loaded = loadContent(REPO);
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n'));
    cached = loaded.model;
  }
  return cached;
}

export function sampleReport(slug: 'chenxi-2022-fazhi-zhengfu' | 'chenxi-sifaju-2022-xinxi-gongkai'): ReportModel {
  return sampleModel().reports.find((r) => r.slug === slug)!;
}

export const section = (report: ReportModel, slug: string) => report.sections.find((s) => s.slug === slug)!;
