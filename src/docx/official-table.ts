import { Paragraph, type FileChild } from 'docx';
import type { GridCell, TableGrid } from '../tables/official-tables.ts';
import type { RenderContext } from './context.ts';
import { TYPE_AREA } from './official-format.ts';
import { textRun } from './runs.ts';
import { STYLE } from './styles-xml.ts';
import { CELL_MARGINS, afterTable, cellLook, fitWidths, officialTable, type CellSpec } from './table-cells.ts';

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
  out.push(officialTable(specs, grid.head.length, columnWidths(placed, columns, look.size)));
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
 * row groups are two characters wide (their labels wrap, as on the official forms); the innermost
 * takes the rest.
 */
function columnWidths(placed: (Placed | undefined)[][], columns: number, size: number): number[] {
  const isValue = Array.from({ length: columns }, (_, c) => placed.some((row) => row[c]?.col === c && !row[c]!.cell.header));
  const values = isValue.filter(Boolean).length;
  const labels = columns - values;
  if (labels === 0) return fitWidths(Array<number>(columns).fill(1));
  const char = size * 10;
  const valueWidth = values ? Math.min((TYPE_AREA.width * 0.5) / values, 7 * char + CELL_MARGINS) : 0;
  const groupWidth = 2 * char + CELL_MARGINS;
  const lastLabel = isValue.lastIndexOf(false);
  const labelWidth = TYPE_AREA.width - values * valueWidth - (labels - 1) * groupWidth;
  return fitWidths(isValue.map((v, c) => (v ? valueWidth : c === lastLabel ? labelWidth : groupWidth)));
}
