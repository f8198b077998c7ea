/**
 * The home page's view of the model: report types, and reports grouped by year, then type, then
 * the kind of issuer. Computed once per model and filter (pages of one build share it).
 */
import type { ContentModel, ReportModel } from '../content/index.ts';
import { ISSUER_KINDS, type IssuerKind } from './issuers.ts';

export interface ReportType {
  id: string;
  name: string;
  count: number;
}

export interface KindReports {
  kind: IssuerKind;
  label: string;
  reports: ReportModel[];
}

export interface YearGroup {
  year: number;
  types: { type: ReportType; reports: ReportModel[]; kinds: KindReports[] }[];
}

export interface CatalogueFilter {
  typeId?: string;
  kind?: IssuerKind;
}

const typesOf = new WeakMap<ContentModel, ReportType[]>();
const groupsOf = new WeakMap<ContentModel, Map<string, YearGroup[]>>();

/** Types present in the model, in the order of their newest report (the model is newest first). */
/** A page per report type (its catalogue, its figures over the years): Astro's paths for them. */
export const typePagePaths = (model: ContentModel) => reportTypes(model).map((t) => ({ params: { type: t.id }, props: { name: t.name } }));

export function reportTypes(model: ContentModel): ReportType[] {
  let list = typesOf.get(model);
  if (!list) {
    const types = new Map<string, ReportType>();
    for (const r of model.reports) {
      const t = types.get(r.template.id) ?? { id: r.template.id, name: r.template.name, count: 0 };
      t.count += 1;
      types.set(r.template.id, t);
    }
    list = [...types.values()];
    typesOf.set(model, list);
  }
  return list;
}

/** Newest year first; within a year, types in `reportTypes` order, then issuers by kind in issuers.yaml order. */
export function groupByYear(model: ContentModel, filter: CatalogueFilter = {}): YearGroup[] {
  const key = `${filter.typeId ?? ''}\u0000${filter.kind ?? ''}`;
  const memo = groupsOf.get(model) ?? new Map<string, YearGroup[]>();
  groupsOf.set(model, memo);
  const known = memo.get(key);
  if (known) return known;
  const types = reportTypes(model);
  const order = new Map(model.issuers.map((issuer, i) => [issuer.id, i]));
  const years = new Map<number, Map<string, ReportModel[]>>();
  for (const r of model.reports) {
    if (filter.typeId && r.template.id !== filter.typeId) continue;
    if (filter.kind && r.issuer.kind !== filter.kind) continue;
    const byType = years.get(r.meta.year) ?? new Map<string, ReportModel[]>();
    byType.set(r.template.id, [...(byType.get(r.template.id) ?? []), r]);
    years.set(r.meta.year, byType);
  }
  const groups = [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, byType]) => ({
      year,
      types: types
        .filter((t) => byType.has(t.id))
        .map((type) => {
          const reports = [...byType.get(type.id)!].sort((a, b) => (order.get(a.issuer.id) ?? 0) - (order.get(b.issuer.id) ?? 0));
          const kinds = ISSUER_KINDS.map(({ kind, label }) => ({ kind, label, reports: reports.filter((r) => r.issuer.kind === kind) })).filter((k) => k.reports.length > 0);
          return { type, reports, kinds };
        }),
    }));
  memo.set(key, groups);
  return groups;
}

export interface TypeNeighbours {
  /** The report listed just before this one on its type's page (上一篇), if any. */
  previous?: ReportModel;
  /** The report listed just after it (下一篇), if any. */
  next?: ReportModel;
}

/** Each report's place in its type's column (the order the type page lists them), once per model. */
const placesOf = new WeakMap<ContentModel, Map<ReportModel, { list: ReportModel[]; at: number }>>();

/** A report's neighbours in its type's column, in the order the type page lists them. */
export function typeNeighbours(model: ContentModel, report: ReportModel): TypeNeighbours {
  let places = placesOf.get(model);
  if (!places) {
    places = new Map();
    for (const type of reportTypes(model)) {
      const list = groupByYear(model, { typeId: type.id }).flatMap((g) => g.types.flatMap((t) => t.kinds.flatMap((k) => k.reports)));
      list.forEach((r, at) => places!.set(r, { list, at }));
    }
    placesOf.set(model, places);
  }
  const place = places.get(report);
  if (!place) return {};
  return { previous: place.list[place.at - 1], next: place.list[place.at + 1] };
}
