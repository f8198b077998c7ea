/** The home page's view of the model: report types, and reports grouped by year then type. */
import type { ContentModel, ReportModel } from '../content/index.ts';

export interface ReportType {
  id: string;
  name: string;
  count: number;
}

export interface YearGroup {
  year: number;
  types: { type: ReportType; reports: ReportModel[] }[];
}

/** Types present in the model, in the order of their newest report (the model is newest first). */
export function reportTypes(model: ContentModel): ReportType[] {
  const types = new Map<string, ReportType>();
  for (const r of model.reports) {
    const t = types.get(r.template.id) ?? { id: r.template.id, name: r.template.name, count: 0 };
    t.count += 1;
    types.set(r.template.id, t);
  }
  return [...types.values()];
}

/** Newest year first; within a year, types in `reportTypes` order; reports keep the model's order. */
export function groupByYear(model: ContentModel, typeId?: string): YearGroup[] {
  const types = reportTypes(model);
  const years = new Map<number, Map<string, ReportModel[]>>();
  for (const r of model.reports) {
    if (typeId && r.template.id !== typeId) continue;
    const byType = years.get(r.meta.year) ?? new Map<string, ReportModel[]>();
    byType.set(r.template.id, [...(byType.get(r.template.id) ?? []), r]);
    years.set(r.meta.year, byType);
  }
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, byType]) => ({
      year,
      types: types.filter((t) => byType.has(t.id)).map((type) => ({ type, reports: byType.get(type.id)! })),
    }));
}
