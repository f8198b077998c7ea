import { AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, VerticalMergeType, WidthType, type ParagraphChild } from 'docx';
import { SIZE, TYPE_AREA } from './official-format.ts';
import type { RunStyle } from './runs.ts';
import { STYLE } from './styles-xml.ts';

/** Cell text is 小四, or 五号 when a table has more columns than a 小四 line can hold comfortably. */
export interface CellLook {
  size: number;
  text: RunStyle;
  header: RunStyle;
  textStyle: string;
  headerStyle: string;
}

export function cellLook(columns: number): CellLook {
  const small = columns > 5;
  const size = small ? SIZE.五号 : SIZE.小四;
  return {
    size,
    text: { face: 'fangsong', size, tracking: 0 },
    header: { face: 'heiti', size, tracking: 0 },
    textStyle: small ? STYLE.tableTextSmall : STYLE.tableText,
    headerStyle: small ? STYLE.tableHeaderSmall : STYLE.tableHeader,
  };
}

/** Left and right cell margins of the table style, in twips. */
export const CELL_MARGINS = 2 * 85;

/** The side margin of a crowded table's cells (1 mm less on each side than the style's). */
export const NARROW_CELL_MARGIN = 28;

export type CellAlign = 'left' | 'center' | 'right';

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

export interface CellSpec {
  runs: ParagraphChild[];
  style: string;
  align?: CellAlign;
  /** Grid columns this cell spans. */
  span?: number;
  /** Merged downwards: the first cell of the merge, or one of the cells it covers. */
  merge?: 'restart' | 'continue';
}

export function cell(spec: CellSpec, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: spec.span && spec.span > 1 ? spec.span : undefined,
    verticalMerge: spec.merge === 'restart' ? VerticalMergeType.RESTART : spec.merge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    children: [new Paragraph({ style: spec.style, alignment: spec.align ? ALIGN[spec.align] : undefined, children: spec.merge === 'continue' ? [] : spec.runs })],
  });
}

/**
 * A Word table exactly as wide as the type area, fixed layout, in the official table style; the
 * header rows repeat on each page and no row breaks across pages.
 */
export function officialTable(rows: CellSpec[][], headerRows: number, widths: number[], cellMargin?: number): Table {
  return new Table({
    style: STYLE.table,
    layout: TableLayoutType.FIXED,
    width: { size: TYPE_AREA.width, type: WidthType.DXA },
    indent: { size: 0, type: WidthType.DXA },
    // A crowded table's cells keep less room at their sides than the style's (official-table.ts).
    margins: cellMargin === undefined ? undefined : { left: cellMargin, right: cellMargin, top: 28, bottom: 28 },
    columnWidths: widths,
    rows: rows.map((specs, r) => {
      let column = 0;
      const cells = specs.map((spec) => {
        const span = spec.span ?? 1;
        const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
        column += span;
        return cell(spec, width);
      });
      return new TableRow({ tableHeader: r < headerRows || undefined, cantSplit: true, children: cells });
    }),
  });
}

/** Scales column widths (any unit) to twips that add up to the type area's width exactly. */
export function fitWidths(desired: number[]): number[] {
  const total = desired.reduce((a, b) => a + b, 0);
  const widths = desired.map((w) => Math.floor((w / total) * TYPE_AREA.width));
  widths[widths.length - 1]! += TYPE_AREA.width - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** An empty paragraph after a table: Word would join two tables that touch. */
export function afterTable(): Paragraph {
  return new Paragraph({ style: STYLE.tableNote, children: [] });
}
