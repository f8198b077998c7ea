import type { Template, TemplateTable } from '../schema/template.ts';

type Cell = number | '/';

const normalizeLabel = (s: string) =>
  s
    .replace(/^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\d]+[）)]|^\d+[.．、]/, '')
    .replace(/[\s（）()“”"'：:，,、。]/g, '');

function cellValue(text: string): Cell | undefined {
  const t = text.replace(/[\s,，]/g, '');
  if (t === '/' || t === '／' || t === '—' || t === '-') return '/';
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** The last `count` cells of a row if they are all numbers or “/”. */
function trailingValues(row: string[], count: number): Cell[] | undefined {
  if (row.length < count + 1) return undefined;
  const values = row.slice(-count).map(cellValue);
  return values.every((v) => v !== undefined) ? (values as Cell[]) : undefined;
}

export interface TableImport {
  table: TemplateTable;
  rows: Record<string, Cell[]>;
  missing: string[];
}

/**
 * Reads the statistics tables of a 信息公开 report (as HTML/DOCX tables) into the template's
 * tables: rows are found by their labels, values are the row's last cells in column order.
 * Rows that cannot be found are listed, never filled in.
 */
export function readTemplateTables(template: Template, rows: string[][]): TableImport[] {
  return template.tables.map((table) => {
    const out: TableImport = { table, rows: {}, missing: [] };
    const used = new Set<string[]>();
    for (const row of table.rows) {
      if (row.group) continue;
      const label = normalizeLabel(row.label);
      const match = rows.find(
        (r) => !used.has(r) && r.slice(0, -table.columns.length).some((c) => normalizeLabel(c) === label) && trailingValues(r, table.columns.length),
      );
      if (!match) {
        out.missing.push(row.label);
        continue;
      }
      used.add(match);
      out.rows[row.id] = trailingValues(match, table.columns.length)!;
    }
    return out.missing.length ? (readTransposed(table, rows) ?? out) : out;
  });
}

/**
 * Table 四 of the official format is printed transposed: one line of 15 figures under header bands
 * (行政复议 | 行政诉讼：未经复议直接起诉 | 复议后起诉, each with 结果维持 … 总计). Its figures are read in
 * template order when the headers name every row of the table.
 */
function readTransposed(table: TemplateTable, rows: string[][]): TableImport | undefined {
  const dataRows = table.rows.filter((r) => !r.group);
  const count = dataRows.length * table.columns.length;
  if (dataRows.length < 2) return undefined;
  const headerText = rows.flat().map(normalizeLabel).join('|');
  const named = dataRows.every((r) => r.label.split(/[：:]/).map(normalizeLabel).every((part) => part && headerText.includes(part)));
  if (!named) return undefined;
  const line = rows.find((r) => r.length >= count && r.slice(-count).every((c) => cellValue(c) !== undefined));
  if (!line) return undefined;
  const values = line.slice(-count).map((c) => cellValue(c)!);
  const out: TableImport = { table, rows: {}, missing: [] };
  dataRows.forEach((r, i) => (out.rows[r.id] = values.slice(i * table.columns.length, (i + 1) * table.columns.length)));
  return out;
}
