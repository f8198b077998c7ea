/**
 * The portal's views of issuers: who publishes what, by kind, by type and by year. Computed once
 * per model (the pages of one build share it) and only read by the pages.
 */
import type { ContentModel, ReportModel } from '../content/index.ts';
import { ISSUER_KIND_LABELS, type Issuer, type IssuerKind } from '../schema/issuer.ts';

export type { Issuer, IssuerKind };

/** Kinds in the order a county lists them, with their names on the site. */
export const ISSUER_KINDS = (Object.keys(ISSUER_KIND_LABELS) as IssuerKind[]).map((kind) => ({ kind, label: ISSUER_KIND_LABELS[kind] }));
export const kindLabel = (kind: IssuerKind) => ISSUER_KIND_LABELS[kind];
/** The short name where issuers.yaml gives one (县司法局), else the full name. */
export const shortName = (issuer: Issuer) => issuer.shortName ?? issuer.name;

export interface TypeRef {
  id: string;
  name: string;
}

export interface IssuerView {
  issuer: Issuer;
  /** Newest first, as the model orders them. */
  reports: ReportModel[];
  /** Types it must publish, then any others it has published. */
  types: TypeRef[];
  /** Years it has published in, newest first. */
  years: number[];
  /** The reports of one type and year: `grid.get(typeId)?.get(year)`. */
  grid: Map<string, Map<number, ReportModel[]>>;
}

export interface KindView {
  kind: IssuerKind;
  label: string;
  issuers: IssuerView[];
  reportCount: number;
}

export interface IssuerIndex {
  /** Kinds that have issuers, in ISSUER_KINDS order; issuers in the order of issuers.yaml. */
  kinds: KindView[];
  issuers: IssuerView[];
  byId: Map<string, IssuerView>;
  /** The same issuer's reports of the same type, newest first (the report itself included). */
  series(report: ReportModel): ReportModel[];
}

const cache = new WeakMap<ContentModel, IssuerIndex>();

export function issuerIndex(model: ContentModel): IssuerIndex {
  let index = cache.get(model);
  if (!index) {
    index = buildIndex(model);
    cache.set(model, index);
  }
  return index;
}

function buildIndex(model: ContentModel): IssuerIndex {
  const typeNames = new Map<string, string>();
  for (const r of model.reports) typeNames.set(r.template.id, r.template.name);
  const views = model.issuers.map((issuer): IssuerView => ({ issuer, reports: [], types: [], years: [], grid: new Map() }));
  const byId = new Map(views.map((v) => [v.issuer.id, v]));
  const series = new Map<string, ReportModel[]>();
  for (const r of model.reports) {
    const view = byId.get(r.issuer.id);
    if (!view) continue;
    view.reports.push(r);
    const years = view.grid.get(r.template.id) ?? new Map<number, ReportModel[]>();
    years.set(r.meta.year, [...(years.get(r.meta.year) ?? []), r]);
    view.grid.set(r.template.id, years);
    const key = `${r.issuer.id}\u0000${r.template.id}`;
    series.set(key, [...(series.get(key) ?? []), r]);
  }
  for (const view of views) {
    const ids = [...view.issuer.reports, ...view.reports.map((r) => r.template.id)];
    view.types = [...new Set(ids)].map((id) => ({ id, name: typeNames.get(id) ?? templateName(model, id) }));
    view.years = [...new Set(view.reports.map((r) => r.meta.year))].sort((a, b) => b - a);
  }
  const kinds = ISSUER_KINDS.map(({ kind, label }) => {
    const issuers = views.filter((v) => v.issuer.kind === kind);
    return { kind, label, issuers, reportCount: issuers.reduce((n, v) => n + v.reports.length, 0) };
  }).filter((k) => k.issuers.length > 0);
  return {
    kinds,
    issuers: views,
    byId,
    series: (report) => series.get(`${report.issuer.id}\u0000${report.template.id}`) ?? [report],
  };
}

/** A type an issuer must publish but no report of the site has yet: named by its id. */
function templateName(_model: ContentModel, id: string): string {
  return id;
}
