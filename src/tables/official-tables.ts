/**
 * The template tables of a section as grids of cells, laid out as the official format prints
 * them: nested row groups as spanning cells, header bands over columns, several small tables of
 * one section as one table of blocks (表二), and transposed tables (表四). Every data cell names
 * its headers, so a screen reader announces "行政复议 结果维持 1件".
 */
import type { ReportModel, SectionModel, TableModel } from '../content/index.ts';
import { formatMetric } from '../metrics/format.ts';
import type { Metric } from '../schema/metric.ts';
import { tableHint, type TableHint } from './official-layout.ts';

export interface CellMetric {
  id: string;
  /** The number as the official table prints it. */
  shown: string;
  /** The unit, read out with the number but not printed in the table. */
  unit: string;
}

export interface GridCell {
  header: boolean;
  text: string;
  metric?: CellMetric;
  colspan?: number;
  rowspan?: number;
  scope?: 'col' | 'row' | 'colgroup' | 'rowgroup';
  id?: string;
  headers?: string[];
  className?: string;
}

export interface TableGrid {
  id: string;
  caption: string;
  head: GridCell[][];
  body: GridCell[][];
  notes: string[];
  /** Too many columns for a phone: shown in a scrollable region. */
  wide: boolean;
}

/** The tables a section declared, as grids. */
export function sectionTables(report: ReportModel, section: SectionModel): TableGrid[] {
  const tables = report.tables.filter((t) => firstCell(report, t)?.section === section.slug);
  if (tables.length === 0) return [];
  const hintOf = (t: TableModel) => tableHint(t.table);
  if (tables.length > 1) return [blocksGrid(report, tables, section, hintOf)];
  const t = tables[0]!;
  const hint = hintOf(t);
  return [hint.transpose ? transposedGrid(report, t, hint) : nestedGrid(report, t, hint)];
}

function firstCell(report: ReportModel, t: TableModel): Metric | undefined {
  const id = Object.values(t.cells)[0]?.[0];
  return id ? report.metrics[id] : undefined;
}

export function cellMetric(metric: Metric): CellMetric {
  const full = formatMetric(metric);
  const unit = metric.unit && full.endsWith(metric.unit) ? metric.unit : '';
  return { id: metric.id, shown: unit ? full.slice(0, -unit.length) : full, unit };
}

function dataCell(report: ReportModel, id: string | undefined, headers: string[], colspan?: number): GridCell {
  const metric = id ? report.metrics[id] : undefined;
  const cell: GridCell = { header: false, text: metric ? formatMetric(metric) : '', headers };
  if (metric) cell.metric = cellMetric(metric);
  if (colspan && colspan > 1) cell.colspan = colspan;
  return cell;
}

/** One table; rows nest by depth (group rows span their children), columns may sit under bands. */
function nestedGrid(report: ReportModel, model: TableModel, hint: TableHint): TableGrid {
  const { table } = model;
  const gid = `t-${table.id}`;
  let n = 0;
  const nextId = () => `${gid}-h${++n}`;
  const labelColumns = 1 + Math.max(0, ...table.rows.map((r) => r.depth));
  const columns = table.columns;

  // Column headers: band, groups, columns.
  const head: GridCell[][] = [];
  const levels = (hint.band ? 1 : 0) + (hint.groups?.length ? 1 : 0) + 1;
  const corner: GridCell = { header: true, text: hint.corner ?? hint.labelHeader ?? '项目', colspan: labelColumns, rowspan: levels, className: 'corner' };
  const columnHeaders = new Map<string, string[]>(columns.map((c) => [c.id, []]));
  const first: GridCell[] = [corner];
  head.push(first);
  if (hint.band) {
    const id = nextId();
    first.push({ header: true, text: hint.band, colspan: columns.length, scope: 'colgroup', id });
    for (const c of columns) columnHeaders.get(c.id)!.push(id);
  }
  if (hint.groups?.length) {
    const row: GridCell[] = head.length === 1 && !hint.band ? first : [];
    if (row !== first) head.push(row);
    const last: GridCell[] = [];
    for (const c of columns) {
      const group = hint.groups.find((g) => g.columns.includes(c.id));
      if (!group) {
        const id = nextId();
        row.push({ header: true, text: c.label, rowspan: 2, scope: 'col', id });
        columnHeaders.get(c.id)!.push(id);
      } else {
        if (group.columns[0] === c.id) {
          const gidH = nextId();
          row.push({ header: true, text: group.label, colspan: group.columns.length, scope: 'colgroup', id: gidH });
          for (const member of group.columns) columnHeaders.get(member)?.push(gidH);
        }
        const id = nextId();
        last.push({ header: true, text: c.label, scope: 'col', id });
        columnHeaders.get(c.id)!.push(id);
      }
    }
    head.push(last);
  } else {
    const row: GridCell[] = hint.band ? [] : first;
    if (row !== first) head.push(row);
    for (const c of columns) {
      const id = nextId();
      row.push({ header: true, text: c.label, scope: 'col', id });
      columnHeaders.get(c.id)!.push(id);
    }
  }
  if (levels === 1) corner.rowspan = undefined;
  if (labelColumns === 1) corner.colspan = undefined;

  // Body: group rows become cells spanning their leaf rows.
  const body: GridCell[][] = [];
  let pending: GridCell[] = [];
  const open: { depth: number; id: string }[] = [];
  table.rows.forEach((row, i) => {
    while (open.length && open.at(-1)!.depth >= row.depth) open.pop();
    const depth = open.length;
    if (row.group) {
      let leaves = 0;
      for (const r of table.rows.slice(i + 1)) {
        if (r.depth <= row.depth) break;
        if (!r.group) leaves += 1;
      }
      const id = nextId();
      if (leaves === 0) {
        body.push([{ header: true, text: row.label, colspan: labelColumns + columns.length, scope: 'row', id, className: 'group' }]);
        return;
      }
      pending.push({ header: true, text: row.label, rowspan: leaves, scope: 'rowgroup', id, className: `group depth-${depth}` });
      open.push({ depth: row.depth, id });
      return;
    }
    const id = nextId();
    const th: GridCell = { header: true, text: row.label, scope: 'row', id, className: `depth-${depth}` };
    if (labelColumns - depth > 1) th.colspan = labelColumns - depth;
    const ids = model.cells[row.id] ?? [];
    const tds = columns.map((c, ci) => dataCell(report, ids[ci], [...open.map((o) => o.id), id, ...columnHeaders.get(c.id)!]));
    body.push([...pending, th, ...tds]);
    pending = [];
  });

  return { id: gid, caption: table.title, head, body, notes: table.note ? [table.note] : [], wide: labelColumns + columns.length > 6 };
}

