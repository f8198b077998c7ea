import type { ReportModel } from '../content/index.ts';
import type { Metric } from '../schema/metric.ts';

/** `（三）不予公开` → `不予公开`, `4.保护第三方合法权益` → `保护第三方合法权益`. */
export function withoutNumber(label: string): string {
  return label.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)\s*/, '');
}

/**
 * A metric's name where its table is already clear from the context: a table cell is its row
 * (and column, when the table has several), e.g. `（一）予以公开（自然人）`.
 */
export function shortLabel(report: ReportModel, metric: Metric): string {
  if (!metric.cell) return metric.label;
  const table = report.tables.find((t) => t.table.id === metric.cell!.table)?.table;
  if (!table) return metric.label;
  const row = table.rows.find((r) => r.id === metric.cell!.row);
  const column = table.columns.find((c) => c.id === metric.cell!.column);
  if (!row || !column) return metric.label;
  return table.columns.length > 1 ? `${row.label}（${column.label}）` : row.label;
}

/** The row label of a table cell. */
export function rowLabel(report: ReportModel, metric: Metric): string | undefined {
  if (!metric.cell) return undefined;
  const table = report.tables.find((t) => t.table.id === metric.cell!.table)?.table;
  return table?.rows.find((r) => r.id === metric.cell!.row)?.label;
}

/** The group row a table row belongs to (the nearest shallower group row above it). */
export function parentGroupLabel(report: ReportModel, metric: Metric): string | undefined {
  if (!metric.cell) return undefined;
  const table = report.tables.find((t) => t.table.id === metric.cell!.table)?.table;
  if (!table) return undefined;
  const index = table.rows.findIndex((r) => r.id === metric.cell!.row);
  const depth = table.rows[index]?.depth ?? 0;
  for (let i = index - 1; i >= 0; i--) {
    const r = table.rows[i]!;
    if (r.group && r.depth < depth) return r.label;
  }
  return undefined;
}

/** Whether a table cell lies in its table's last column, where the official tables put totals. */
export function inTotalColumn(report: ReportModel, metric: Metric): boolean {
  if (!metric.cell) return false;
  const table = report.tables.find((t) => t.table.id === metric.cell!.table)?.table;
  return table?.columns.at(-1)?.id === metric.cell.column;
}
