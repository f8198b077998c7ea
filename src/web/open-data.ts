/**
 * The open-data view of the model: which data files the site publishes (per report, per type and
 * year, per type across years), the terms of use, and what each field means — for the 数据下载
 * page and for data/README.txt, which say the same.
 */
import type { ContentModel, ReportModel } from '../content/index.ts';
import { DATA_SCHEMA_FILES, DataRow } from '../schema/open-data.ts';
import { reportTypes } from './catalogue.ts';
import { CSV_COLUMNS } from './export.ts';
import { portalPaths } from './urls.ts';

export interface DataPair {
  label: string;
  csv: string;
  json: string;
}

export interface TypeDataFiles {
  id: string;
  name: string;
  /** Every year of the type in one file. */
  all: DataPair;
  /** Newest year first. */
  years: (DataPair & { year: number })[];
  reports: (DataPair & { report: ReportModel })[];
}

export interface Field {
  name: string;
  title: string;
  about?: string;
}

export interface DataNote {
  licence: string;
  licenceUrl?: string;
  /** CSV columns in file order. */
  csvColumns: Field[];
  /** The fields of a JSON row (data/‹报告›.json `metrics`, combined files `rows`). */
  jsonFields: Field[];
  schemas: { report: string; type: string };
  readme: string;
}

/** Every data file of the site, by report type. */
export function openDataFiles(model: ContentModel): TypeDataFiles[] {
  const paths = portalPaths(model.site.basePath);
  return reportTypes(model).map((t) => {
    const reports = model.reports.filter((r) => r.template.id === t.id);
    const years = [...new Set(reports.map((r) => r.meta.year))].sort((a, b) => b - a);
    return {
      id: t.id,
      name: t.name,
      all: { label: `${t.name}：全部年度`, csv: paths.typeData(t.id, 'all', 'csv'), json: paths.typeData(t.id, 'all', 'json') },
      years: years.map((year) => ({ year, label: `${year}年度${t.name}`, csv: paths.typeData(t.id, year, 'csv'), json: paths.typeData(t.id, year, 'json') })),
      reports: reports.map((report) => ({ report, label: report.meta.title, csv: paths.dataCsv(report.slug), json: paths.dataJson(report.slug) })),
    };
  });
}

/** The terms when site.yaml states none: free to use, with the source named; the report's text decides. */
export function defaultLicence(model: ContentModel): string {
  return `本网站发布的年度报告数据可以免费下载、复制和使用。使用时请注明来源“${model.site.footer.sponsor}”，并写明报告标题或索引号。数据与报告正文一致；如有出入，以本网站发布的报告正文为准。`;
}

function field(name: string, schema: { meta(): Record<string, unknown> | undefined }): Field {
  const meta = schema.meta() ?? {};
  return { name, title: String(meta.title ?? name), ...(meta.description ? { about: String(meta.description) } : {}) };
}

/** The type field names the types of this site's reports, as their templates name them (the schema names none). */
function withSiteTypes(model: ContentModel, f: Field): Field {
  if (f.name !== 'type') return f;
  const types = reportTypes(model).map((t) => `${t.id} ${t.name}`);
  return types.length ? { ...f, about: `${f.about}。本站的类型：${types.join('；')}` } : f;
}

export function dataNote(model: ContentModel): DataNote {
  const paths = portalPaths(model.site.basePath);
  const licence = model.site.openData.licence ?? defaultLicence(model);
  const note: Omit<DataNote, 'readme'> = {
    licence,
    ...(model.site.openData.licenceUrl ? { licenceUrl: model.site.openData.licenceUrl } : {}),
    csvColumns: CSV_COLUMNS.map((c) => ({ name: c.name, title: c.name, about: c.about })),
    jsonFields: Object.entries(DataRow.shape).map(([name, schema]) => withSiteTypes(model, field(name, schema as never))),
    schemas: { report: `${paths.openData}${DATA_SCHEMA_FILES.report}`, type: `${paths.openData}${DATA_SCHEMA_FILES.type}` },
  };
  return { ...note, readme: readmeText(model, note) };
}

/** data/README.txt: the note as plain text, for whoever downloads the files without the page. */
function readmeText(model: ContentModel, note: Omit<DataNote, 'readme'>): string {
  const site = model.site;
  const lines = [
    `${site.name}：数据说明`,
    '',
    '一、数据内容',
    '本文件夹是网站上各份年度报告中的数字：正文中的指标，以及统计表的每一个格子。',
    '每份报告一个 CSV 文件和一个 JSON 文件（‹报告编号›.csv、‹报告编号›.json）；',
    '每种报告另有按年度合并的文件（‹报告类型›/‹年度›.csv、.json）和全部年度合并的文件（‹报告类型›/all.csv、all.json）。',
    '每一行都写明年度、报告和发布机构，不同报告、不同年度的文件可以直接合并。',
    '',
    '二、使用条件',
    note.licence,
    ...(note.licenceUrl ? [`使用协议：${note.licenceUrl}`] : []),
    '',
    '三、文件格式',
    'CSV：UTF-8 编码（带 BOM，Excel 可以直接打开），逗号分隔，每行以回车换行结束；第一行是列名。',
    'JSON：UTF-8 编码。结构见 JSON Schema：report-data.schema.json（一份报告的文件）、type-data.schema.json（合并文件）。',
    '',
    '四、CSV 的列',
    ...note.csvColumns.map((c, i) => `${i + 1}. ${c.name}：${c.about ?? ''}`),
    '县级汇总的报告（如县政府的信息公开年报）的 CSV 另有“各机构合计”和每个被汇总机构各一列。',
    '',
    '五、JSON 每一行的字段',
    ...note.jsonFields.map((f) => `${f.name}（${f.title}）${f.about ? `：${f.about}` : ''}`),
    '',
    `网页版说明：${site.domain ? `https://${site.domain}` : ''}${portalPaths(site.basePath).openData}`,
    '',
  ];
  return `\uFEFF${lines.join('\r\n')}`;
}
