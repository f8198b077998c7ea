/**
 * Row-group labels repeated on a table's continuation page. A cell spanning rows (三、本年度办理结果,
 * （五）不予处理) is printed on the page where its group begins only: after a page break inside the
 * group, the first columns of the next page are blank, and a reader cannot tell which group the
 * rows there belong to. Chromium cannot repeat such a cell, nor tell where its pages end; so the
 * print is read back: its tagged structure (pdf.js) says which rows of which table each page holds.
 * Where a page begins inside a group, the group's label cell is split there (the first part spans the
 * rows before the break, a copy the rows after it) and the report printed again. The splits found in
 * a print are applied to the next one from the page as the server sent it, so a split whose break has
 * moved is not kept; the prints stop when the splits a print asks for are those it was printed with.
 */
import type { Page } from 'puppeteer-core';

/** A table of the print page as it is served, before any label is repeated. */
export interface TableShape {
  /** Rows of <thead> (header rows repeated on every page). */
  headRows: number;
  rows: {
    /** The text of the row's own cells that span no rows, without spaces: what every print of the row holds. */
    key: string;
    /** How many row-group labels (header cells spanning rows) from rows above cover the row. */
    groups: number;
  }[];
}

/** The rows of one table that a page holds: their indexes among the table's rows, and their printed text. */
export interface PrintedTable {
  rows: { index: number; text: string }[];
}

/** The rows, in the print page's tables, before which the row-group labels are repeated. */
export interface LabelRepeat {
  table: number;
  row: number;
}

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** Runs in the print page: each table's rows, before anything is repeated. */
export async function tableShapes(page: Page): Promise<TableShape[]> {
  return page.evaluate(() => {
    const clean = (s: string | null) => (s ?? '').replace(/[\s\u3000]+/g, '');
    return [...document.querySelectorAll('table')].map((table) => {
      const rows = [...table.rows];
      // For each row, the spanning header cells from rows above it still open there.
      const covering: number[] = rows.map(() => 0);
      rows.forEach((row, r) => {
        for (const cell of [...row.cells]) {
          if (cell.tagName !== 'TH' || cell.rowSpan <= 1) continue;
          for (let k = r + 1; k < Math.min(rows.length, r + cell.rowSpan); k++) covering[k]! += 1;
        }
      });
      return {
        headRows: table.tHead?.rows.length ?? 0,
        rows: rows.map((row, r) => ({
          key: clean([...row.cells].filter((c) => c.rowSpan <= 1).map((c) => c.innerText).join('')),
          groups: covering[r]!,
        })),
      };
    });
  });
}

/**
 * Matches each page's printed tables to the print page's tables (in order: a table printed on a
 * page is the one whose rows' keys the printed rows hold) and lists the pages that begin inside a
 * row group: the first body row of a continued table that has group labels above it.
 */
export function labelRepeats(pages: PrintedTable[][], shapes: TableShape[]): LabelRepeat[] {
  const repeats: LabelRepeat[] = [];
  let from = 0;
  for (const tables of pages) {
    for (const printed of tables) {
      const t = shapes.findIndex((shape, i) => i >= from && holds(shape, printed));
      if (t < 0) continue;
      from = t;
      const shape = shapes[t]!;
      const first = printed.rows.find((r) => r.index >= shape.headRows);
      if (first && shape.rows[first.index]!.groups > 0) repeats.push({ table: t, row: first.index });
    }
  }
  return repeats;
}

/** Whether every row printed holds the text of the shape's row of that index (and some row has text). */
function holds(shape: TableShape, printed: PrintedTable): boolean {
  let matched = 0;
  for (const row of printed.rows) {
    const key = shape.rows[row.index]?.key;
    if (key === undefined) return false;
    if (!key) continue;
    if (!squeeze(row.text).includes(key)) return false;
    matched++;
  }
  return matched > 0;
}

export const sameRepeats = (a: LabelRepeat[], b: LabelRepeat[]): boolean =>
  a.length === b.length && a.every((r, i) => r.table === b[i]!.table && r.row === b[i]!.row);

/**
 * Runs in the print page, before printing: at each repeat, every row-group label covering the row
 * from above is split, its copy (same text, its own id, the cells below naming it as their header)
 * put in the row at its column.
 */
