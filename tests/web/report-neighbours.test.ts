import { describe, expect, it } from 'vitest';
import { groupByYear, typeNeighbours } from '../../src/web/catalogue.ts';
import { portalPaths } from '../../src/web/urls.ts';
import { seriesChanged, typeHistory } from '../../src/web/years.ts';
import { sampleModel, twoSampleModel } from './sample-model.ts';

// The report page's ways to the next report and to the figures over the years, on the county year.
describe('上一篇 and 下一篇', () => {
  it('walk every report of a type once, in the order its type page lists them', () => {
    const model = sampleModel();
    for (const typeId of ['xinxi-gongkai', 'fazhi-zhengfu']) {
      const listed = groupByYear(model, { typeId }).flatMap((g) => g.types.flatMap((t) => t.kinds.flatMap((k) => k.reports)));
      expect(listed.length).toBeGreaterThan(2);
      const walked = [listed[0]!];
      expect(typeNeighbours(model, listed[0]!).previous).toBeUndefined();
      for (let next = typeNeighbours(model, listed[0]!).next; next; next = typeNeighbours(model, next).next) walked.push(next);
      expect(walked.map((r) => r.slug)).toEqual(listed.map((r) => r.slug));
      for (let i = 1; i < listed.length; i++) expect(typeNeighbours(model, listed[i]!).previous).toBe(listed[i - 1]);
      // Newest year first, as the column lists them.
      expect(walked.map((r) => r.meta.year)).toEqual([...walked.map((r) => r.meta.year)].sort((a, b) => b - a));
      expect(walked.every((r) => r.template.id === typeId)).toBe(true);
    }
  });

  it('are none for the only report of its type', () => {
    const model = twoSampleModel();
    for (const report of model.reports) expect(typeNeighbours(model, report)).toEqual({ previous: undefined, next: undefined });
  });
});

describe('the figures over the years', () => {
  it("are one page per issuer and type: every report belongs to exactly one series, its issuer's", () => {
    const model = sampleModel();
    const paths = portalPaths('/');
    for (const report of model.reports) {
      const series = typeHistory(model, report.template.id).filter((s) => s.reports.includes(report));
      expect(series.length, report.slug).toBe(1);
      expect(series[0]!.issuerId).toBe(report.issuer.id);
      expect(paths.seriesMetrics(report.template.id, series[0]!.issuerId)).toBe(`/metrics/${report.template.id}/${report.issuer.id}/`);
    }
    const jiaoyuju = typeHistory(model, 'xinxi-gongkai').find((s) => s.issuerId === 'jiaoyuju')!;
    expect(jiaoyuju.organ).toBe('辰溪县教育局');
    expect(jiaoyuju.reports.map((r) => r.meta.year)).toEqual([...jiaoyuju.years]);
    expect(jiaoyuju.years.length).toBeGreaterThanOrEqual(2);
  });

  it('a series page is rendered again in an incremental build only when one of its issuer’s reports of the type is', () => {
    const model = sampleModel();
    const jiaoyuju = model.reports.find((r) => r.slug === 'chenxi-jiaoyuju-2020-xinxi-gongkai')!;
    const only = new Set([jiaoyuju.slug]);
    expect(seriesChanged(model.reports, only, 'xinxi-gongkai', 'jiaoyuju')).toBe(true);
    expect(seriesChanged(model.reports, only, 'fazhi-zhengfu', 'jiaoyuju')).toBe(false);
    expect(seriesChanged(model.reports, only, 'xinxi-gongkai', 'sifaju')).toBe(false);
    expect(seriesChanged(model.reports, new Set(), 'xinxi-gongkai', 'jiaoyuju')).toBe(false);
  });
});
