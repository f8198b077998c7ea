import type { Block } from './blocks.ts';

/** What a text table cell that cannot be placed with certainty reads as (see template-tables.ts). */
export const UNPLACED = '？';

const NUMBER = /^(?:\d+(?:\.\d+)?|[/／—-])$/;
const tabCells = (line: string) => line.replace(/\s+$/, '').split('\t').map((c) => c.replace(/^[ \u3000]+|[ \u3000]+$/g, ''));
const spaceCells = (line: string) => line.trim().split(/[ \u3000]{2,}|\t/).map((c) => c.trim());

/**
 * A plain-text report: one paragraph a line, as copied from a web page or a Word file. Runs of
 * lines split by tabs (blank cells kept) or by two or more spaces (aligned columns) are tables.
 * In a space-aligned table a row with fewer cells than the table has no certain places for its
 * figures: its cells read as unplaced, never shifted into another column.
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
      while (j < lines.length && is(lines[j])) j++;
      const rows = lines.slice(i, j).map(cells);
      if (j - i < 2 || !rows.some((r) => r.some((c) => NUMBER.test(c)))) continue;
      if (kind === 'space') {
        const width = Math.max(...rows.map((r) => r.length));
        for (const r of rows) if (r.length < width && r.some((c) => NUMBER.test(c))) r.splice(1, r.length - 1, ...Array.from({ length: width - 1 }, () => UNPLACED));
      }
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
