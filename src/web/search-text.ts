/**
 * What Pagefind reads of a report page. The page itself is not changed: the search index is made
 * from a copy in which every table is rewritten as one short statement per data cell, naming the
 * cell by its row and column headers — “行政许可 本年处理决定数量：128件；” — instead of the bare
 * values Pagefind would otherwise glue together (“2件. 1件. 15件.”). A number from a table is then
 * found as its cell, and the excerpt says which cell it is.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit, SKIP } from 'unist-util-visit';

const parser = unified().use(rehypeParse, { fragment: true });

const TABLE = /<table\b[\s\S]*?<\/table>/g;

/** The page as Pagefind should index it: tables turned into cell statements. */
export function searchableHtml(html: string): string {
  if (!html.includes('<table')) return html;
  // Only the tables are parsed (a page is mostly prose); a table inside a table needs the whole page.
  const tables = html.match(TABLE) ?? [];
  if (tables.some((t) => t.indexOf('<table', 1) !== -1)) return rewriteTables(html);
  return html.replace(TABLE, rewriteTables);
}

function rewriteTables(html: string): string {
  const tree = parser.parse(html) as Root;
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'table' || !parent || index === undefined) return;
    parent.children.splice(index, 1, tableStatements(node));
    return SKIP;
  });
  return toHtml(tree);
}

/** A cell of the table laid out on its grid (row and column spans expanded). */
interface GridCell {
  el: Element;
  header: boolean;
  row: number;
  col: number;
}

const texts = new WeakMap<Element, string>();
function text(node: Element): string {
  let t = texts.get(node);
  if (t === undefined) {
    t = toText(node, { whitespace: 'normal' }).replace(/\s+/g, ' ').trim();
    texts.set(node, t);
  }
  return t;
}

function childElements(node: Element | Root, name?: string): Element[] {
  return (node.children as ElementContent[]).filter((c): c is Element => c.type === 'element' && (!name || c.tagName === name));
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of childElements(table)) {
    if (child.tagName === 'tr') rows.push(child);
    else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) rows.push(...childElements(child, 'tr'));
  }
  return rows;
}

function span(el: Element, name: 'rowSpan' | 'colSpan'): number {
  const n = Number(el.properties?.[name] ?? 1);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 1;
}

/** Lays the table's cells on a grid, as the HTML table model does. */
function grid(table: Element): { cells: GridCell[]; at: (r: number, c: number) => GridCell | undefined; inHead: Set<number>; byId: Map<string, GridCell> } {
  const cells: GridCell[] = [];
  const taken = new Map<string, GridCell>();
  const inHead = new Set<number>();
  const rows = rowsOf(table);
  const head = new Set(childElements(table, 'thead').flatMap((h) => childElements(h, 'tr')));
  rows.forEach((tr, r) => {
    if (head.has(tr)) inHead.add(r);
    let c = 0;
    for (const el of childElements(tr).filter((e) => e.tagName === 'td' || e.tagName === 'th')) {
      while (taken.has(`${r},${c}`)) c++;
      const cell: GridCell = { el, header: el.tagName === 'th', row: r, col: c };
      cells.push(cell);
      for (let dr = 0; dr < span(el, 'rowSpan'); dr++) for (let dc = 0; dc < span(el, 'colSpan'); dc++) taken.set(`${r + dr},${c + dc}`, cell);
      c += span(el, 'colSpan');
    }
  });
  const byId = new Map(cells.filter((c) => c.header && c.el.properties?.id).map((c) => [String(c.el.properties!.id), c]));
  return { cells, at: (r, c) => taken.get(`${r},${c}`), inHead, byId };
}

function scopeOf(cell: GridCell, inHead: Set<number>): 'row' | 'col' {
  const scope = String(cell.el.properties?.scope ?? '');
  if (scope === 'row' || scope === 'rowgroup') return 'row';
  if (scope === 'col' || scope === 'colgroup') return 'col';
  return inHead.has(cell.row) ? 'col' : 'row';
}

/**
 * The headers of a data cell: from its `headers` attribute when it has one (the official tables,
 * in the order a screen reader announces them), else the header cells to its left and above it.
 */
function cellHeaders(cell: GridCell, layout: ReturnType<typeof grid>): string[] {
  const ids: unknown = cell.el.properties?.headers;
  const list: string[] = Array.isArray(ids) ? ids.map(String) : typeof ids === 'string' ? ids.split(/\s+/) : [];
  if (list.length) {
    return list.map((id) => layout.byId.get(id)).filter((h): h is GridCell => !!h).map((h) => text(h.el));
  }
  const seen = new Set<GridCell>();
  const rows: string[] = [];
  const cols: string[] = [];
  for (let c = 0; c < cell.col; c++) {
    const h = layout.at(cell.row, c);
    if (h?.header && !seen.has(h)) {
      seen.add(h);
      rows.push(text(h.el));
    }
  }
  for (let r = 0; r < cell.row; r++) {
    const h = layout.at(r, cell.col);
    if (h?.header && !seen.has(h) && scopeOf(h, layout.inHead) === 'col') {
      seen.add(h);
      cols.push(text(h.el));
    }
  }
  return [...rows, ...cols];
}

function paragraph(value: string): Element {
  return { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value } as Text] };
}

/**
 * One paragraph for the caption, then one per data cell: “行 列：值；”. Ending each statement with
 * a Chinese punctuation mark keeps Pagefind from adding its own “. ” between them.
 */
function tableStatements(table: Element): Element {
  const layout = grid(table);
  const children: Element[] = [];
  const caption = childElements(table, 'caption')[0];
  if (caption && text(caption)) children.push(paragraph(`${text(caption)}：`));
  for (const cell of layout.cells) {
    if (cell.header) continue;
    const value = text(cell.el);
    if (!value) continue;
    const label = cellHeaders(cell, layout).filter(Boolean).join(' ');
    children.push(paragraph(`${label ? `${label}：` : ''}${value}；`));
  }
  return { type: 'element', tagName: 'div', properties: {}, children };
}
