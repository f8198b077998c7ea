import type { Metric, MetricInput, MetricValue } from '../schema/metric.ts';

/** Plain digits, no grouping (Chinese official texts write 1054, not 1,054). */
export function formatNumber(n: number, decimals?: number): string {
  if (decimals !== undefined) return n.toFixed(decimals);
  // Most figures are whole numbers below 10¹², which 12 significant digits print exactly as they
  // are: the rounding below was about 0.5 s of rendering a thousand reports' pages.
  if (Number.isSafeInteger(n) && n > -1e12 && n < 1e12) return String(n);
  // Avoid binary noise such as 0.30000000000000004 and exponent notation.
  const s = Number(n.toPrecision(12)).toString();
  return /e/.test(s) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

/**
 * The one function that turns a metric into Chinese text. Every output (web, PDF, DOCX, JSON)
 * prints metrics through it, so the number in the prose is the number in the data.
 *
 *   exact 95.4 %      → 95.4%        over 20 条     → 20余条
 *   at-least 3 %      → 3%以上        within 5 个工作日 → 5个工作日内
 *   range 1–2 次      → 1—2次         not applicable → /
 */
export function formatMetric(metric: Pick<Metric, 'value' | 'unit' | 'decimals'>): string {
  return formatValue(metric.value, metric.unit, metric.decimals);
}

export function formatValue(value: MetricValue, unit: string, decimals?: number): string {
  const n = (x: number) => formatNumber(x, decimals);
  switch (value.kind) {
    case 'exact':
      return `${n(value.number)}${unit}`;
    case 'over':
      return `${n(value.number)}余${unit}`;
    case 'at-least':
      return `${n(value.number)}${unit}以上`;
    case 'within':
      return `${n(value.number)}${unit}内`;
    case 'range':
      return `${n(value.from)}—${n(value.to)}${unit}`;
    case 'na':
      return '/';
  }
}

/** The value of a metric as an editor wrote it, in the model's shape. Assumes the input passed its schema. */
export function toMetricValue(input: MetricInput): MetricValue | undefined {
  if (input.range) return { kind: 'range', from: input.range[0], to: input.range[1] };
  if (input.value === '/') return { kind: 'na' };
  if (input.value === undefined) return undefined;
  return { kind: input.qualifier ?? 'exact', number: input.value };
}

/**
 * The number a consistency rule may compute with, or why it can't. A "/" is not a 0: a total
 * written "/" would otherwise make any sum hold (or fail) for the wrong reason.
 */
export function exactNumber(value: MetricValue): number | 'approximate' | 'na' {
  switch (value.kind) {
    case 'exact':
      return value.number;
    case 'na':
      return 'na';
    default:
      return 'approximate';
  }
}
