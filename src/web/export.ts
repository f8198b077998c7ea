/**
 * Each report's metrics as data files. JSON keeps the model's value shape; CSV is for Excel:
 * UTF-8 with a byte-order mark (without it Excel on Chinese Windows reads GBK and garbles the
 * text) and CRLF line ends.
 */
import type { ReportModel, RollupModel } from '../content/index.ts';
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
  /** Tables declared as the sum over issuers' reports: each cell with the report's value, the sum and every issuer's value (null for “/”). */
  rollups: RollupModel[];
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
    rollups: report.rollups,
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

/**
 * A report with roll-ups gets one more column for the sum over the issuers and one per issuer
 * (their value of that cell, “/” where they wrote “/”), filled on the rolled-up rows only.
 */
export function reportCsv(report: ReportModel): string {
  const parts = rollupColumns(report);
  const header = parts.issuers.length ? [...CSV_HEADER, '各机构合计', ...parts.issuers.map((i) => i.name)] : CSV_HEADER;
  const rows = orderedMetrics(report).map((m) => {
    const v = m.value;
    const [low, high] = v.kind === 'range' ? [v.from, v.to] : v.kind === 'na' ? [undefined, undefined] : [v.number, undefined];
    const row: (string | number | undefined)[] = [m.id, m.label, low, high, m.unit, QUALIFIERS[v.kind], formatMetric(m), sectionTitle(report, m.section)];
    const cell = parts.cells.get(m.id);
    if (parts.issuers.length) {
      const byIssuer = new Map(cell?.parts.map((p) => [p.issuerId, p.value]));
      row.push(cell ? (cell.sum ?? '/') : undefined, ...parts.issuers.map((i) => (byIssuer.has(i.id) ? (byIssuer.get(i.id) ?? '/') : undefined)));
    }
    return row;
  });
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
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
