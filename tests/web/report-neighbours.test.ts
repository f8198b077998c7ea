import { describe, expect, it } from 'vitest';
import { groupByYear, typeNeighbours } from '../../src/web/catalogue.ts';
import { historySectionId, seriesSectionId, typeHistory } from '../../src/web/years.ts';
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

describe('the link to the figures over the years', () => {
  it("points at the section of the report's own series on its type's metrics page", () => {
    const model = sampleModel();
    const jiaoyuju = model.reports.find((r) => r.slug === 'chenxi-jiaoyuju-2020-xinxi-gongkai')!;
    expect(historySectionId(model, jiaoyuju)).toBe('series-chenxi-jiaoyuju-2022-xinxi-gongkai');
    for (const report of model.reports) {
      const series = typeHistory(model, report.template.id).filter((s) => s.reports.includes(report));
      expect(series.length, report.slug).toBe(1);
      expect(historySectionId(model, report)).toBe(seriesSectionId(series[0]!));
    }
  });
});
