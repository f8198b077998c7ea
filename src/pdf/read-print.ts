/**
 * A print read back (pdf.js), in one pass, for what the next print changes: each page's text lines
 * (where the signature stands, signature-page.ts) and, when asked, which rows of which table each
 * page holds, from the tagged structure Chromium writes (table-continuation.ts).
 */
import type { PrintedTable } from './table-continuation.ts';
import { unifiedIdeographs } from './to-unicode.ts';
import { loadPdfJs } from '../store/pdfjs.ts';

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

export async function readPrint(pdf: Uint8Array, options: { tables?: boolean } = {}): Promise<ReadPrint> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  try {
    const lines: PrintedLine[][] = [];
    const tables: PrintedTable[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
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
      lines.push(
        [...byBaseline.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([top, items]) => ({ top, text: squeeze(items.sort((a, b) => a.x - b.x).map((i) => i.str).join('')) })),
      );
      if (options.tables) tables.push(pageTables((await page.getStructTree()) as StructNode | null, marked));
    }
    return { lines, tables };
  } finally {
    await task.destroy();
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
