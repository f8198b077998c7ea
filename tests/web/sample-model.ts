/** The project's sample content as a model, loaded once per test file, for the pure web tests. */
import { loadContent, type ContentModel, type ReportModel } from '../../src/content/index.ts';
import { REPO } from '../helpers/cli.ts';
import { copySample } from '../integrity/sample-project.ts';

let cached: ContentModel | undefined;
let two: ContentModel | undefined;

/** Only the two original 辰溪 samples (no county year), for tests that reason about one series. */
export function twoSampleModel(): ContentModel {
  if (!two) {
    const loaded = loadContent(copySample('nianbao-two-model-'));
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n'));
    two = loaded.model;
  }
  return two;
}

export function twoSampleReport(slug: 'chenxi-2022-fazhi-zhengfu' | 'chenxi-sifaju-2022-xinxi-gongkai'): ReportModel {
  return twoSampleModel().reports.find((r) => r.slug === slug)!;
}

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
