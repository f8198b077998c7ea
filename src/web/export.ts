/**
 * Each report's metrics as data files. JSON keeps the model's value shape; CSV is for Excel:
 * UTF-8 with a byte-order mark (without it Excel on Chinese Windows reads GBK and garbles the
 * text) and CRLF line ends.
 */
import type { ReportModel } from '../content/index.ts';
import { formatMetric } from '../metrics/format.ts';
import type { Metric } from '../schema/metric.ts';

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

export interface ReportData {
  slug: string;
  title: string;
  year: number;
  type: { id: string; name: string; version: string };
  /** 发布机构 (full name) and its id in issuers.yaml. */
  issuer: string;
  issuerId: string;
  signature: string;
  publishedAt: string;
  indexNumber: string;
  metrics: {
    id: string;
    label: string;
    unit: string;
    value: Metric['value'];
    text: string;
    section: string;
    cell?: Metric['cell'];
  }[];
}

export function reportData(report: ReportModel): ReportData {
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
    metrics: orderedMetrics(report).map((m) => ({
      id: m.id,
      label: m.label,
      unit: m.unit,
      value: m.value,
      text: formatMetric(m),
      section: sectionTitle(report, m.section),
      ...(m.cell ? { cell: m.cell } : {}),
    })),
  };
}

export function reportJson(report: ReportModel): string {
  return `${JSON.stringify(reportData(report), null, 2)}\n`;
}

export const CSV_HEADER = ['指标编号', '指标名称', '数值', '上限', '单位', '限定', '报告原文写法', '所在章节'];

export function csvField(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value);
  // A leading = + - @ would make Excel evaluate the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportCsv(report: ReportModel): string {
  const rows = orderedMetrics(report).map((m) => {
    const v = m.value;
    const [low, high] = v.kind === 'range' ? [v.from, v.to] : v.kind === 'na' ? [undefined, undefined] : [v.number, undefined];
    return [m.id, m.label, low, high, m.unit, QUALIFIERS[v.kind], formatMetric(m), sectionTitle(report, m.section)];
  });
  return `\uFEFF${[CSV_HEADER, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
