/**
 * What a page says about itself: the meta tags of the national government-website page
 * specification (read by the inspection platforms' crawlers), the disclosure block, and the
 * Content-Security-Policy every page carries.
 */
import type { ContentModel, ReportModel } from '../content/index.ts';
import type { DisclosureField } from '../schema/site.ts';
import { fieldLabels } from '../schema/labels.ts';
import { reportSummary } from './text.ts';

/** Only the site's own scripts and styles; Pagefind compiles WebAssembly, hence 'wasm-unsafe-eval'. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

export interface MetaTag {
  name: string;
  content: string;
}

/**
 * SiteName is the name the site is registered under (the inspection platforms match pages to the
 * registry by it), not the title the pages show; without `siteName` the government's name.
 */
export function siteMeta(model: ContentModel): MetaTag[] {
  const { site } = model;
  const tags: MetaTag[] = [{ name: 'SiteName', content: site.siteName ?? site.government }];
  if (site.domain) tags.push({ name: 'SiteDomain', content: site.domain });
  if (site.footer.siteCode) tags.push({ name: 'SiteIDCode', content: site.footer.siteCode });
  return tags;
}

/** The column a page belongs to: the site's, or a report type's (`columns:` in site.yaml, else the type's name). */
export function columnOf(model: ContentModel, typeId?: string): { name: string; type: string } {
  const { site } = model;
  if (!typeId) return { name: site.columnName, type: site.columnType };
  const own = site.columns[typeId];
  const typeName = model.reports.find((r) => r.template.id === typeId)?.template.name;
  return { name: own?.name ?? typeName ?? site.columnName, type: own?.type ?? site.columnType };
}

/** The page-spec tags of a column page; with `typeId`, of that report type's column. */
export function columnMeta(model: ContentModel, typeId?: string): MetaTag[] {
  const column = columnOf(model, typeId);
  return [...siteMeta(model), { name: 'ColumnName', content: column.name }, { name: 'ColumnType', content: column.type }];
}

export function articleMeta(model: ContentModel, report: ReportModel, url: string | undefined): MetaTag[] {
  const { meta } = report;
  const description = reportSummary(report);
  const tags: MetaTag[] = [
    ...columnMeta(model, report.template.id),
    { name: 'ArticleTitle', content: meta.title },
    { name: 'PubDate', content: meta.publishedAt },
    { name: 'ContentSource', content: meta.source },
    // Not in the page specification's list; the 索引号 lets crawlers and the office match a page to its record.
    { name: 'IndexNumber', content: report.indexNumber },
  ];
  if (meta.keywords.length) tags.push({ name: 'Keywords', content: meta.keywords.join(',') });
  tags.push({ name: 'Author', content: report.issuer.name }, { name: 'Description', content: description });
  if (url) tags.push({ name: 'Url', content: url });
  // (HTML meta names are case-insensitive: Keywords and Description also serve search engines.)
  return tags;
}

export interface DisclosureItem {
  field: DisclosureField;
  label: string;
  value: string;
}

/** The disclosure block, with the fields the site shows, in the site's order; missing ones read 无. */
export function disclosureItems(model: ContentModel, report: ReportModel): DisclosureItem[] {
  const m = report.meta;
  const values: Record<DisclosureField, string | undefined> = {
    indexNumber: report.indexNumber,
    issuer: report.issuer.name,
    source: m.source,
    writtenDate: m.writtenDate,
    publishedAt: m.publishedAt,
    docNumber: m.docNumber,
    topic: m.topic,
    keywords: m.keywords.length ? m.keywords.join('、') : undefined,
    validity: m.validity,
  };
  return model.site.disclosureFields.map((field) => ({ field, label: fieldLabels[field]!, value: values[field] ?? '无' }));
}
