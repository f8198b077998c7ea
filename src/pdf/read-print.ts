/**
 * A print read back (pdf.js) for what the next print changes: each page's text lines (where the
 * signature stands, signature-page.ts) and, when asked, which rows of which table each page holds,
 * from the tagged structure Chromium writes (table-continuation.ts).
 */
import type { PrintedTable } from './table-continuation.ts';
import { unifiedIdeographs } from './to-unicode.ts';
import { loadPdfJs, withoutFontPrograms } from '../store/pdfjs.ts';

/** A line of printed text: its baseline's height from the page's top edge, and its text without spaces. */
export interface PrintedLine {
  top: number;
  text: string;
}

export interface ReadPrint {
  lines: PrintedLine[][];
  /** Per page, its tables in the order the structure gives them (only when `tables` was asked for). */
  tables: PrintedTable[][];
}

/** pdf.js's structure tree node, as getStructTree gives it. */
interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** Without spaces, and with the ideograph for a radical a font's character map may name (the print is read before finishPdf repairs the map). */
const squeeze = (s: string) => unifiedIdeographs(s.replace(/[\s\u3000]+/g, ''));

/** One page of a print read back. */
export interface PrintedPage {
  lines: PrintedLine[];
  /** Its tables in the order the structure gives them (empty unless the print was opened with `tables`). */
  tables: PrintedTable[];
}

/** A print opened for reading page by page: only the pages asked for are parsed (each once). */
export interface PrintReader {
  readonly pageCount: number;
  /** Page `index`, counted from 0. */
  page(index: number): Promise<PrintedPage>;
  close(): Promise<void>;
}

/**
 * Opens a print for reading. Most prints need one page only (the signature's, read from the end,
 * signature-page.ts): parsing a page's text is most of the cost of reading it (about 7 ms a page),
 * opening the file a tenth of that.
 */
export async function openPrint(pdf: Uint8Array, options: { tables?: boolean } = {}): Promise<PrintReader> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: withoutFontPrograms(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise.catch(async (error: unknown) => {
    await task.destroy();
    throw error;
  });
  const read = new Map<number, Promise<PrintedPage>>();
  const readPage = async (index: number): Promise<PrintedPage> => {
    const page = await doc.getPage(index + 1);
    const height = page.view[3]! - page.view[1]!;
    const byBaseline = new Map<number, { x: number; str: string }[]>();
    // The text of each marked-content sequence, which the structure tree's leaves name.
    const marked = new Map<string, string>();
    let open: string | undefined;
    for (const item of (await page.getTextContent({ includeMarkedContent: options.tables ?? false })).items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContentProps' && item.id) open = item.id;
        else if (item.type === 'endMarkedContent') open = undefined;
        continue;
      }
      if (item.str === '') continue;
      if (open) marked.set(open, (marked.get(open) ?? '') + item.str);
      const top = height - item.transform[5]!;
      const key = [...byBaseline.keys()].find((k) => Math.abs(k - top) < 0.5) ?? top;
      byBaseline.set(key, [...(byBaseline.get(key) ?? []), { x: item.transform[4]!, str: item.str }]);
    }
    const lines = [...byBaseline.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([top, items]) => ({ top, text: squeeze(items.sort((a, b) => a.x - b.x).map((i) => i.str).join('')) }));
    const tables = options.tables ? pageTables((await page.getStructTree()) as StructNode | null, marked) : [];
    return { lines, tables };
  };
  return {
    pageCount: doc.numPages,
    page(index) {
      if (!Number.isInteger(index) || index < 0 || index >= doc.numPages) return Promise.reject(new RangeError(`打印结果没有第 ${index + 1} 页`));
      let page = read.get(index);
      if (!page) read.set(index, (page = readPage(index)));
      return page;
    },
    close: () => task.destroy(),
  };
}

/** Every page of a print, in order. */
export async function readPrint(pdf: Uint8Array, options: { tables?: boolean } = {}): Promise<ReadPrint> {
  const reader = await openPrint(pdf, options);
  try {
    const pages = await everyPage(reader, (p) => p);
    return { lines: pages.map((p) => p.lines), tables: pages.map((p) => p.tables) };
  } finally {
    await reader.close();
  }
}

/** The page's tables: for each, the rows (by index among the table's rows) that have text on the page. */
function pageTables(root: StructNode | null, marked: Map<string, string>): PrintedTable[] {
  const found: PrintedTable[] = [];
  const text = (node: StructNode): string => (node.type === 'content' ? (marked.get(node.id ?? '') ?? '') : (node.children ?? []).map(text).join(''));
  const rowsOf = (node: StructNode): StructNode[] =>
    (node.children ?? []).flatMap((c) => (c.role === 'TR' ? [c] : c.role === 'THead' || c.role === 'TBody' || c.role === 'TFoot' ? rowsOf(c) : []));
  const visit = (node: StructNode) => {
    if (node.role === 'Table') {
      const rows = rowsOf(node)
        .map((row, index) => ({ index, text: squeeze(text(row)) }))
        .filter((r) => r.text !== '');
      if (rows.length) found.push({ rows });
      return;
    }
    node.children?.forEach(visit);
  };
  if (root) visit(root);
  return found;
}

/** Something of every page of a print, in order, read one page after another. */
export async function everyPage<T>(read: PrintReader, pick: (page: PrintedPage) => T): Promise<T[]> {
  const pages: T[] = [];
  for (let i = 0; i < read.pageCount; i++) pages.push(pick(await read.page(i)));
  return pages;
}
