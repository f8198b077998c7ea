/**
 * What Pagefind reads of a report page. The page itself is not changed: the search index is made
 * from a copy in which every table is rewritten as one short statement per data cell, naming the
 * cell by its row and column headers — “行政许可 本年处理决定数量：128件；” — instead of the bare
 * values Pagefind would otherwise glue together (“2件. 1件. 15件.”). A number from a table is then
 * found as its cell, and the excerpt says which cell it is.
 */
import { parseFragment, serialize, type DefaultTreeAdapterTypes as P } from 'parse5';
import { escapeHtml } from './html.ts';

const TABLE = /<table\b[\s\S]*?<\/table>/g;
/** The start tag of an element Pagefind leaves out (its attribute `data-pagefind-ignore`, with or without a value). */
const IGNORED_START = /<([a-zA-Z][\w-]*)\b[^>]*?\sdata-pagefind-ignore\b[^>]*>/g;

/**
 * The page without the elements marked `data-pagefind-ignore` (the table of contents, the charts'
 * drawings, the download and tool blocks): Pagefind reads none of their text, and its bundle is the
 * same bytes without them (tests/web/search-text.test.ts), but parsing them was about a third of the
 * HTML it was sent, and of its time indexing a year. An element is cut from its start tag to the
 * end tag that closes it (same-named elements inside it counted); one whose end is not found is left in.
 */
export function withoutIgnoredElements(html: string): string {
  if (!html.includes('data-pagefind-ignore')) return html;
  let out = '';
  let from = 0;
  IGNORED_START.lastIndex = 0;
  for (let m = IGNORED_START.exec(html); m; m = IGNORED_START.exec(html)) {
    const name = m[1]!.toLowerCase();
    const end = closingEnd(html, name, IGNORED_START.lastIndex);
    if (end === undefined) continue;
    out += html.slice(from, m.index);
    from = end;
    IGNORED_START.lastIndex = end;
  }
  return out + html.slice(from);
}

/** Where the element opened just before `at` ends (after its end tag), counting same-named elements opened inside it. */
function closingEnd(html: string, name: string, at: number): number | undefined {
  const tag = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi');
  tag.lastIndex = at;
  let depth = 1;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[1]) depth--;
    else if (!m[0].endsWith('/>')) depth++;
    if (depth === 0) return tag.lastIndex;
  }
  return undefined;
}

/** The page as Pagefind should index it: tables turned into cell statements. */
export function searchableHtml(html: string): string {
  if (!html.includes('<table')) return html;
  // Only the tables are parsed (a page is mostly prose); a table inside a table needs the whole page.
  const tables = html.match(TABLE) ?? [];
  if (tables.some((t) => t.indexOf('<table', 1) !== -1)) return rewriteNested(html);
  return html.replace(TABLE, (t) => {
    const table = elements(parseFragment(t)).find((e) => e.tagName === 'table');
    return table ? tableStatements(table) : t;
  });
}

/** The whole page parsed; each outermost table replaced by its statements. */
function rewriteNested(html: string): string {
  const root = parseFragment(html);
  const walk = (node: P.ParentNode) => {
    node.childNodes = node.childNodes.map((child) => {
      if (child.nodeName === 'table') {
        const replacement = parseFragment(tableStatements(child as P.Element)).childNodes[0]!;
        replacement.parentNode = node;
        return replacement;
      }
      if ('childNodes' in child) walk(child as P.ParentNode);
      return child;
    });
  };
  walk(root);
  return serialize(root);
}

function elements(node: P.ParentNode): P.Element[] {
  return node.childNodes.filter((c): c is P.Element => 'tagName' in c);
}

