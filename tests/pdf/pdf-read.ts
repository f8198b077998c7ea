/**
 * Reading a printed PDF as a checker would: pdfjs-dist for text positions, outline, tagged
 * structure, metadata and the glyphs drawn; poppler (pdffonts, pdftotext) for fonts and text.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function openPdf(file: string): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

export interface TextLine {
  /** Baseline, in points from the page's bottom edge. */
  y: number;
  x: number;
  xEnd: number;
  text: string;
  /** Font size of the line's first glyph run. */
  size: number;
}

/** The page's text, as lines (items on one baseline), top to bottom. */
export async function pageLines(doc: PDFDocumentProxy, pageNumber: number): Promise<TextLine[]> {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  const byBaseline = new Map<number, TextItem[]>();
  for (const item of content.items as TextItem[]) {
    if (!('str' in item) || item.str === '') continue;
    const y = Math.round(item.transform[5]! * 100) / 100;
    // Glyph runs of one line drawn at baselines a hundredth of a point apart are one line.
    const key = [...byBaseline.keys()].find((k) => Math.abs(k - y) < 0.05) ?? y;
    byBaseline.set(key, [...(byBaseline.get(key) ?? []), item]);
  }
  return [...byBaseline.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([y, items]) => {
      const sorted = items.sort((a, b) => a.transform[4]! - b.transform[4]!);
      const last = sorted[sorted.length - 1]!;
      return {
        y,
        x: sorted[0]!.transform[4]!,
        xEnd: last.transform[4]! + last.width,
        text: sorted.map((i) => i.str).join(''),
        size: Math.hypot(sorted[0]!.transform[2]!, sorted[0]!.transform[3]!),
      };
    });
}

export async function pageSize(doc: PDFDocumentProxy, pageNumber: number): Promise<{ width: number; height: number }> {
  const [x0, y0, x1, y1] = (await doc.getPage(pageNumber)).view as [number, number, number, number];
  return { width: x1 - x0, height: y1 - y0 };
}

export interface OutlineEntry {
  title: string;
  depth: number;
}

export async function outlineEntries(doc: PDFDocumentProxy): Promise<OutlineEntry[]> {
  type Node = { title: string; items: Node[] };
  const walk = (items: Node[], depth: number): OutlineEntry[] => items.flatMap((i) => [{ title: i.title, depth }, ...walk(i.items, depth + 1)]);
  return walk(((await doc.getOutline()) ?? []) as Node[], 0);
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** Text of each marked-content id of a page (what the structure tree points at). */
async function markedText(doc: PDFDocumentProxy, pageNumber: number): Promise<Map<string, string>> {
  const content = await (await doc.getPage(pageNumber)).getTextContent({ includeMarkedContent: true });
  const texts = new Map<string, string>();
  const open: string[] = [];
  for (const item of content.items as ({ type?: string; id?: string } & Partial<TextItem>)[]) {
    if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? '');
    else if (item.type === 'endMarkedContent') open.pop();
    else if (item.str !== undefined) for (const id of open) if (id) texts.set(id, (texts.get(id) ?? '') + item.str);
  }
  return texts;
}

export interface TaggedCell {
  role: 'TH' | 'TD';
  text: string;
}

/** Every table of the tagged structure, page by page: the rows with data drawn on that page. */
export async function taggedTables(doc: PDFDocumentProxy): Promise<{ page: number; rows: TaggedCell[][] }[]> {
  const tables: { page: number; rows: TaggedCell[][] }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const tree = (await (await doc.getPage(p)).getStructTree()) as StructNode | null;
    if (!tree) continue;
    const texts = await markedText(doc, p);
    const textOf = (n: StructNode): string => (n.type === 'content' ? (texts.get(n.id ?? '') ?? '') : (n.children ?? []).map(textOf).join(''));
    const find = (n: StructNode) => {
      if (n.role === 'Table') {
        const rows: TaggedCell[][] = [];
        const collectRows = (m: StructNode) => {
          for (const c of m.children ?? []) {
            // A page's tree holds the whole table; only the cells drawn on this page have text here.
            if (c.role === 'TR') {
              const cells = (c.children ?? []).filter((x) => x.role === 'TH' || x.role === 'TD').map((x) => ({ role: x.role as 'TH' | 'TD', text: textOf(x).trim() }));
              if (cells.some((x) => x.role === 'TD' && x.text !== '')) rows.push(cells);
            }
            else collectRows(c);
          }
        };
        collectRows(n);
        tables.push({ page: p, rows });
        return;
      }
      for (const c of n.children ?? []) find(c);
    };
    find(tree);
  }
  return tables;
}

