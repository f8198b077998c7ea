import type { Block } from './blocks.ts';
import { findTableRanges, tableRows, type PdfLine, type PdfWord } from './pdf-tables.ts';
import { loadPdfJs } from '../store/pdfjs.ts';

interface Line extends PdfLine {
  text: string;
  x: number;
  right: number;
  y: number;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]/;
const PAGE_SPAN = 100_000;
const PAGE_NUMBER = /^[—–-]\s*\d+\s*[—–-]$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$|^\d+$/;

/** A line's pieces of text, joined into words where they touch (less than half a character apart). */
function wordsOf(pieces: PdfWord[]): PdfWord[] {
  const words: PdfWord[] = [];
  for (const p of [...pieces].sort((a, b) => a.x - b.x)) {
    const last = words[words.length - 1];
    if (last && p.x - last.right < p.size * 0.5) {
      const ascii = /[0-9A-Za-z]$/.test(last.text) && /^[0-9A-Za-z]/.test(p.text) && p.x - last.right > p.size * 0.15;
      last.text += (ascii ? ' ' : '') + p.text;
      last.right = Math.max(last.right, p.right);
    } else words.push({ ...p });
  }
  return words;
}

/**
 * A PDF's text layer as paragraphs and tables. A printed paragraph is broken into lines at the
 * right edge of the type area; a line that reaches the right edge continues into the next one,
 * unless the next is indented (a new paragraph's first line). Chinese lines are joined without a
 * space. Runs of lines whose words stand apart in columns are tables, read by position
 * (pdf-tables.ts).
 */
export async function blocksFromPdf(bytes: Buffer): Promise<Block[]> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true }).promise;
  const lines: Line[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const pageLines: (Line & { pieces: PdfWord[] })[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const [, , , d, x, pageY] = item.transform as number[];
      // y runs on down the pages, so that a table going over a page keeps its rows in order.
      const y = pageY! - p * PAGE_SPAN;
      const size = Math.abs(d!) || item.height;
      const line = pageLines.find((l) => Math.abs(l.y - y!) <= size * 0.4);
      const piece = { text: item.str.trim(), x: x!, right: x! + item.width, y: y!, size };
      if (line) {
        const gap = x! - line.right;
        const sep = gap > size * 0.5 && !(CJK.test(line.text.slice(-1)) || CJK.test(item.str[0]!)) ? ' ' : '';
        if (x! >= line.x) {
          line.text += sep + item.str;
          line.right = Math.max(line.right, x! + item.width);
        } else {
          line.text = item.str + line.text;
          line.x = x!;
        }
        if (piece.text) line.pieces.push(piece);
      } else pageLines.push({ text: item.str, x: x!, right: x! + item.width, y: y!, size, words: [], pieces: piece.text ? [piece] : [] });
    }
    pageLines.sort((a, b) => b.y - a.y || a.x - b.x);
    for (const l of pageLines) {
      if (l.text.trim() === '' || PAGE_NUMBER.test(l.text.trim())) continue;
      lines.push({ text: l.text, x: l.x, right: l.right, y: l.y, size: l.size, words: wordsOf(l.pieces) });
    }
    page.cleanup();
  }
  await doc.cleanup();
  if (!lines.length) return [];
  // The body's type size: the one most wide lines of one piece are set in (a table's lines are narrow or spread; tables are usually smaller).
  const widest = Math.max(...lines.map((l) => l.right - l.x));
  const chars = new Map<number, number>();
  for (const l of lines.filter((x) => x.words.length <= 1 && x.right - x.x >= widest * 0.6)) chars.set(Math.round(l.size * 2) / 2, (chars.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
  const bodySize = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const tables = findTableRanges(lines, bodySize);
  const areaRight = Math.max(...lines.map((l) => l.right));
  const inTable = new Set(tables.flatMap(([s, e]) => Array.from({ length: e - s }, (_, k) => s + k)));
  const text = lines.filter((_, i) => !inTable.has(i));
  // The type area: the most common left edge and the furthest right edge of body lines.
  const count = new Map<number, number>();
  for (const l of text) count.set(Math.round(l.x), (count.get(Math.round(l.x)) ?? 0) + 1);
  const left = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const right = Math.max(...text.map((l) => l.right));
  const blocks: Block[] = [];
  let current: string | undefined;
  let previous: Line | undefined;
  const flush = () => {
    if (current !== undefined) blocks.push({ kind: 'text', text: current });
    current = undefined;
    previous = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const table = tables.find(([s]) => s === i);
    if (table) {
      flush();
      blocks.push({ kind: 'table', rows: tableRows(lines.slice(table[0], table[1]), areaRight) });
      i = table[1] - 1;
      continue;
    }
    const l = lines[i]!;
    const t = l.text.trim();
    const indented = l.x > left + l.size * 1.2;
    const previousFull = previous !== undefined && previous.right >= right - previous.size * 1.5 && Math.abs(previous.x - left) < previous.size * 3;
    if (current !== undefined && previousFull && !indented && Math.abs(l.size - previous!.size) < 1) {
      const sep = CJK.test(current.slice(-1)) || CJK.test(t[0]!) ? '' : ' ';
      current += sep + t;
    } else {
      flush();
      current = t;
    }
    previous = l;
  }
  flush();
  // Word and LibreOffice set a little space between Chinese and Latin letters or digits; the text has none.
  const ascii = '[0-9A-Za-z%.〔〕]';
  const between = new RegExp(`(?<=${CJK.source})\\s+(?=${ascii})|(?<=${ascii})\\s+(?=${CJK.source})`, 'g');
  for (const b of blocks) if (b.kind === 'text') b.text = b.text.replace(between, '');
  return blocks;
}
