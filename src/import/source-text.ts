import type { Block } from './blocks.ts';

/** What a text table cell that cannot be placed with certainty reads as (see template-tables.ts). */
export const UNPLACED = '？';

const NUMBER = /^(?:\d+(?:\.\d+)?|[/／—-])$/;
const tabCells = (line: string) => line.replace(/[ \u3000\r]+$/, '').split('\t').map((c) => c.replace(/^[ \u3000]+|[ \u3000]+$/g, ''));
const spaceCells = (line: string) => line.trim().split(/[ \u3000]{2,}|\t/).map((c) => c.trim());

/**
 * Width of a character in a monospaced Chinese text (what aligns a space-aligned table): ASCII and
 * Latin-1 one column, everything else two (汉字, full-width forms, “” as a Chinese font sets them),
 * half-width katakana and forms one.
 */
const charWidth = (ch: string) => {
  const c = ch.codePointAt(0)!;
  return c <= 0xff || (c >= 0xff61 && c <= 0xffdc) || (c >= 0xffe8 && c <= 0xffee) ? 1 : 2;
};

/** A cell of a space-aligned line with the display columns it occupies. */
interface PlacedText {
  text: string;
  start: number;
  end: number;
}

/** The cells of a space-aligned line (split at runs of 2+ spaces) with their display columns. */
export function alignedCells(line: string): PlacedText[] {
  const out: PlacedText[] = [];
  let col = 0;
  let current: PlacedText | undefined;
  let spaces = 0;
  for (const ch of line.replace(/\s+$/, '')) {
    const w = ch === '\t' ? 8 - (col % 8) : charWidth(ch);
    if (ch === ' ' || ch === '\u3000' || ch === '\t') {
      spaces += ch === ' ' ? 1 : 2;
      if (current && spaces >= 2) {
        out.push(current);
        current = undefined;
      }
    } else {
      if (current && spaces > 0) current.text += ' ';
      current ??= { text: '', start: col, end: col };
      current.text += ch;
      current.end = col + w;
      spaces = 0;
    }
    col += w;
  }
  if (current) out.push(current);
  return out;
}

/**
 * A row of a space-aligned table put under its header line by display columns: each figure goes to
 * the one header whose text it stands under (left-, right- or centre-aligned), so a blank cell stays
 * blank in its own column. Undefined when a figure stands under no header, under two, or two
 * figures under one: then where its figures belong is not certain.
 */
export function placeUnderHeader(row: PlacedText[], header: PlacedText[]): string[] | undefined {
  const out = header.map(() => '');
  const taken = new Set<number>();
  for (const [i, cell] of row.entries()) {
    // The row's first cell is its label: the first column, however long it runs.
    const hits = i === 0 ? [0] : header.flatMap((h, j) => (cell.start < h.end && h.start < cell.end ? [j] : []));
    if (hits.length !== 1 || taken.has(hits[0]!) || (i > 0 && hits[0] === 0)) return undefined;
    taken.add(hits[0]!);
    out[hits[0]!] = cell.text;
  }
  return out;
}

/**
 * A plain-text report: one paragraph a line, as copied from a web page or a Word file. Runs of
 * lines split by tabs (blank cells kept) or by two or more spaces (aligned columns) are tables.
 * In a space-aligned table each figure is placed under the header whose columns it stands in, so
 * rows with blank cells keep their places; a row whose figures stand under no single header (the
 * text is not aligned) reads as unplaced, never shifted into another column.
 */
export function blocksFromText(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const tab = (l: string | undefined) => l !== undefined && l.includes('\t') && tabCells(l).filter(Boolean).length >= 2;
  const spaced = (l: string | undefined) => l !== undefined && !l.includes('\t') && spaceCells(l).length >= 3;
  const tableAt = (i: number): number => {
    for (const [is, cells, kind] of [
      [tab, tabCells, 'tab'],
      [spaced, spaceCells, 'space'],
    ] as const) {
      let j = i;
      // A row label alone on its line (三、本年度办理结果, （三）不予公开) between two rows of figures belongs to the table.
      const label = (k: number) =>
        k > i && lines[k] !== undefined && lines[k]!.trim() !== '' && lines[k]!.trim().length <= 40 && !/[。；]$/.test(lines[k]!.trim()) &&
        cells(lines[k - 1]!).some((c) => NUMBER.test(c)) && is(lines[k + 1]) && cells(lines[k + 1]!).some((c) => NUMBER.test(c));
      // Once an aligned table has begun, a row of two cells (信息内容  本年处理决定数量) continues it.
      const more = (l: string | undefined) => is(l) || (kind === 'space' && j > i && l !== undefined && !l.includes('\t') && spaceCells(l).length === 2);
      while (j < lines.length && (more(lines[j]) || label(j))) j++;
      const rows = lines.slice(i, j).map(cells);
      if (j - i < 2 || !rows.some((r) => r.some((c) => NUMBER.test(c)))) continue;
      if (kind === 'space') alignRows(lines.slice(i, j), rows);
      blocks.push({ kind: 'table', rows });
      return j;
    }
    return i;
  };
  let i = 0;
  while (i < lines.length) {
    const next = tableAt(i);
    if (next > i) {
      i = next;
      continue;
    }
    const t = lines[i]!.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (t !== '') blocks.push({ kind: 'text', text: t, line: i + 1 });
    i++;
  }
  return blocks;
}

/**
 * The rows of a space-aligned table by their header lines' columns (a line of two or more cells
 * without figures starts a band). A row that cannot be placed by columns keeps its cells in order
 * only when it has one for every column; otherwise all but its label read as unplaced.
 */
function alignRows(lines: string[], rows: string[][]) {
  let header: PlacedText[] | undefined;
  rows.forEach((r, k) => {
    const figures = r.some((c) => NUMBER.test(c));
    if (!figures && r.length >= 2) header = alignedCells(lines[k]!);
    if (!figures || !header) return;
    const placed = placeUnderHeader(alignedCells(lines[k]!), header);
    if (placed) rows[k] = placed;
    else if (r.length !== header.length) rows[k] = [r[0]!, ...Array.from({ length: header.length - 1 }, () => UNPLACED)];
  });
}