/** The structure's roles in document order (headings, paragraphs, tables…), without the wrappers. */
export async function structureRoles(doc: PDFDocumentProxy, pageNumber: number): Promise<string[]> {
  const tree = (await (await doc.getPage(pageNumber)).getStructTree()) as StructNode | null;
  const roles: string[] = [];
  const walk = (n: StructNode) => {
    if (n.role && n.role !== 'NonStruct') roles.push(n.role);
    for (const c of n.children ?? []) walk(c);
  };
  if (tree) walk(tree);
  return roles;
}

export interface DrawnGlyph {
  page: number;
  unicode: string;
  type3: boolean;
}

/**
 * Glyphs drawn with no character behind them: Chromium draws .notdef (the empty box, tofu) when no
 * font has a character, and its ToUnicode entry is U+0000 or missing. A page with such a glyph has
 * a hole in its text that `pdftotext` silently skips.
 */
export async function missingGlyphs(doc: PDFDocumentProxy): Promise<DrawnGlyph[]> {
  const bad: DrawnGlyph[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const ops = await page.getOperatorList();
    let type3 = false;
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.setFont) {
        const id = args[0] as string;
        type3 = page.commonObjs.has(id) && !!(page.commonObjs.get(id) as { isType3Font?: boolean }).isType3Font;
      }
      if (fn !== OPS.showText) continue;
      for (const g of args[0] as ({ unicode?: string; isSpace?: boolean } | number)[]) {
        if (typeof g === 'number' || g.isSpace) continue;
        if (!g.unicode || /^[\u0000\uFFFD]+$/.test(g.unicode)) bad.push({ page: p, unicode: g.unicode ?? '', type3 });
      }
    }
  }
  return bad;
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** `pdffonts` of the whole file or of one page. */
export function pdfFonts(file: string, page?: number): PdfFont[] {
  const args = page ? ['-f', String(page), '-l', String(page), file] : [file];
  const lines = execFileSync('pdffonts', args, { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    // name (column to 37), type (to 55), encoding (to 72), emb, sub, uni, object id
    const name = line.slice(0, 36).trim();
    const type = line.slice(37, 54).trim();
    const emb = line.slice(72, 75).trim();
    return { name, type, embedded: emb === 'yes' };
  });
}

/** `pdftotext` of the whole file, in reading order, without the page numbers (which interrupt paragraphs running over a page). */
export function pdfText(file: string): string {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return text.replace(/^\s*—\s*\d+\s*—\s*$/gm, '');
}

/** Without any white space: lines broken by the layout join up again. */
export const compact = (s: string) => s.replace(/\s+/g, '');

/**
 * Rows of a page region (in points from the page's top-left) that hold dark pixels, rendered by
 * pdftoppm at 288 dpi: for measuring drawn shapes such as the page number's dashes.
 */
export function darkRows(file: string, page: number, box: { x: number; y: number; width: number; height: number }): number[] {
  const dpi = 288;
  const px = (pt: number) => Math.round((pt * dpi) / 72);
  const pgm = execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-x', String(px(box.x)), '-y', String(px(box.y)), '-W', String(px(box.width)), '-H', String(px(box.height)), file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 40))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[y * width + x]! < 128) {
        rows.push(box.y + (y * 72) / dpi);
        break;
      }
    }
  }
  return rows;
}
