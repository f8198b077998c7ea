import type { ImportNotice } from './blocks.ts';
import type { ExtractedMetric } from './metric-candidates.ts';
import { normalizeLabel, type TableImport } from './template-tables.ts';

export interface CellFigure {
  id: string;
  value: number;
  unit: string;
  /** What the prose must name for the figure to be this cell: the row's words and, in a table of several columns, the column's. */
  row: string;
  column?: string;
  where: string;
}

/** Words every row and column label shares; what remains tells them apart. */
const core = (s: string) => normalizeLabel(s).replace(/政府信息公开|政府信息|数量|本年度|本年|件数|（单位万元）|单位万元/g, '');

/** The table cells a sentence of the prose may state. */
export function tableCellFigures(imports: TableImport[]): CellFigure[] {
  const out: CellFigure[] = [];
  for (const t of imports) {
    for (const row of t.table.rows) {
      const values = t.rows[row.id];
      if (!values) continue;
      t.table.columns.forEach((column, c) => {
        const v = values[c];
        if (typeof v !== 'number') return;
        const several = t.table.columns.length > 1;
        // In a table of several columns, a sentence without a column's words means the 总计 column.
        out.push({
          id: `${t.table.id}.${row.id}.${column.id}`,
          value: v,
          unit: column.unit ?? t.table.unit,
          row: core(row.label),
          column: several ? (column.id === 'zongji' ? '' : core(column.label)) : undefined,
          where: `${t.table.title}：${row.label}${several ? `（${column.label}）` : ''}`,
        });
      });
    }
  }
  return out.filter((f) => f.row.length >= 2);
}

/**
 * A figure of the prose that states a table cell becomes a reference to the cell (its own metric
 * goes); one that names a cell but differs from it is listed and kept as written; one that names
 * more than one cell is left alone. Returns the metrics the section still declares.
 */
export function linkProseToCells(
  body: string[],
  metrics: ExtractedMetric[],
  cells: CellFigure[],
  notices: ImportNotice[],
  section: string,
  linked: { written: string; label: string; cell: string }[] = [],
): ExtractedMetric[] {
  if (!cells.length) return metrics;
  const keep: ExtractedMetric[] = [];
  for (const m of metrics) {
    const input = m.input as { id: string; label: string; value?: unknown; unit?: string; qualifier?: string; range?: unknown };
    if (typeof input.value !== 'number' || input.qualifier || input.range) {
      keep.push(m);
      continue;
    }
    const label = core(input.label);
    const named = cells.filter((c) => c.unit === input.unit && label.includes(c.row) && (c.column === undefined || (c.column === '' ? !cells.some((o) => o.row === c.row && o.column && label.includes(o.column)) : label.includes(c.column))));
    const rows = new Set(named.map((c) => c.row));
    if (named.length !== 1 || rows.size !== 1) {
      if (named.length > 1) notices.push({ severity: 'info', message: `「${section}」正文的“${input.label}${m.written}”可能对应表格中的多格（${named.map((c) => c.where).join('、')}），没有改成引用，请核对。` });
      keep.push(m);
      continue;
    }
    const cell = named[0]!;
    if (cell.value === input.value) {
      linked.push({ written: m.written, label: input.label, cell: cell.id });
      for (let i = 0; i < body.length; i++) body[i] = body[i]!.split(`:m[${input.id}]`).join(`:m[${cell.id}]`);
      continue;
    }
    notices.push({
      severity: 'warning',
      message: `「${section}」正文写“${input.label}${m.written}”，表格「${cell.where}」是 ${cell.value}${cell.unit}：两处不一致，都照原文保留，请核对原始台账后改正。`,
    });
    keep.push(m);
  }
  return keep;
}
