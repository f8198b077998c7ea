/** What a chart shows, independent of how it is drawn. Values arrive already formatted. */

export interface ChartBar {
  label: string;
  value: number;
  /** The value as printed everywhere else (formatMetric). */
  text: string;
  /** e.g. 占37.2% */
  note?: string;
  metricId?: string;
  /** Drawn lighter: an earlier year beside the report's own. */
  muted?: boolean;
}

export interface ChartGroup {
  /** Heading of a group of bars (the metric, in a chart across years). */
  label?: string;
  bars: ChartBar[];
}

export interface ChartSpec {
  kind: 'parts' | 'years';
  /** Accessible name: what the chart is about. */
  title: string;
  /** Accessible description: the numbers in a sentence. */
  description: string;
  groups: ChartGroup[];
  /** The same data as a table, for readers who can't see the chart. */
  table: { caption: string; head: string[]; rows: string[][] };
}
