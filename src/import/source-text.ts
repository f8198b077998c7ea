import type { Block } from './blocks.ts';

/** What a text table cell that cannot be placed with certainty reads as (see template-tables.ts). */
export const UNPLACED = '？';

const NUMBER = /^(?:\d+(?:\.\d+)?|[/／—-])$/;
const tabCells = (line: string) => line.replace(/[ \u3000\r]+$/, '').split('\t').map((c) => c.replace(/^[ \u3000]+|[ \u3000]+$/g, ''));
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
      // A row label alone on its line (三、本年度办理结果, （三）不予公开) between two rows of figures belongs to the table.
      const label = (k: number) =>
        k > i && lines[k] !== undefined && lines[k]!.trim() !== '' && lines[k]!.trim().length <= 40 && !/[。；]$/.test(lines[k]!.trim()) &&
        cells(lines[k - 1]!).some((c) => NUMBER.test(c)) && is(lines[k + 1]) && cells(lines[k + 1]!).some((c) => NUMBER.test(c));
      // Once an aligned table has begun, a row of two cells (信息内容  本年处理决定数量) continues it.
      const more = (l: string | undefined) => is(l) || (kind === 'space' && j > i && l !== undefined && !l.includes('\t') && spaceCells(l).length === 2);
      while (j < lines.length && (more(lines[j]) || label(j))) j++;
      const rows = lines.slice(i, j).map(cells);
      if (j - i < 2 || !rows.some((r) => r.some((c) => NUMBER.test(c)))) continue;
      if (kind === 'space') {
        // A row with fewer cells than its header line has lost blank cells: where its figures stand is not certain.
        let width = 0;
        for (const r of rows) {
          const figures = r.some((c) => NUMBER.test(c));
          if (!figures && r.length >= 2) width = r.length;
          else if (figures && r.length < width) r.splice(1, r.length - 1, ...Array.from({ length: width - 1 }, () => UNPLACED));
        }
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
