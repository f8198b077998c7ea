import type { TemplateRegistry } from '../content/templates.ts';
import type { Template, TemplateTable } from '../schema/template.ts';
import type { ImportNotice } from './blocks.ts';

/** A cell as imported: a number, `/` (not applicable), or null — blank in the source, kept blank. */
export type Cell = number | '/' | null;

/** Row labels: without their numbering, spaces and punctuation (`（一）予以公开` → `予以公开`). */
export const normalizeLabel = (s: string) =>
  s
    .replace(/^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\d]+[）)]|^\d+[.．、]/, '')
    .replace(/[\s（）()“”"'：:，,、。]/g, '');

/** Column headers: without spaces, bracketed remarks and punctuation (`本年收费金额（单位：万元）` → `本年收费金额`). */
const headerKey = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/[（(][^（）()]*[）)]/g, '')
    .replace(/[：:，,、。“”"'/／]/g, '');

const rawKey = (s: string) => s.replace(/\s+/g, '');

/** `12` `1,054` `12.6` → number; `/` `—` → not applicable; `` → blank; anything else → undefined (not a cell value). */
function cellValue(text: string): Cell | undefined {
  const t = text.replace(/[\s,，]/g, '');
  if (t === '') return null;
  if (t === '/' || t === '／' || t === '—' || t === '-' || t === '——' || t === '－') return '/';
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}
const isNumber = (text: string) => typeof cellValue(text) === 'number';

export interface TableImport {
  table: TemplateTable;
  /** Row id → cells in the template's column order. */
  rows: Record<string, Cell[]>;
  missing: string[];
  /** `行（列）` of cells left blank in the source. */
  blanks: string[];
  /** `行（列）` of cells whose text is no figure, or whose place is not certain (a short row of a space-aligned table). */
  unplaced: string[];
  /** The source tables this template table was read from (they are not repeated as Markdown tables). */
  sourceTables: string[][][];
}

interface Band {
  /** Header text of each column, top to bottom. */
  headers: string[][];
}

/** Header bands and data rows of one source table. A header row names columns of the template; a data row is anything else with a row label or a figure. */
function bands(rows: string[][], columnLabels: Set<string>): { band: Band; row: string[] }[] {
  const out: { band: Band; row: string[] }[] = [];
  let band: Band = { headers: [] };
  let inHeader = false;
  for (const row of rows) {
    const header = !row.some(isNumber) && row.some((c) => columnLabels.has(headerKey(c)) && c.trim() !== '' && !/^[（(][一二三四五六七八九十]+[）)]/.test(c.trim()));
    if (header) {
      if (!inHeader) band = { headers: [] };
      inHeader = true;
      band.headers.push(row);
      continue;
    }
    inHeader = false;
    out.push({ band, row });
  }
  return out;
}

/** The header text of column j of a band, top to bottom, repeated (merged) cells once. */
function columnHeader(band: Band, j: number): string[] {
  const out: string[] = [];
  for (const h of band.headers) {
    const c = rawKey(h[j] ?? '');
    if (c && out[out.length - 1] !== c) out.push(c);
  }
  return out;
}

/** Where each template column is in a band: by header text, never by position. */
function matchColumns(table: TemplateTable, band: Band, width: number, rowLabel?: (label: string) => boolean): number[] | undefined {
  const used = new Set<number>();
  const headers = Array.from({ length: width }, (_, j) => columnHeader(band, j));
  const out: number[] = [];
  for (const column of table.columns) {
    const key = headerKey(column.label);
    const tries: ((h: string[]) => boolean)[] = [
      (h) => h.length > 0 && headerKey(h[h.length - 1]!) === key,
      (h) => headerKey(h.join('')).endsWith(key),
    ];
    let found = -1;
    for (const test of tries) {
      found = headers.findIndex((h, j) => !used.has(j) && test(h) && !(rowLabel && h.some(rowLabel)));
      if (found >= 0) break;
    }
    if (found < 0) return undefined;
    used.add(found);
    out.push(found);
  }
  return out;
}

interface VersionRead {
  template: Template;
  imports: TableImport[];
  /** Columns or rows of this version's tables not found in the document. */
  misses: string[];
  /** Header texts of the document's tables that this version does not have. */
  foreign: string[];
  found: number;
}

/** Reads the document's tables as the tables of one template version. */
export function readTablesAs(template: Template, sources: string[][][]): VersionRead {
  const columnLabels = new Set(template.tables.flatMap((t) => t.columns.map((c) => headerKey(c.label))));
  const rowLabels = new Set(template.tables.flatMap((t) => t.rows.map((r) => normalizeLabel(r.label))));
  const misses: string[] = [];
  let found = 0;
  const imports = template.tables.map((table): TableImport => {
    const out: TableImport = { table, rows: {}, missing: [], blanks: [], unplaced: [], sourceTables: [] };
    const dataRows = table.rows.filter((r) => !r.group);
    const transposed = readTransposed(table, sources);
    if (transposed) {
      found += dataRows.length;
      return transposed;
    }
    let columnsFound = false;
    for (const row of dataRows) {
      const label = normalizeLabel(row.label);
      let hit: { cells: Cell[]; blanks: string[]; unplaced: string[]; source: string[][] } | undefined;
      for (const source of sources) {
        const width = Math.max(0, ...source.map((r) => r.length));
        for (const { band, row: r } of bands(source, columnLabels)) {
          const columns = matchColumns(table, band, width, (h) => rowLabels.has(normalizeLabel(h)) && !columnLabels.has(headerKey(h)));
          if (!columns) continue;
          const first = Math.min(...columns);
          const labelCells = r.slice(0, first);
          if (!labelCells.some((c) => normalizeLabel(c) === label)) continue;
          const cells: Cell[] = [];
          const blanks: string[] = [];
          const unplaced: string[] = [];
          columns.forEach((j, c) => {
            const v = cellValue(r[j] ?? '');
            const where = `${row.label}（${table.columns[c]!.label}）`;
            if (v === null) blanks.push(where);
            if (v === undefined) unplaced.push(`${where}：“${r[j] ?? ''}”`);
            cells.push(v ?? null);
          });
          hit = { cells, blanks, unplaced, source };
          break;
        }
        if (hit) break;
      }
      if (!hit) {
        out.missing.push(row.label);
        continue;
      }
      columnsFound = true;
      found++;
      out.rows[row.id] = hit.cells;
      out.blanks.push(...hit.blanks);
      out.unplaced.push(...hit.unplaced);
      if (!out.sourceTables.includes(hit.source)) out.sourceTables.push(hit.source);
    }
    if (!columnsFound) misses.push(`${table.title}：${table.columns.map((c) => c.label).join('、')}`);
    else if (out.missing.length) misses.push(...out.missing.map((m) => `${table.title}：${m}`));
    return out;
  });
  // Header cells of the document that no table of this version has: the mark of another version.
  const known = new Set([...columnLabels, ...rowLabels]);
  const foreign = new Set<string>();
  for (const source of sources) {
    for (const row of source) {
      if (row.some(isNumber)) continue;
      for (const c of row) {
        const k = headerKey(c);
        if (/(数量|件数|金额|增\/?减)$/.test(k) && !known.has(k)) foreign.add(c.trim());
      }
    }
  }
  // Rows with figures whose own label is a heading-only row of this version (2019 （六）其他处理 has figures; 2021 splits it).
  const groups = new Set(template.tables.flatMap((t) => t.rows.filter((r) => r.group).map((r) => normalizeLabel(r.label))));
  for (const source of sources) {
    for (const row of source) {
      if (!row.some(isNumber)) continue;
      const labels = row.slice(0, row.findIndex((c) => cellValue(c) !== undefined)).filter(Boolean);
      const own = labels[labels.length - 1];
      if (own && groups.has(normalizeLabel(own))) foreign.add(own);
    }
  }
  return { template, imports, misses, foreign: [...foreign], found };
}

/**
 * Reads the statistics tables of a report into the template's tables, choosing the template
 * version from the tables' own headers and rows. A document that fits no version is reported,
 * not forced into one.
 */
export function readReportTables(
  registry: TemplateRegistry,
  type: string,
  sources: string[][][],
  notices: ImportNotice[],
  year?: number,
): { template?: Template; imports: TableImport[] } {
  const all = registry.byType.get(type)?.map((e) => e.template) ?? [];
  const ofYear = all.find((t) => year !== undefined && (t.years?.from ?? 0) <= year && year <= (t.years?.to ?? 9999));
  // Only versions with statistics tables can be told apart by them.
  const versions = all.filter((t) => t.tables.length > 0);
  if (!versions.length || !sources.length) {
    const chosen = ofYear ?? all[all.length - 1];
    return { template: chosen, imports: chosen ? readTablesAs(chosen, sources).imports : [] };
  }
  const reads = versions.map((t) => readTablesAs(t, sources));
  // A version fits when nothing in the document's tables belongs to another format; rows it lacks are listed, not held against it.
  const fits = reads.filter((r) => r.foreign.length === 0 && r.found > 0);
  const best = [...reads].sort((a, b) => b.found - a.found || a.foreign.length - b.foreign.length)[0]!;
  let chosen: VersionRead;
  if (fits.length === 1) {
    chosen = fits[0]!;
    notices.push({ severity: 'info', message: `统计表是 ${chosen.template.version} 版格式（${chosen.template.basis ?? chosen.template.name}）：表头和行名都与这一版一致。` });
  } else if (fits.length > 1) {
    const byYear = fits.find((f) => f.template === ofYear);
    chosen = byYear ?? fits[fits.length - 1]!;
    notices.push({
      severity: byYear ? 'info' : 'warning',
      message: `统计表同时符合 ${fits.map((f) => f.template.version).join('、')} 版格式（两版相同的表格），${byYear ? `按 ${year} 年度适用的 ${chosen.template.version} 版导入` : `暂按 ${chosen.template.version} 版导入，请核对`}。`,
    });
  } else if (ofYear && ofYear.tables.length === 0) {
    // An archive year whose format has no fixed tables: the tables stay as they are.
    notices.push({ severity: 'info', message: `${year} 年度适用 ${ofYear.version} 版（${ofYear.description ?? ofYear.name}），表格照原样导入为 Markdown 表格。` });
    return { template: ofYear, imports: [] };
  } else {
    chosen = best;
    notices.push({
      severity: 'error',
      message: `统计表不完全符合任何一版格式（${reads.map((r) => `${r.template.version} 版：${[...r.misses.slice(0, 3).map((m) => `缺 ${m}`), ...r.foreign.slice(0, 3).map((f) => `多出“${f}”`)].join('；') || '—'}`).join('。')}）。按最接近的 ${chosen.template.version} 版读入了找得到的行，其余逐行列出，请对照原表核对格式版本。`,
    });
  }
  if (ofYear && ofYear !== chosen.template && fits.length) {
    notices.push({ severity: 'warning', message: `统计表是 ${chosen.template.version} 版格式，而 ${year} 年度按规定适用 ${ofYear.version} 版：照原表按 ${chosen.template.version} 版导入，没有改动格式，请核对年度。` });
  }
  for (const t of chosen.imports) {
    if (t.missing.length) {
      notices.push({ severity: 'warning', message: `表格「${t.table.title}」有 ${t.missing.length} 行没有在原文中找到，请手工填写：${t.missing.join('；')}` });
    }
    if (t.unplaced.length) {
      notices.push({ severity: 'warning', message: `表格「${t.table.title}」有 ${t.unplaced.length} 格不能确定数值或位置（文字对齐的表格中缺格的行等），留空（null）没有猜测，请对照原表填写：${t.unplaced.join('；')}` });
    }
    if (t.blanks.length) {
      notices.push({ severity: 'warning', message: `表格「${t.table.title}」原表有 ${t.blanks.length} 个空格，照原样留空（写作 null），没有填 0：${t.blanks.join('；')}` });
    }
  }
  return { template: chosen.template, imports: chosen.imports };
}

/**
 * Table 四 of the official format is printed transposed: one line of 15 figures under header bands
 * (行政复议 | 行政诉讼：未经复议直接起诉 | 复议后起诉, each with 结果维持 … 总计). Each figure is placed
 * by its column's headers: the row's label parts and the column's label must all be in them.
 */
function readTransposed(table: TemplateTable, sources: string[][][]): TableImport | undefined {
  const dataRows = table.rows.filter((r) => !r.group);
  if (dataRows.length < 2) return undefined;
  for (const source of sources) {
    const labels = new Set([...table.columns.map((c) => headerKey(c.label)), ...dataRows.flatMap((r) => r.label.split(/[：:]/).map(headerKey))]);
    const candidates = source.filter((r) => r.length >= dataRows.length * table.columns.length && !r.some((c) => labels.has(headerKey(c))));
    const line = candidates.find((r) => r.some(isNumber)) ?? candidates[candidates.length - 1];
    if (!line) continue;
    const band: Band = { headers: source.slice(0, source.indexOf(line)) };
    const width = line.length;
    const headers = Array.from({ length: width }, (_, j) => columnHeader(band, j).map(headerKey));
    const out: TableImport = { table, rows: {}, missing: [], blanks: [], unplaced: [], sourceTables: [source] };
    const used = new Set<number>();
    let ok = true;
    for (const row of dataRows) {
      const parts = row.label.split(/[：:]/).map(headerKey);
      const cells: Cell[] = [];
      for (const column of table.columns) {
        const key = headerKey(column.label);
        const j = headers.findIndex((h, k) => !used.has(k) && h.length > 0 && h[h.length - 1] === key && parts.every((p) => h.slice(0, -1).some((x) => x === p || x.endsWith(p))));
        if (j < 0) {
          ok = false;
          break;
        }
        used.add(j);
        const v = cellValue(line[j] ?? '');
        if (v === null) out.blanks.push(`${row.label}（${column.label}）`);
        if (v === undefined) out.unplaced.push(`${row.label}（${column.label}）：“${line[j] ?? ''}”`);
        cells.push(v ?? null);
      }
      if (!ok) break;
      out.rows[row.id] = cells;
    }
    if (ok) return out;
  }
  return undefined;
}
