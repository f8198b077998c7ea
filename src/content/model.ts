import type { Root } from 'mdast';
import type { SourcePosition } from '../diagnostics/diagnostic.ts';
import type { Sealing } from '../schema/filing.ts';
import type { Issuer } from '../schema/issuer.ts';
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

/** One part of a rolled-up cell: an issuer's report and its value (null for “/”). */
export interface RollupPart {
  issuerId: string;
  /** The issuer's full name, for the breakdown tables and data files. */
  issuerName: string;
  slug: string;
  value: number | null;
}

/** A rolled-up cell: the report's own value (null for “/”), the sum of the parts' numbers, and the parts. */
export interface RollupCell {
  metricId: string;
  total: number | null;
  sum: number | null;
  parts: RollupPart[];
}

/** One table of a report declared as the sum over a set of issuers' reports of the same year and type. */
export interface RollupModel {
  table: string;
  description?: string;
  /** The selected issuers in issuers.yaml order. */
  issuerIds: string[];
  cells: RollupCell[];
}

/**
 * What the filing copy (备案件: the whole 公文 with 版头 and 版记, GB/T 9704-2012) prints beyond the
 * public copy, resolved from report.yaml's `filing:` and issuers.yaml. Every part but the issuers
 * and the sealing may be absent; renderers print what is there.
 */
export interface FilingModel {
  /** 发文机关, the host (主办机关) first: `filing.issuedBy`, or the report's issuer. */
  issuers: Issuer[];
  /** 发文字号, checked (〔〕, no 第, no leading zeros): `filing.docNumber` or `docNumber`. */
  docNumber?: string;
  /** 主送机关: `filing.mainRecipient` or `mainRecipient`. */
  mainRecipient?: string;
  /** 签发人 (上行文). */
  signers: string[];
  /** 抄送机关, in order. */
  copyTo: string[];
  printedBy?: string;
  /** 印发日期, YYYY-MM-DD. */
  printedDate?: string;
  copyNumber?: string;
  secrecy?: string;
  urgency?: string;
  sealing: Sealing;
  signedBy?: { office: string; person: string };
}

/** One attachment of the 附件说明: its number (1-based), name, and the text of `fujian-N.md` when there is one. */
export interface AttachmentModel {
  number: number;
  title: string;
  file?: string;
  body?: Root;
}

export interface ReportModel {
  /** Folder name under content/reports/, used in URLs and output file names. */
  slug: string;
  dir: string;
  meta: ReportMeta;
  /** The issuer `meta.issuer` names, resolved from issuers.yaml. Renderers show `issuer.name` as 发布机构. */
  issuer: Issuer;
  /** 索引号: `meta.indexNumber`, or derived from the issuer's pattern (see src/content/index-numbers.ts). */
  indexNumber: string;
  indexNumberDerived: boolean;
  /** The roll-ups this report declares, checked and broken down by issuer (empty for most reports). */
  rollups: RollupModel[];
  /** Where report.yaml wrote the fields that cross-report checks point at. */
  metaAt: { issuer: SourcePosition; publishedAt: SourcePosition; rollup: SourcePosition[] };
  template: Template;
  sections: SectionModel[];
  /** `lead.md`: the 导语, the paragraphs between the title (or 主送机关) and section 一; metric references resolved. */
  lead?: { file: string; body: Root };
  /** The attachments of `meta.attachments`, with their text (`fujian-1.md` …) where the folder has it. */
  attachments: AttachmentModel[];
  filing: FilingModel;
  metrics: Record<string, Metric>;
  tables: TableModel[];
  rules: CheckedRule[];
}

export interface ContentModel {
  root: string;
  /** The content folder the model was loaded from (for the build identity in the manifest). */
  contentDir: string;
  site: SiteConfig;
  /** issuers.yaml, in file order. */
  issuers: Issuer[];
  /** Published reports (`status: published`), newest first (year, then publication time). */
  reports: ReportModel[];
  /** Reports marked `status: draft`: checked like the others, never published. Same order. */
  drafts: ReportModel[];
}

/** Every report folder whose report.yaml could be read, with its check result: what `nianbao status` lists. */
export interface ReportEntry {
  slug: string;
  /** report.yaml, relative to the project root. */
  file: string;
  meta?: ReportMeta;
  /** The loaded report, when it has no errors. */
  report?: ReportModel;
  errors: number;
  warnings: number;
}
