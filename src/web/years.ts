/**
 * Reports across years (series: see src/content/series.ts), as the pages show them. Reports of
 * one series may be in different format versions: their table cells line up only where the
 * templates' bridges say two cells hold the same quantity.
 */
import type { ContentModel, ReportModel } from '../content/index.ts';
import { previousInSeries, sameMetricIn, seriesKey } from '../content/series.ts';
import { formatNumber, formatValue } from '../metrics/format.ts';
import type { Metric } from '../schema/metric.ts';

export { sameMetricIn, seriesKey };

/** The report of the same series for the previous year, if there is one. */
export function previousReport(model: ContentModel, report: ReportModel): ReportModel | undefined {
  return previousInSeries(model.reports, report);
}

/** This report and its predecessors in consecutive years, oldest first. */
export function consecutiveSeries(model: ContentModel, report: ReportModel): ReportModel[] {
  const chain = [report];
  for (let prev = previousReport(model, report); prev; prev = previousReport(model, prev)) chain.unshift(prev);
  return chain;
}

export interface MetricChange {
  direction: 'up' | 'down' | 'same';
  /** e.g. 增加54名（增长5.4%）, 减少3件, 提高2个百分点, 持平 */
  text: string;
}

const decimalsOf = (n: number) => (formatNumber(n).split('.')[1] ?? '').length;

/**
 * The change from last year's value to this year's, in words. Only exact values in the same unit
 * compare: "20余条" against "30余条" says nothing certain, and a changed unit is a different metric.
 */
export function metricChange(previous: Metric, current: Metric): MetricChange | undefined {
  if (previous.unit !== current.unit) return undefined;
  if (previous.value.kind !== 'exact' || current.value.kind !== 'exact') return undefined;
  const before = previous.value.number;
  const after = current.value.number;
  const decimals = Math.max(decimalsOf(before), decimalsOf(after));
  const delta = Number((after - before).toFixed(decimals));
  if (delta === 0) return { direction: 'same', text: '持平' };
  const direction = delta > 0 ? 'up' : 'down';
  const amount = formatValue({ kind: 'exact', number: Math.abs(delta) }, current.unit === '%' ? '' : current.unit, decimals > 0 ? decimals : undefined);
  if (current.unit === '%') return { direction, text: `${delta > 0 ? '提高' : '降低'}${amount}个百分点` };
  const relative = before !== 0 ? `（${delta > 0 ? '增长' : '下降'}${formatNumber(Math.round((Math.abs(delta) / Math.abs(before)) * 1000) / 10)}%）` : '';
  return { direction, text: `${delta > 0 ? '增加' : '减少'}${amount}${relative}` };
}

export interface MetricRow {
  id: string;
  label: string;
  unit: string;
  /** One entry per year of the series, oldest first; undefined where that year's report lacks the metric. */
  values: (Metric | undefined)[];
}

export interface MetricGroup {
  title: string;
  rows: MetricRow[];
}

export interface SeriesHistory {
  /** The issuer (issuers.yaml) whose reports these are: the series page's address. */
  issuerId: string;
  /** The organ that signs the reports, e.g. 辰溪县人民政府. */
  organ: string;
  years: number[];
  /** One report per year, oldest first. */
  reports: ReportModel[];
  groups: MetricGroup[];
}

/**
 * Whether an incremental build that renders `renderOnly` must render a series page: when one of
 * that issuer's reports of the type is rendered. Otherwise every such report kept its page key,
 * which covers all of them, so the page is the one last published (the build puts it back).
 */
export function seriesChanged(reports: readonly ReportModel[], renderOnly: ReadonlySet<string>, typeId: string, issuerId: string): boolean {
  return reports.some((r) => renderOnly.has(r.slug) && r.template.id === typeId && r.issuer.id === issuerId);
}

const histories = new WeakMap<ContentModel, Map<string, SeriesHistory[]>>();

/**
 * Every metric of every series of one type over the years, grouped as the latest report groups
 * them (by section, and by official table for table cells). Computed once per model and type:
 * the metrics page and every report page of a build share it.
 */
export function typeHistory(model: ContentModel, typeId: string): SeriesHistory[] {
  const memo = histories.get(model) ?? new Map<string, SeriesHistory[]>();
  histories.set(model, memo);
  let made = memo.get(typeId);
  if (!made) {
    made = computeTypeHistory(model, typeId);
    memo.set(typeId, made);
  }
  return made;
}

function computeTypeHistory(model: ContentModel, typeId: string): SeriesHistory[] {
  const bySeries = new Map<string, Map<number, ReportModel>>();
  for (const r of model.reports) {
    if (r.template.id !== typeId) continue;
    const years = bySeries.get(seriesKey(r)) ?? new Map<number, ReportModel>();
    if (!years.has(r.meta.year)) years.set(r.meta.year, r); // newest published first
    bySeries.set(seriesKey(r), years);
  }
  return [...bySeries.values()].map((byYear) => {
    const years = [...byYear.keys()].sort((a, b) => a - b);
    const reports = years.map((y) => byYear.get(y)!);
    const newest = reports.at(-1)!;
    // The rows read every figure of the series: made when a page asks for them (the series page),
    // not for the lists of series (the type's page, the site map) or an incremental build's checks.
    let groups: MetricGroup[] | undefined;
    return {
      issuerId: newest.issuer.id,
      organ: newest.issuer.name,
      years,
      reports,
      get groups() {
        groups ??= seriesGroups(reports);
        return groups;
      },
    };
  });
}

/** A series' figures by row, grouped as its newest report groups them. */
function seriesGroups(reports: readonly ReportModel[]): MetricGroup[] {
  const newest = reports.at(-1)!;
  // A row is a quantity: a cell of an older format version joins the newest version's cell that
  // a bridge names, and otherwise keeps a row of its own (its id, marked with its version).
  const rowKey = (report: ReportModel, id: string): string => {
    if (!report.metrics[id]!.cell || report.template.version === newest.template.version) return id;
    const bridged = sameMetricIn(newest, report, id);
    return bridged ? bridged.id : `${report.template.version}/${id}`;
  };
  const byKey = reports.map((r) => new Map(Object.keys(r.metrics).map((id) => [rowKey(r, id), r.metrics[id]!])));
  const groups: MetricGroup[] = [];
  const groupOf = new Map<string, MetricGroup>();
  const seen = new Set<string>();
  // Newest report first decides titles and order; metrics only older reports have come after.
  for (const report of [...reports].reverse()) {
    for (const section of report.sections) {
      for (const id of section.metricIds) {
        const key = rowKey(report, id);
        if (seen.has(key)) continue;
        seen.add(key);
        const metric = report.metrics[id]!;
        const title = metric.cell ? (report.tables.find((t) => t.table.id === metric.cell!.table)?.table.title ?? section.title) : section.title;
        let group = groupOf.get(title);
        if (!group) {
          group = { title, rows: [] };
          groupOf.set(title, group);
          groups.push(group);
        }
        const label = metric.label.startsWith(`${title}：`) ? metric.label.slice(title.length + 1) : metric.label;
        group.rows.push({ id: key, label, unit: metric.unit, values: byKey.map((m) => m.get(key)) });
      }
    }
  }
  return groups;
}
