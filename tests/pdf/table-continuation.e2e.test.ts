/**
 * Row-group labels on a table's continuation page (src/pdf/table-continuation.ts), read from the
 * run's shared build of the samples: in the 信息公开 report's public and filing PDFs, table 3 runs
 * over a page inside 三、本年度办理结果 (the build log says so). The page that goes on with the table
 * begins its first row with the labels of every group the row belongs to, drawn there (the tagged
 * structure's cells have text on that page); no other row carries a label twice.
 */
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionTables, type GridCell } from '../../src/tables/official-tables.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { twoSampleReport } from '../web/sample-model.ts';
import { compact, openPdf, taggedTables, type TaggedCell } from './pdf-read.ts';

const report = twoSampleReport('chenxi-sifaju-2022-xinxi-gongkai');

/** Each body row of the report's official tables: its own header cells and data, and the group labels covering it from rows above. */
interface ModelRow {
  own: string[];
  data: string;
  covering: string[];
}

function modelRows(): ModelRow[] {
  const rows: ModelRow[] = [];
  for (const grid of report.sections.flatMap((s) => sectionTables(report, s))) {
    const open: { cell: GridCell; until: number }[] = [];
    grid.body.forEach((row, r) => {
      const covering = open.filter((o) => o.until > r).map((o) => compact(o.cell.text));
      rows.push({
        own: row.filter((c) => c.header).map((c) => compact(c.text)),
        data: row.filter((c) => !c.header).map((c) => compact(c.metric?.shown ?? c.text)).join('|'),
        covering,
      });
      for (const c of row) if (c.header && (c.rowspan ?? 1) > 1) open.push({ cell: c, until: r + c.rowspan! });
    });
  }
  return rows;
}

let out: string;
beforeAll(async () => {
  const build = await sharedBuild('ndbg');
  out = build.dist;
});

describe.each([
  ['public', `${report.slug}.pdf`],
  ['filing', `${report.slug}-beian.pdf`],
])('%s copy', (_form, file) => {
  let doc: PDFDocumentProxy;
  beforeAll(async () => {
    doc = await openPdf(path.join(out, 'downloads', file));
  });
  afterAll(async () => {
    await doc.loadingTask.destroy();
  });

  it('begins the continuation page’s first row with every group label covering it; no other row repeats one', async () => {
    const model = modelRows();
    const find = (cells: TaggedCell[]) => {
      const data = cells.filter((c) => c.role === 'TD').map((c) => compact(c.text)).join('|');
      const leaf = compact(cells.filter((c) => c.role === 'TH').at(-1)?.text ?? '');
      const found = model.filter((m) => m.data === data && (m.own.at(-1) ?? '') === leaf);
      expect(found, `${leaf} ${data}`).toHaveLength(1);
      return found[0]!;
    };
    let continued = 0;
    const tables = await taggedTables(doc);
    for (const [t, table] of tables.entries()) {
      for (const [i, cells] of table.rows.entries()) {
        const row = find(cells);
        const heads = cells.filter((c) => c.role === 'TH').map((c) => compact(c.text));
        // A table's first row on a page after the one where the table began, inside a group.
        const goesOn = i === 0 && row.covering.length > 0 && tables.slice(0, t).some((x) => x.page < table.page);
        if (goesOn) continued += 1;
        expect(heads, `page ${table.page}, row ${i}`).toEqual(goesOn ? [...row.covering, ...row.own] : row.own);
      }
    }
    expect(continued).toBeGreaterThan(0);
  });
});