function attr(el: P.Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

const texts = new WeakMap<P.Element, string>();
/** An element's text, whitespace collapsed (hidden unit spans included: “2<span>件</span>” reads 2件). */
function text(el: P.Element): string {
  let t = texts.get(el);
  if (t === undefined) {
    const parts: string[] = [];
    const walk = (n: P.ParentNode) => {
      for (const c of n.childNodes) {
        if (c.nodeName === '#text') parts.push((c as P.TextNode).value);
        else if ('childNodes' in c) walk(c as P.ParentNode);
      }
    };
    walk(el);
    t = parts.join('').replace(/\s+/g, ' ').trim();
    texts.set(el, t);
  }
  return t;
}

/** A cell of the table laid out on its grid (row and column spans expanded). */
interface GridCell {
  el: P.Element;
  header: boolean;
  row: number;
  col: number;
}

interface Grid {
  cells: GridCell[];
  at(r: number, c: number): GridCell | undefined;
  inHead: Set<number>;
  byId: Map<string, GridCell>;
}

function rowsOf(table: P.Element): { tr: P.Element; head: boolean }[] {
  const rows: { tr: P.Element; head: boolean }[] = [];
  for (const child of elements(table)) {
    if (child.tagName === 'tr') rows.push({ tr: child, head: false });
    else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) rows.push(...elements(child).filter((e) => e.tagName === 'tr').map((tr) => ({ tr, head: child.tagName === 'thead' })));
  }
  return rows;
}

function span(el: P.Element, name: 'rowspan' | 'colspan'): number {
  const n = Number(attr(el, name) ?? 1);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 1;
}

/** Lays the table's cells on a grid, as the HTML table model does. */
function grid(table: P.Element): Grid {
  const cells: GridCell[] = [];
  const taken = new Map<string, GridCell>();
  const inHead = new Set<number>();
  rowsOf(table).forEach(({ tr, head }, r) => {
    if (head) inHead.add(r);
    let c = 0;
    for (const el of elements(tr).filter((e) => e.tagName === 'td' || e.tagName === 'th')) {
      while (taken.has(`${r},${c}`)) c++;
      const cell: GridCell = { el, header: el.tagName === 'th', row: r, col: c };
      cells.push(cell);
      for (let dr = 0; dr < span(el, 'rowspan'); dr++) for (let dc = 0; dc < span(el, 'colspan'); dc++) taken.set(`${r + dr},${c + dc}`, cell);
      c += span(el, 'colspan');
    }
  });
  const byId = new Map(cells.filter((c) => c.header && attr(c.el, 'id')).map((c) => [attr(c.el, 'id')!, c]));
  return { cells, at: (r, c) => taken.get(`${r},${c}`), inHead, byId };
}

function scopeOf(cell: GridCell, inHead: Set<number>): 'row' | 'col' {
  const scope = attr(cell.el, 'scope') ?? '';
  if (scope === 'row' || scope === 'rowgroup') return 'row';
  if (scope === 'col' || scope === 'colgroup') return 'col';
  return inHead.has(cell.row) ? 'col' : 'row';
}

/**
 * The headers of a data cell: from its `headers` attribute when it has one (the official tables,
 * in the order a screen reader announces them), else the header cells to its left and above it.
 */
function cellHeaders(cell: GridCell, layout: Grid): string[] {
  const ids = (attr(cell.el, 'headers') ?? '').split(/\s+/).filter(Boolean);
  if (ids.length) {
    return ids
      .map((id) => layout.byId.get(id))
      .filter((h): h is GridCell => !!h)
      .map((h) => text(h.el));
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

/**
 * One paragraph for the caption, then one per data cell: “行 列：值；”. Ending each statement with
 * a Chinese punctuation mark keeps Pagefind from adding its own “. ” between them.
 */
function tableStatements(table: P.Element): string {
  const layout = grid(table);
  const paragraphs: string[] = [];
  const caption = elements(table).find((e) => e.tagName === 'caption');
  if (caption && text(caption)) paragraphs.push(`${text(caption)}：`);
  for (const cell of layout.cells) {
    if (cell.header) continue;
    const value = text(cell.el);
    if (!value) continue;
    const label = cellHeaders(cell, layout).filter(Boolean).join(' ');
    paragraphs.push(`${label ? `${label}：` : ''}${value}；`);
  }
  return `<div>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`;
}
