import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent, type ReportModel } from '../../src/content/index.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import { importReport } from '../../src/import/import-report.ts';
import { REPO } from '../helpers/cli.ts';
import { copyProject } from '../helpers/content-fixtures.ts';

// The Word file nianbao builds, imported back: the same outline, headings and figures.
const samples = (() => {
  const r = loadContent(REPO);
  if (!r.ok) throw new Error('samples must load');
  // The two original samples (the county year's short reports add nothing to a round trip).
  return r.model.reports.filter((s) => ['chenxi-2022-fazhi-zhengfu', 'chenxi-sifaju-2022-xinxi-gongkai'].includes(s.slug));
})();
// Only the round-tripped reports: the base project's own copies of them would carry the same 索引号.
const project = copyProject();
rmSync(path.join(project, 'content/reports'), { recursive: true });
const tmp = mkdtempSync(path.join(tmpdir(), 'nianbao-roundtrip-'));
afterAll(() => [project, tmp].forEach((d) => rmSync(d, { recursive: true, force: true })));

function figures(report: ReportModel): string[] {
  const out: string[] = [];
  for (const s of report.sections) visit(s.body, 'metricRef', (r) => void out.push(r.text!));
  return out;
}

describe.each(samples.map((s) => [s.meta.type, s] as const))('DOCX round trip: %s', (_type, sample) => {
  it('imports the built Word file back to the same report', async () => {
    const file = path.join(tmp, `${sample.slug}.docx`);
    writeFileSync(file, await renderReportDocx(sample, { root: REPO }));
    const result = await importReport(file, { project, slug: `rt-${sample.slug}` });
    // The file carries everything: nothing for the editor to fill in.
    expect(result.notices.filter((n) => n.severity !== 'info')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const loaded = loadContent(project);
    expect(loaded.ok).toBe(true);
    const back = loaded.ok ? loaded.model.reports.find((r) => r.slug === `rt-${sample.slug}`)! : undefined;
    expect(back!.sections.map((s) => [s.level, s.number, s.title])).toEqual(sample.sections.map((s) => [s.level, s.number, s.title]));
    expect(back!.meta).toMatchObject({
      title: sample.meta.title,
      year: sample.meta.year,
      issuer: sample.meta.issuer,
      source: sample.meta.source,
      writtenDate: sample.meta.writtenDate,
      publishedAt: sample.meta.publishedAt,
      indexNumber: sample.meta.indexNumber,
      signature: sample.meta.signature,
    });
    expect(figures(back!)).toEqual(figures(sample));
    // Template tables (信息公开) come back cell for cell.
    for (const table of sample.tables) {
      for (const ids of Object.values(table.cells)) {
        for (const id of ids) expect(back!.metrics[id]?.value, id).toEqual(sample.metrics[id]!.value);
      }
    }
  });
});
