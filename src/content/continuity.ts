/**
 * Continuity across years: a pass over all loaded reports. Each report's template may say how its
 * cells follow from the same issuer's report of the year before (`continuity:` in template.yaml),
 * e.g. this year's 上年结转 = last year's 结转下年度继续办理. Last year's cells are named in this
 * version's ids; when last year's report is in another format version, only cells a bridge says
 * hold the same quantity are compared. Only exact numbers are compared: a `/`, an approximate
 * value or an unbridged cell skips the rule (it is never read as 0).
 */
import { diag, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { formatMetric, formatNumber } from '../metrics/format.ts';
import type { Metric } from '../schema/metric.ts';
import type { ContinuityRule } from '../schema/template.ts';
import { translateCell } from './bridges.ts';
import type { ReportModel } from './model.ts';
import { eachCombination, substitute } from './rules.ts';
import { previousInSeries } from './series.ts';
import { metricValues, type MetricValue } from './metric-values.ts';

/** A checked continuity, for tests and the record of what was compared. */
export interface CheckedContinuity {
  report: string;
  previous: string;
  description: string;
  metricIds: string[];
}

/** `reports` newest first, as the content model keeps them. */
export function checkContinuity(reports: readonly ReportModel[]): { checked: CheckedContinuity[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const checked: CheckedContinuity[] = [];
  for (const report of reports) {
    if (report.template.continuity.length === 0) continue;
    const previous = previousInSeries(reports, report);
    if (!previous) continue;
    const labels = cellLabels(report);
    for (const rule of report.template.continuity) {
      for (const combo of eachCombination(rule.each)) {
        const result = checkOne(rule, combo, labels, report, previous);
        if (!result) continue;
        checked.push({ report: report.slug, previous: previous.slug, description: result.description, metricIds: result.ids });
        if (result.diagnostic) diagnostics.push(result.diagnostic);
      }
    }
  }
  return { checked, diagnostics };
}

function cellLabels(report: ReportModel): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const t of report.template.tables) {
    for (const c of t.columns) labels[c.id] = c.label;
    for (const r of t.rows) labels[r.id] = r.label;
  }
  return labels;
}

/** A figure of the rule: its value from metricValues (the report's figures are read only to report a mismatch). */
interface Term {
  id: string;
  value: MetricValue;
  report: ReportModel;
}

function checkOne(
  rule: ContinuityRule,
  combo: Record<string, string>,
  labels: Record<string, string>,
  report: ReportModel,
  previous: ReportModel,
): { description: string; ids: string[]; diagnostic?: Diagnostic } | undefined {
  const sub = (id: string) => substitute(id, combo);
  const description = substitute(rule.description, combo, labels);
  const own = (id: string): Term | undefined => {
    const value = metricValues(report)[sub(id)];
    return value && { id: sub(id), value, report };
  };
  const before = (id: string): Term | undefined => {
    const theirs = translateCell(report.template, previous.template, sub(id));
    const value = theirs === undefined ? undefined : metricValues(previous)[theirs];
    return value && { id: theirs!, value, report: previous };
  };
  const current = own(rule.current);
  const prev = [rule.previous].flat().map(before);
  const plus = rule.plus.map(own);
  const minus = rule.minus.map(own);
  const terms = [current, ...prev, ...plus, ...minus];
  // A cell the other year's format does not have (no bridge), or a report without the table.
  if (terms.some((t) => t === undefined)) return undefined;
  const all = terms as Term[];
  // Not exactNumber: that counts a "/" as 0 inside one table's sums; across years it means "not reported".
  if (all.some((t) => t.value.kind !== 'exact')) return undefined;
  const num = (t: Term | undefined) => (t!.value as { number: number }).number;
  const expected = prev.reduce((s, t) => s + num(t), 0) + plus.reduce((s, t) => s + num(t), 0) - minus.reduce((s, t) => s + num(t), 0);
  const actual = num(current);
  const ids = all.map((t) => `${t.report.slug}:${t.id}`);
  if (Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected))) return { description, ids };
  const metric = (t: Term): Metric => t.report.metrics[t.id]!;
  const line = (t: Term) => `  ${t.report.meta.year}年度 ${metric(t).source.file}:${metric(t).source.line}  ${metric(t).label}[${t.id}] ${formatMetric(metric(t))}`;
  const formula = [
    prev.map((t) => `${previous.meta.year}年度的 ${formatNumber(num(t))}`).join(' + '),
    ...plus.map((t) => `+ ${formatNumber(num(t))}`),
    ...minus.map((t) => `− ${formatNumber(num(t))}`),
  ].join(' ');
  return {
    description,
    ids,
    diagnostic: diag(
      'error',
      'continuity',
      metric(current!).source,
      `与上一年度报告不衔接：${description}。${report.meta.year}年度是 ${formatNumber(actual)}，而按 ${formula} 应为 ${formatNumber(expected)}（相差 ${formatNumber(Math.abs(actual - expected))}）。\n${all.map(line).join('\n')}`,
      {
        hint: `核对这两份报告（${report.slug} 与 ${previous.slug}）：改正写错的那个数。上一年度的报告已经发布的，改本年度的数，或在本年度报告中说明差异的原因。`,
      },
    ),
  };
}