/** Several tables of one section printed as one, each a block with its title and column headers. */
function blocksGrid(report: ReportModel, tables: TableModel[], section: SectionModel, hintOf: (t: TableModel) => TableHint): TableGrid {
  const gid = `t-${section.slug}`;
  let n = 0;
  const nextId = () => `${gid}-h${++n}`;
  const width = Math.max(...tables.map((t) => t.table.columns.length));
  const body: GridCell[][] = [];
  const notes: string[] = [];
  for (const model of tables) {
    const { table } = model;
    const titleId = nextId();
    body.push([{ header: true, text: table.title, colspan: width + 1, scope: 'colgroup', id: titleId, className: 'block-title' }]);
    const labelId = nextId();
    const headerRow: GridCell[] = [{ header: true, text: hintOf(model).labelHeader ?? '项目', scope: 'col', id: labelId }];
    const colIds = table.columns.map((c, ci) => {
      const id = nextId();
      const cell: GridCell = { header: true, text: c.label, scope: 'col', id };
      if (ci === table.columns.length - 1 && width > table.columns.length) cell.colspan = width - table.columns.length + 1;
      headerRow.push(cell);
      return id;
    });
    body.push(headerRow);
    for (const row of table.rows) {
      const id = nextId();
      const ids = model.cells[row.id] ?? [];
      const cells: GridCell[] = [{ header: true, text: row.label, scope: 'row', id }];
      table.columns.forEach((_, ci) => {
        const span = ci === table.columns.length - 1 ? width - table.columns.length + 1 : 1;
        cells.push(dataCell(report, ids[ci], [titleId, id, colIds[ci]!], span));
      });
      body.push(cells);
    }
    if (table.note) notes.push(table.note);
  }
  return { id: gid, caption: section.title, head: [], body, notes, wide: width + 1 > 6 };
}

/** A table printed as a single row of values under bands (表四: 行政复议 | 行政诉讼). */
function transposedGrid(report: ReportModel, model: TableModel, hint: TableHint): TableGrid {
  const { table } = model;
  const gid = `t-${table.id}`;
  let n = 0;
  const nextId = () => `${gid}-h${++n}`;
  const bands = hint.transpose!;
  const top: GridCell[] = [];
  const middle: GridCell[] = [];
  const bottom: GridCell[] = [];
  const values: GridCell[] = [];
  const multi = bands.some((b) => b.rows.length > 1);
  for (const band of bands) {
    const bandId = nextId();
    top.push({ header: true, text: band.label, colspan: band.rows.length * table.columns.length, scope: 'colgroup', id: bandId });
    for (const row of band.rows) {
      let rowId: string | undefined;
      if (band.rows.length > 1) {
        rowId = nextId();
        middle.push({ header: true, text: row.label, colspan: table.columns.length, scope: 'colgroup', id: rowId });
      }
      const ids = model.cells[row.id] ?? [];
      table.columns.forEach((c, ci) => {
        const id = nextId();
        const cell: GridCell = { header: true, text: c.label, scope: 'col', id };
        if (band.rows.length > 1) bottom.push(cell);
        else {
          if (multi) cell.rowspan = 2;
          middle.push(cell);
        }
        values.push(dataCell(report, ids[ci], [bandId, ...(rowId ? [rowId] : []), id]));
      });
    }
  }
  const head = [top, middle, ...(bottom.length ? [bottom] : [])];
  return { id: gid, caption: table.title, head, body: [values], notes: table.note ? [table.note] : [], wide: values.length > 6 };
}
