/**
 * The county roll-up on the report page: for each rolled-up table, the issuers it sums and their
 * values of the table's headline cells (each row's 总计, or every cell of a small table), beside
 * this report's own. A view over the model's roll-up breakdown (ReportModel.rollups), computed
 * once per report.
 */
import type { ContentModel, ReportModel } from '../content/index.ts';
import type { RollupModel } from '../content/model.ts';
import type { Issuer } from '../schema/issuer.ts';

export interface BreakdownColumn {
  metricId: string;
  label: string;
}

export interface BreakdownRow {
  issuer: Issuer;
  /** The issuer's report of that year and type, if it has one. */
  slug?: string;
  /** One per column; null for “/”, undefined where the issuer has no report. */
  values: (number | null | undefined)[];
}

export interface RollupBreakdown {
  tableId: string;
  title: string;
  description?: string;
  columns: BreakdownColumn[];
  rows: BreakdownRow[];
  /** This report's own values and the sums of the parts. */
  totals: (number | null)[];
  sums: (number | null)[];
}

const cache = new WeakMap<ReportModel, RollupBreakdown[]>();

export function rollupBreakdowns(model: ContentModel, report: ReportModel): RollupBreakdown[] {
  let found = cache.get(report);
  if (!found) {
    found = report.rollups.map((r) => breakdown(model, report, r)).filter((b) => b.columns.length > 0);
    cache.set(report, found);
  }
  return found;
}

function breakdown(model: ContentModel, report: ReportModel, rollup: RollupModel): RollupBreakdown {
  const table = report.tables.find((t) => t.table.id === rollup.table)!;
  const { columns: cols, rows } = table.table;
  const totalCol = cols.length > 1 ? cols.findIndex((c) => c.id === 'zongji' || c.label === '总计') : 0;
  const headline = rows.filter((r) => !r.group && (r.depth ?? 0) <= 1 && table.cells[r.id]);
  const cellsByMetric = new Map(rollup.cells.map((c) => [c.metricId, c]));
  const columns: BreakdownColumn[] = [];
  for (const row of headline) {
    const ids = table.cells[row.id]!;
    const picked = totalCol >= 0 ? [totalCol] : cols.map((_, i) => i);
    for (const i of picked) {
      const metricId = ids[i];
      if (!metricId || !cellsByMetric.has(metricId)) continue;
      const label = picked.length > 1 || totalCol < 0 ? `${row.label}：${cols[i]!.label}` : row.label;
      columns.push({ metricId, label });
    }
  }
  const issuers = rollup.issuerIds.map((id) => model.issuers.find((i) => i.id === id)!).filter(Boolean);
  const rowsOut = issuers.map((issuer) => {
    const parts = columns.map((c) => cellsByMetric.get(c.metricId)!.parts.find((p) => p.issuerId === issuer.id));
    const slug = parts.find((p) => p)?.slug;
    return { issuer, slug, values: parts.map((p) => p?.value) };
  });
  return {
    tableId: rollup.table,
    title: table.table.title,
    description: rollup.description,
    columns,
    rows: rowsOut,
    totals: columns.map((c) => cellsByMetric.get(c.metricId)!.total),
    sums: columns.map((c) => cellsByMetric.get(c.metricId)!.sum),
  };
}
