/**
 * Which charts a report section gets: a whole with its parts (a checked sum rule whose metrics all
 * belong to the section), and the section's numbers across the years of its series.
 */
import type { CheckedRule, ReportModel, SectionModel } from '../../content/index.ts';
import { sameMetricIn } from '../../content/series.ts';
import { formatMetric, formatNumber } from '../../metrics/format.ts';
import type { Metric } from '../../schema/metric.ts';
import { inTotalColumn, parentGroupLabel, rowLabel, shortLabel, withoutNumber } from '../labels.ts';
import type { ChartSpec } from './spec.ts';

const exact = (m: Metric) => (m.value.kind === 'exact' ? m.value.number : undefined);
const percent = (part: number, whole: number) => `${formatNumber(Math.round((part / whole) * 1000) / 10)}%`;

/**
 * A sum rule as total + parts. A checked rule lists its totals first; a rule with several totals
 * (一 + 二 = 三 + 四) is not a whole with parts, and is recognised because its first metric
 * alone doesn't equal the rest.
 */
export function wholeWithParts(rule: CheckedRule, report: ReportModel): { total: Metric; parts: Metric[] } | undefined {
  if (rule.kind !== 'sum' || rule.metricIds.length < 3) return undefined;
  const ms = rule.metricIds.map((id) => report.metrics[id]);
  if (ms.some((m) => !m || exact(m) === undefined)) return undefined;
  const [total, ...parts] = ms as Metric[];
  const sum = parts.reduce((s, m) => s + exact(m)!, 0);
  if (Math.abs(sum - exact(total!)!) > 1e-9 * Math.max(1, Math.abs(sum))) return undefined;
  return { total: total!, parts };
}

export function partsCharts(report: ReportModel, section: SectionModel): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const seen = new Set<string>();
  for (const rule of report.rules) {
    const split = wholeWithParts(rule, report);
    if (!split) continue;
    const { total, parts } = split;
    const all = [total, ...parts];
    if (all.some((m) => m.section !== section.slug)) continue;
    // In an official table only the totals column is charted; every other column repeats it by applicant.
    if (all.some((m) => m.cell) && !all.every((m) => inTotalColumn(report, m))) continue;
    const whole = exact(total)!;
    const nonzero = parts.filter((m) => exact(m)! !== 0);
    if (whole <= 0 || nonzero.length < 2) continue;
    const key = parts.map((m) => m.id).sort().join(' ');
    if (seen.has(key)) continue;
    seen.add(key);

    const label = (m: Metric) => {
      if (!m.cell) return m.label;
      const group = parentGroupLabel(report, m);
      const own = withoutNumber(rowLabel(report, m) ?? m.label);
      return group && group !== parentGroupLabel(report, total) ? `${withoutNumber(group)}：${own}` : own;
    };
    const totalName = total.cell ? `${withoutNumber(parentGroupLabel(report, total) ?? shortLabel(report, total))}` : total.label;
    const joined = `${totalName}：${parts.map((m) => label(m)).join('、')}`;
    const title = total.cell || joined.length > 40 ? `${totalName}的构成` : joined;
    const zero = parts.length - nonzero.length;
    charts.push({
      kind: 'parts',
      title,
      description:
        `${totalName}共${formatMetric(total)}，其中` +
        nonzero.map((m) => `${label(m)}${formatMetric(m)}，占${percent(exact(m)!, whole)}`).join('；') +
        (zero > 0 ? `；其余${zero}项为${formatMetric({ ...total, value: { kind: 'exact', number: 0 } })}。` : '。'),
      groups: [{ bars: nonzero.map((m) => ({ label: label(m), value: exact(m)!, text: formatMetric(m), note: `占${percent(exact(m)!, whole)}`, metricId: m.id })) }],
      table: {
        caption: title,
        head: ['项目', '数值', '占比'],
        rows: [...parts.map((m) => [label(m), formatMetric(m), percent(exact(m)!, whole)]), ['合计', formatMetric(total), '100%']],
      },
    });
  }
  return charts;
}

/**
 * The section's numbers in this and earlier years. `series` holds the reports of the same series
 * for consecutive years ending with this one, oldest first.
 */
export function yearsChart(report: ReportModel, section: SectionModel, series: ReportModel[]): ChartSpec | undefined {
  if (series.length < 2) return undefined;
  const groups: ChartSpec['groups'] = [];
  const rows: string[][] = [];
  const sentences: string[] = [];
  for (const id of section.metricIds) {
    const current = report.metrics[id]!;
    if (current.cell && !inTotalColumn(report, current)) continue;
    const points = series
      .map((r) => ({ year: r.meta.year, metric: sameMetricIn(r, report, id) }))
      .filter((p): p is { year: number; metric: Metric } => !!p.metric && exact(p.metric) !== undefined && p.metric.unit === current.unit);
    if (points.length < 2 || points.every((p) => exact(p.metric) === 0)) continue;
    const name = current.cell ? shortLabel(report, current) : current.label;
    groups.push({ label: name, bars: points.map((p) => ({ label: `${p.year}年`, value: exact(p.metric)!, text: formatMetric(p.metric), metricId: p.year === report.meta.year ? id : undefined, muted: p.year !== report.meta.year })) });
    rows.push([name, ...series.map((r) => sameMetricIn(r, report, id)).map((m) => (m ? formatMetric(m) : '—'))]);
    sentences.push(`${name}：${points.map((p) => `${p.year}年${formatMetric(p.metric)}`).join('，')}`);
  }
  if (groups.length === 0) return undefined;
  const years = series.map((r) => r.meta.year);
  const title = `${section.title}：${years[0]}—${years.at(-1)}年数据对比`;
  return {
    kind: 'years',
    title,
    description: `${sentences.join('；')}。`,
    groups,
    table: { caption: title, head: ['指标', ...years.map((y) => `${y}年`)], rows },
  };
}

export interface NumberedChart {
  /** The section the chart follows. */
  section: string;
  /** 图N: counted through the report. */
  number: number;
  spec: ChartSpec;
}

/**
 * The charts printed on paper (the PDF and the Word file), numbered through the report. Only wholes
 * with their parts: they read this report alone, while a chart across the years reads its whole
 * series, which the printed files' cache keys don't cover (they hold only the previous report).
 */
export function paperCharts(report: ReportModel): NumberedChart[] {
  return report.sections
    .flatMap((section) => partsCharts(report, section).map((spec) => ({ section: section.slug, spec })))
    .map((c, i) => ({ ...c, number: i + 1 }));
}

/** The caption under a printed chart: 图N, a full-width space, its title. */
export const paperCaption = (chart: NumberedChart): string => `图${chart.number}\u3000${chart.spec.title}`;
