/**
 * Each report's metrics as data files, and every report of a type put together (per year and
 * across years). Every row names its year, report and issuer, so files can be joined. JSON keeps
 * the model's value shape (src/schema/open-data.ts); CSV is for Excel: UTF-8 with a byte-order
 * mark (without it Excel on Chinese Windows reads GBK and garbles the text) and CRLF line ends.
 */
import type { ReportModel, RollupModel } from '../content/index.ts';
import { formatMetric } from '../metrics/format.ts';
import type { Metric } from '../schema/metric.ts';
import type { z } from 'zod';
import type { DataRow, ReportDataFile, RowReport, TypeDataFile } from '../schema/open-data.ts';

const QUALIFIERS: Record<Metric['value']['kind'], string> = {
  exact: '精确',
  over: '余',
  'at-least': '以上',
  within: '以内',
  range: '范围',
  na: '不适用',
};

function orderedMetrics(report: ReportModel): Metric[] {
  return report.sections.flatMap((s) => s.metricIds.map((id) => report.metrics[id]!));
}

function sectionTitle(report: ReportModel, slug: string): string {
  const s = report.sections.find((x) => x.slug === slug);
  return s ? `${s.number}${s.title}` : slug;
}

/** A report's data file (data/‹报告›.json); its shape is the zod schema ReportDataFile. */
export type ReportData = ReportDataFile;

/** What every row says about its report: year, type, report and issuer. */
function rowReport(report: ReportModel): z.infer<typeof RowReport> {
  return {
    year: report.meta.year,
    type: report.template.id,
    report: report.slug,
    reportTitle: report.meta.title,
    indexNumber: report.indexNumber,
    issuer: report.issuer.name,
    issuerId: report.issuer.id,
  };
}

/** The report's metrics as data rows, in section order. */
export function dataRows(report: ReportModel): DataRow[] {
  const owner = rowReport(report);
  return orderedMetrics(report).map((m) => ({
    ...owner,
    id: m.id,
    label: m.label,
    unit: m.unit,
    value: m.value,
    text: formatMetric(m),
    section: sectionTitle(report, m.section),
    ...(m.cell ? { cell: m.cell } : {}),
  }));
}

/** A report's data file without its `metrics` and `rollups`, which follow in that order. */
export function reportDataHead(report: ReportModel): Omit<ReportData, 'metrics' | 'rollups'> {
  return {
    slug: report.slug,
    title: report.meta.title,
    year: report.meta.year,
    type: { id: report.template.id, name: report.template.name, version: report.template.version },
    issuer: report.issuer.name,
    issuerId: report.issuer.id,
    signature: report.meta.signature,
    publishedAt: report.meta.publishedAt,
    indexNumber: report.indexNumber,
  };
}

export function reportData(report: ReportModel): ReportData {
  return { ...reportDataHead(report), metrics: dataRows(report), rollups: report.rollups };
}

export function reportJson(report: ReportModel): string {
  return `${JSON.stringify(reportData(report), null, 2)}\n`;
}

/** The CSV columns, with what each holds (the data note lists them). */
export const CSV_COLUMNS: readonly { name: string; about: string }[] = [
  { name: '年度', about: '报告所属的年度，如 2022' },
  { name: '报告类型', about: '如 政府信息公开工作年度报告' },
  { name: '发布机构', about: '发布机构全称' },
  { name: '发布机构编号', about: '本网站给发布机构的编号（网址 issuers/‹编号›/）' },
  { name: '报告编号', about: '报告文件夹名（网址 reports/‹编号›/）' },
  { name: '报告标题', about: '报告标题' },
  { name: '索引号', about: '报告的索引号' },
  { name: '指标编号', about: '在同一份报告里唯一；统计表的格子是 表格.行.列，各机构、各年度相同' },
  { name: '指标名称', about: '统计表的格子写作 表格：行（列）' },
  { name: '数值', about: '数字；范围的下限；不适用（/）时为空' },
  { name: '上限', about: '只有范围（如 1—2次）才有' },
  { name: '单位', about: '如 件、名、%、万元' },
  { name: '限定', about: '精确、余、以上、以内、范围、不适用' },
  { name: '报告原文写法', about: '报告中的写法，如 20余条、1—2次、/' },
  { name: '所在章节', about: '带序号的章节标题' },
];
export const CSV_HEADER = CSV_COLUMNS.map((c) => c.name);

