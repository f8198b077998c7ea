/**
 * What is read of other reports' figures: their values (the checks across reports: continuity,
 * roll-ups) and a digest of everything shown of them (the key of a report whose print compares
 * with last year's). Both come from `report.metrics`, or, for a report taken from the load cache,
 * from the entry's head, where they were kept when it was written: the figures themselves then stay
 * unparsed (cache.ts) unless a page, print or file of that report reads them.
 */
import type { Metric } from '../schema/metric.ts';
import { sha256 } from '../store/cache-store.ts';
import type { ReportModel } from './model.ts';

export type MetricValue = Metric['value'];

export interface StoredFigures {
  /** Metric id → its value, in the figures' order. */
  values: Record<string, MetricValue>;
  /** figuresDigest of the report. */
  digest: string;
}

const remembered = new WeakMap<object, StoredFigures>();

/** What the load cache keeps of a report's figures beside them. */
export function storedFigures(report: ReportModel): StoredFigures {
  return { values: Object.fromEntries(Object.entries(report.metrics).map(([id, m]) => [id, m.value])), digest: digestOf(report.metrics) };
}

/** For a report rebuilt from a cache entry: its figures' values and digest, as kept there. */
export function rememberFigures(report: ReportModel, figures: StoredFigures): void {
  remembered.set(report, figures);
}

/** What is kept of the report's figures: remembered, or taken from them once. */
function figuresOf(report: ReportModel): StoredFigures {
  let known = remembered.get(report);
  if (!known) remembered.set(report, (known = storedFigures(report)));
  return known;
}

/** Each metric's value by id (read-only). */
export const metricValues = (report: ReportModel): Readonly<Record<string, MetricValue>> => figuresOf(report).values;

/**
 * SHA-256 of the figures as shown, without where each is written (its source): a print that
 * compares with this report changes with them, not with an edit of this report's text.
 */
export const figuresDigest = (report: ReportModel): string => figuresOf(report).digest;

const digestOf = (metrics: ReportModel['metrics']): string =>
  sha256(JSON.stringify(Object.entries(metrics).map(([id, { source: _, ...shown }]) => [id, shown])));
