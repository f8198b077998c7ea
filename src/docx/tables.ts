import type { FileChild } from 'docx';
import type { Table as MdTable } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { RenderContext } from './context.ts';
import { phrasingRuns } from './inline.ts';
import { afterTable, cellLook, fitWidths, officialTable, type CellSpec } from './table-cells.ts';
import { textWidth } from '../official/text-width.ts';

/**
 * A Markdown table as a Word table: the first row is the header (黑体, repeated on each page),
 * columns as wide as their content asks, within the type area.
 */
export function markdownTable(node: MdTable, ctx: RenderContext): FileChild[] {
  const columns = Math.max(...node.children.map((row) => row.children.length));
  const look = cellLook(columns);
  const rows: CellSpec[][] = node.children.map((row, r) =>
    Array.from({ length: columns }, (_, c) => {
      const content = row.children[c];
      return {
        runs: content ? phrasingRuns(content.children, ctx, r === 0 ? look.header : look.text) : [],
        style: r === 0 ? look.headerStyle : look.textStyle,
        align: node.align?.[c] ?? (r === 0 ? 'center' : 'left'),
      } satisfies CellSpec;
    }),
  );
  const desired = Array.from({ length: columns }, (_, c) =>
    Math.min(20, Math.max(2, ...node.children.map((row) => textWidth(row.children[c] ? toString(row.children[c]) : '')))),
  );
  return [officialTable(rows, 1, fitWidths(desired)), afterTable()];
}