export function csvField(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value);
  // A leading = + - @ would make Excel evaluate the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One report's lines of the combined CSV files (no header, CRLF between them). */
export function typeCsvLines(report: ReportModel): string[] {
  return orderedMetrics(report).map((m) => csvRow(report, m).map(csvField).join(','));
}

function csvRow(report: ReportModel, m: Metric): (string | number | undefined)[] {
  const v = m.value;
  const [low, high] = v.kind === 'range' ? [v.from, v.to] : v.kind === 'na' ? [undefined, undefined] : [v.number, undefined];
  const r = rowReport(report);
  return [r.year, report.template.name, r.issuer, r.issuerId, r.report, r.reportTitle, r.indexNumber, m.id, m.label, low, high, m.unit, QUALIFIERS[v.kind], formatMetric(m), sectionTitle(report, m.section)];
}

function csvText(rows: (string | number | undefined)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Whether the report's CSV has roll-up columns (reportCsv), beyond the combined files' (typeCsvLines). */
export const hasRollupColumns = (report: ReportModel): boolean => rollupColumns(report).issuers.length > 0;

/**
 * A report with roll-ups gets one more column for the sum over the issuers and one per issuer
 * (their value of that cell, “/” where they wrote “/”), filled on the rolled-up rows only.
 */
export function reportCsv(report: ReportModel): string {
  const parts = rollupColumns(report);
  const header = parts.issuers.length ? [...CSV_HEADER, '各机构合计', ...parts.issuers.map((i) => i.name)] : CSV_HEADER;
  const rows = orderedMetrics(report).map((m) => {
    const row = csvRow(report, m);
    const cell = parts.cells.get(m.id);
    if (parts.issuers.length) {
      const byIssuer = new Map(cell?.parts.map((p) => [p.issuerId, p.value]));
      row.push(cell ? (cell.sum ?? '/') : undefined, ...parts.issuers.map((i) => (byIssuer.has(i.id) ? (byIssuer.get(i.id) ?? '/') : undefined)));
    }
    return row;
  });
  return csvText([header, ...rows]);
}

/** The reports of one type: of one year, or of all years (`year` null), newest first as in the model. */
export function typeReports(reports: readonly ReportModel[], typeId: string, year: number | null): ReportModel[] {
  return reports.filter((r) => r.template.id === typeId && (year === null || r.meta.year === year));
}

/** How a combined file lists one report (its rows follow in `rows`). */
export function listedReport(r: ReportModel, reportUrl: (slug: string) => string): TypeDataFile['reports'][number] {
  return {
    report: r.slug,
    title: r.meta.title,
    year: r.meta.year,
    issuer: r.issuer.name,
    issuerId: r.issuer.id,
    publishedAt: r.meta.publishedAt,
    indexNumber: r.indexNumber,
    url: reportUrl(r.slug),
  };
}

/** data/‹类型›/‹年度›.json or data/‹类型›/all.json: the reports listed, and all their rows. */
export function typeData(reports: readonly ReportModel[], type: { id: string; name: string }, year: number | null, reportUrl: (slug: string) => string): TypeDataFile {
  const chosen = typeReports(reports, type.id, year);
  return { type, year, reports: chosen.map((r) => listedReport(r, reportUrl)), rows: chosen.flatMap(dataRows) };
}

export function typeJson(data: TypeDataFile): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** The same rows as CSV (the per-report roll-up columns are left out: they differ from report to report). */
export function typeCsv(reports: readonly ReportModel[], typeId: string, year: number | null): string {
  return csvText([[...CSV_HEADER], ...typeReports(reports, typeId, year).flatMap((r) => orderedMetrics(r).map((m) => csvRow(r, m)))]);
}

function rollupColumns(report: ReportModel) {
  const issuers = new Map<string, { id: string; name: string }>();
  const cells = new Map<string, RollupModel['cells'][number]>();
  for (const rollup of report.rollups) {
    for (const cell of rollup.cells) {
      cells.set(cell.metricId, cell);
      for (const p of cell.parts) issuers.set(p.issuerId, { id: p.issuerId, name: p.issuerName });
    }
  }
  return { issuers: [...issuers.values()], cells };
}