export async function repeatGroupLabels(page: Page, repeats: LabelRepeat[]): Promise<void> {
  if (repeats.length === 0) return;
  await page.evaluate((list: { table: number; row: number }[]) => {
    const tables = [...document.querySelectorAll('table')];
    /** Which cell covers each column of each row, and where each cell begins. */
    const grid = (table: HTMLTableElement) => {
      const rows = [...table.rows];
      const at: (HTMLTableCellElement | undefined)[][] = rows.map(() => []);
      const start = new Map<HTMLTableCellElement, { row: number; col: number }>();
      rows.forEach((row, r) => {
        let col = 0;
        for (const cell of [...row.cells]) {
          while (at[r]![col]) col++;
          start.set(cell, { row: r, col });
          for (let dr = 0; dr < cell.rowSpan && r + dr < rows.length; dr++) for (let dc = 0; dc < cell.colSpan; dc++) at[r + dr]![col + dc] = cell;
          col += cell.colSpan;
        }
      });
      return { rows, at, start };
    };
    for (const { table: t, row: r } of list) {
      const table = tables[t];
      if (!table) continue;
      const { rows, at, start } = grid(table);
      const row = rows[r];
      if (!row) continue;
      const covering = [...new Set(at[r]!)].filter((c): c is HTMLTableCellElement => !!c && c.tagName === 'TH' && start.get(c)!.row < r);
      for (const label of covering) {
        const from = start.get(label)!;
        const copy = label.cloneNode(true) as HTMLTableCellElement;
        copy.rowSpan = from.row + label.rowSpan - r;
        label.rowSpan = r - from.row;
        copy.classList.add('continued');
        if (label.id) {
          copy.id = `${label.id}-r${r}`;
          for (const below of rows.slice(r, r + copy.rowSpan)) {
            for (const cell of [...below.cells]) {
              const names = (cell.getAttribute('headers') ?? '').split(/\s+/);
              if (names.includes(label.id)) cell.setAttribute('headers', names.map((n) => (n === label.id ? copy.id : n)).join(' '));
            }
          }
        }
        // Before the row's first own cell to its right.
        const next = [...row.cells].find((c) => start.get(c)?.row === r && start.get(c)!.col > from.col);
        row.insertBefore(copy, next ?? null);
      }
    }
  }, repeats);
}

/** The type area, CSS pixels (GB/T 9704: 156 × 225 mm). */
const TYPE_AREA_PX = { width: (156 / 25.4) * 96, height: (225 / 25.4) * 96 };

/**
 * Runs in the print page, before the first print: the repeats its pages will most likely ask for.
 * The page's flow is laid out once in columns of the type area's size, which Chromium fragments as
 * it fragments pages (rows kept whole, header rows repeated, widows and orphans), and each row's
 * column is its page. The print is still read back: where the guess was wrong (a forced page
 * break, which columns do not make), the next print corrects it. A right guess saves that print.
 */
export async function guessRepeats(page: Page, shapes: TableShape[]): Promise<LabelRepeat[]> {
  if (!shapes.some((s) => s.rows.some((r) => r.groups > 0))) return [];
  const pages = await page.evaluate((area: { width: number; height: number }) => {
    const gap = 100;
    const wrap = document.createElement('div');
    // Through the CSSOM: the print page's policy allows no style attributes in its markup.
    Object.assign(wrap.style, { columnWidth: `${area.width}px`, columnGap: `${gap}px`, columnFill: 'auto', width: `${area.width}px`, height: `${area.height}px` });
    wrap.append(...document.body.childNodes);
    document.body.append(wrap);
    const left = wrap.getBoundingClientRect().left;
    const found = [...document.querySelectorAll('table')].map((table) => [...table.rows].map((row) => Math.floor((row.getBoundingClientRect().left - left + gap / 2) / (area.width + gap))));
    document.body.append(...wrap.childNodes);
    wrap.remove();
    return found;
  }, TYPE_AREA_PX);
  const repeats: LabelRepeat[] = [];
  shapes.forEach((shape, t) => {
    const rows = pages[t] ?? [];
    for (let r = shape.headRows + 1; r < shape.rows.length; r++) {
      if (rows[r]! > rows[r - 1]! && shape.rows[r]!.groups > 0) repeats.push({ table: t, row: r });
    }
  });
  return repeats;
}
