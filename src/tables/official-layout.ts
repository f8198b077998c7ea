/**
 * How the official formats draw their tables, beyond what a template's rows and columns say:
 * header bands over columns, and tables the format prints transposed. The hints are template data
 * (`layout:` of a table in template.yaml); a table without one is drawn from its definition alone.
 */
import type { TableLayout, TemplateTable } from '../schema/template.ts';

export type TableHint = TableLayout;
export type ColumnGroup = NonNullable<TableLayout['groups']>[number];
export type TransposedBand = NonNullable<TableLayout['transpose']>[number];

export function tableHint(table: TemplateTable): TableHint {
  return table.layout ?? {};
}
