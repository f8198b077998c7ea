import type { Root } from 'mdast';
import type { Metric } from '../schema/metric.ts';
import type { ReportMeta } from '../schema/report.ts';
import type { SiteConfig } from '../schema/site.ts';
import type { Template, TemplateTable } from '../schema/template.ts';

/** One section file, parsed and numbered. */
export interface SectionModel {
  /** File name without the order prefix and extension: `02-yifa-lvzhi.md` → `yifa-lvzhi`. */
  slug: string;
  /** Path relative to the project root. */
  file: string;
  order: number;
  title: string;
  /** 1 = 一、 2 = （一） 3 = 1. 4 = （1） */
  level: number;
  /** The generated heading number, e.g. `（三）`. */
  number: string;
  /** Template elements this section covers. */
  elements: string[];
  /** Markdown body: mdast with `metricRef` nodes resolved and `heading.data.number` set. */
  body: Root;
  /** Ids of the metrics this section declares, in order. */
  metricIds: string[];
}

export interface TableModel {
  table: TemplateTable;
  /** Cell metric ids by row id, in column order; undefined for group rows. */
  cells: Record<string, string[]>;
}

export interface CheckedRule {
  kind: 'sum' | 'equal' | 'ratio';
  description: string;
  metricIds: string[];
}

export interface ReportModel {
  /** Folder name under content/reports/, used in URLs and output file names. */
  slug: string;
  dir: string;
  meta: ReportMeta;
  template: Template;
  sections: SectionModel[];
  /** `lead.md`: the 导语, the paragraphs between the title (or 主送机关) and section 一; metric references resolved. */
  lead?: { file: string; body: Root };
  metrics: Record<string, Metric>;
  tables: TableModel[];
  rules: CheckedRule[];
}

export interface ContentModel {
  root: string;
  /** The content folder the model was loaded from (for the build identity in the manifest). */
  contentDir: string;
  site: SiteConfig;
  /** Newest first (year, then publication time). */
  reports: ReportModel[];
}
