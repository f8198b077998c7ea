import { Paragraph, type FileChild } from 'docx';
import type { GridCell, TableGrid } from '../tables/official-tables.ts';
import type { RenderContext } from './context.ts';
import { TYPE_AREA } from './official-format.ts';
import { labelColumnChars } from './label-width.ts';
import { textRun } from './runs.ts';
import { STYLE } from './styles-xml.ts';
import { CELL_MARGINS, NARROW_CELL_MARGIN, afterTable, cellLook, fitWidths, officialTable, type CellSpec } from './table-cells.ts';

interface Placed {
  cell: GridCell;
  row: number;
  col: number;
  colspan: number;
  rowspan: number;
}

/**
 * A template table (the 信息公开 tables) as a Word table, from the same grid the web draws
 * (src/tables/official-tables.ts): header bands, nested row groups as cells merged down, 表二 as one
 * table of blocks, 表四 transposed. HTML-style row and column spans become Word's grid spans and
 * vertical merges.
 */
export function officialGridTable(grid: TableGrid, ctx: RenderContext, sectionTitle: string): FileChild[] {
  const rows = [...grid.head, ...grid.body];
  const placed = placeCells(rows);
  const columns = Math.max(...placed.map((r) => r.length));
  const look = cellLook(columns);
  const s = ctx.settings;

  const spec = (p: Placed, inHead: boolean): CellSpec => {
    const c = p.cell;
    const heading = inHead || c.scope === 'col' || c.scope === 'colgroup';
    const text = c.metric ? c.metric.shown : c.text;
    return {
      runs: text ? [textRun(s, text, heading ? look.header : look.text)] : [],
      style: heading ? look.headerStyle : look.textStyle,
      align: c.scope === 'row' ? 'left' : 'center',
      span: p.colspan,
      merge: p.rowspan > 1 ? 'restart' : undefined,
    };
  };
  const specs: CellSpec[][] = placed.map((cells, r) => {
    const out: CellSpec[] = [];
    for (let c = 0; c < columns; ) {
      const p = cells[c];
      if (!p) {
        out.push({ runs: [], style: look.textStyle });
        c++;
      } else {
        out.push(p.row === r ? spec(p, r < grid.head.length) : { runs: [], style: look.textStyle, span: p.colspan, merge: 'continue' });
        c += p.colspan;
      }
    }
    return out;
  });

  const out: FileChild[] = [];
  // The caption only repeats the heading above it in the official formats; another one is printed.
  if (grid.caption && grid.caption !== sectionTitle) {
    out.push(new Paragraph({ style: STYLE.caption, keepNext: true, children: [textRun(s, grid.caption, look.header)] }));
  }
  const { widths, cellMargin } = columnWidths(placed, columns, look.size);
  out.push(officialTable(specs, grid.head.length, widths, cellMargin));
  out.push(...grid.notes.map((note) => new Paragraph({ style: STYLE.tableNote, children: [textRun(s, `注：${note}`, look.text)] })));
  if (grid.notes.length === 0) out.push(afterTable());
  return out;
}

/** Lays HTML-style rows out on a grid: `placed[row][col]` is the cell covering that slot. */
function placeCells(rows: GridCell[][]): (Placed | undefined)[][] {
  const placed: (Placed | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (placed[r]![c]) c++;
      const p: Placed = { cell, row: r, col: c, colspan: cell.colspan ?? 1, rowspan: cell.rowspan ?? 1 };
      for (let dr = 0; dr < p.rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < p.colspan; dc++) placed[r + dr]![c + dc] = p;
      }
      c += p.colspan;
    }
  });
  return placed;
}

/**
 * Numbers are short: value columns take at most half the width. Of the label columns, those of
 * row groups are as narrow as their labels allow without stacking (label-width.ts: their labels
 * wrap, as on the official forms, but never one character a line or a line starting with 、 or ）);
 * the innermost takes the rest.
 */
function columnWidths(placed: (Placed | undefined)[][], columns: number, size: number): { widths: number[]; cellMargin?: number } {
  const isValue = Array.from({ length: columns }, (_, c) => placed.some((row) => row[c]?.col === c && !row[c]!.cell.header));
  const values = isValue.filter(Boolean).length;
  const labels = columns - values;
  const char = size * 10;
  if (labels === 0) return valueColumnWidths(placed, columns, char);
  const valueWidth = values ? Math.min((TYPE_AREA.width * 0.5) / values, 7 * char + CELL_MARGINS) : 0;
  const lastLabel = isValue.lastIndexOf(false);
  // A label column's own labels: the cells that start in it and span it alone.
  const own = (c: number) => placed.flatMap((row) => (row[c]?.col === c && row[c]!.colspan === 1 && row[c]!.cell.header ? [row[c]!.cell.text] : []));
  // A few twips over the characters' width, so that rounding never loses the last character of a line.
  const groupWidth = (c: number) => labelColumnChars(own(c), size / 2) * char + CELL_MARGINS + 20;
  const groups = isValue.map((v, c) => (v || c === lastLabel ? 0 : groupWidth(c)));
  const labelWidth = TYPE_AREA.width - values * valueWidth - groups.reduce((a, b) => a + b, 0);
  return { widths: fitWidths(isValue.map((v, c) => (v ? valueWidth : c === lastLabel ? labelWidth : groups[c]!))) };
}

/**
 * A table of values only (表四 transposed): each column as wide as its heading needs to wrap in
 * lines of two characters or more (“结果维持” as 结果/维持, “总计” whole), or its widest number; the
 * room left is shared out in proportion. When that does not fit, the cells keep less room at their
 * sides; when even that does not, the columns are equal.
 */
function valueColumnWidths(placed: (Placed | undefined)[][], columns: number, char: number): { widths: number[]; cellMargin?: number } {
  const chars = Array.from({ length: columns }, (_, c) => {
    const cells = placed.flatMap((row) => (row[c]?.col === c && row[c]!.colspan === 1 ? [row[c]!.cell] : []));
    const heading = Math.max(0, ...cells.filter((x) => x.header).map((x) => [...x.text.trim()].length).map((n) => Math.min(n, Math.max(2, Math.ceil(n / 2)))));
    const number = Math.max(0, ...cells.filter((x) => !x.header).map((x) => Math.ceil((x.metric ? x.metric.shown : x.text).length / 2)));
    return Math.max(1, heading, number);
  });
  for (const margin of [CELL_MARGINS / 2, NARROW_CELL_MARGIN]) {
    const needs = chars.map((n) => n * char + 2 * margin + 20);
    if (needs.reduce((a, b) => a + b, 0) <= TYPE_AREA.width) return { widths: fitWidths(needs), cellMargin: margin === CELL_MARGINS / 2 ? undefined : margin };
  }
  return { widths: fitWidths(Array<number>(columns).fill(1)) };
}
