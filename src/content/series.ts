/**
 * Reports across years. A report's predecessor is the report of the same type by the same issuer
 * for the year before: a county hosts many issuers' reports of one type, and comparing one
 * department's numbers with another's would mislead. Used by the continuity check (in the content
 * model) and by every page that compares years.
 */
import type { Metric } from '../schema/metric.ts';
import { translateCell } from './bridges.ts';
import type { ReportModel } from './model.ts';

/**
 * Who a report is by, for comparisons across years: the one place that says when two reports are
 * "the same issuer's" — the issuer it names by id in issuers.yaml.
 */
export function issuerKey(report: ReportModel): string {
  return report.issuer.id;
}

/** The series a report belongs to: one issuer's reports of one type. */
export function seriesKey(report: ReportModel): string {
  return `${report.template.id}\u0000${issuerKey(report)}`;
}

/** Reports by series and year, first found first: looked up once per list of reports. */
const byYear = new WeakMap<readonly ReportModel[], Map<string, ReportModel>>();

function seriesIndex(reports: readonly ReportModel[]): Map<string, ReportModel> {
  let index = byYear.get(reports);
  if (!index) {
    index = new Map();
    for (const r of reports) {
      const key = `${seriesKey(r)}\u0000${r.meta.year}`;
      if (!index.has(key)) index.set(key, r);
    }
    byYear.set(reports, index);
  }
  return index;
}

/**
 * The report of the same series for the previous year, if there is one. With `reports` newest
 * first (as the model keeps them), the latest published one of that year.
 */
export function previousInSeries(reports: readonly ReportModel[], report: ReportModel): ReportModel | undefined {
  const found = seriesIndex(reports).get(`${seriesKey(report)}\u0000${report.meta.year - 1}`);
  return found === report ? undefined : found;
}

/**
 * The metric of `other` that holds the quantity of `report`'s metric `id`: for a template table's
 * cell, the cell the templates' bridges name (the same id within one format version); for an
 * editor's own metric, the metric of the same id.
 */
export function sameMetricIn(other: ReportModel, report: ReportModel, id: string): Metric | undefined {
  const metric = report.metrics[id];
  if (!metric?.cell) return other.metrics[id];
  const theirs = translateCell(report.template, other.template, id);
  const found = theirs === undefined ? undefined : other.metrics[theirs];
  return found?.cell ? found : undefined;
}
