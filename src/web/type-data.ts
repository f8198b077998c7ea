/**
 * The combined data files of each report type, data/‹类型›/‹年度›.json|csv and all.json|csv,
 * written by the build beside the pages. A year's files are made of its reports' parts, and the
 * all-years files of the years' parts, byte for byte what typeJson and typeCsv give (export.ts):
 * each report is serialised once, not once per file (nor again for its own files, report-data.ts),
 * and an incremental build puts back the years whose reports are unchanged and reads their parts
 * back from those files, making only the changed years again. At a thousand reports the files
 * hold some 265 MB.
 */
import path from 'node:path';
import type { ContentModel, ReportModel } from '../content/index.ts';
import { reportTypes } from './catalogue.ts';
import { listedReport, typeReports } from './export.ts';
import { portalPaths } from './urls.ts';
import { turn, writeDataFile, type WrittenFile } from './data-files.ts';
import { arrayElement, CSV_HEAD, reportParts, writeReportFiles, type ReportParts } from './report-data.ts';

/**
 * One year's (or several years') parts: the JSON arrays' elements as written, and the CSV's data
 * lines; the rows and lines as runs of them, one a report (or a year read back), joined as written.
 */
export interface TypeDataParts {
  reports: Buffer;
  rows: Buffer[];
  csv: Buffer[];
}

/** A year's parts, made from its reports. */
export function yearParts(reports: readonly ReportModel[], reportUrl: (slug: string) => string): TypeDataParts {
  return partsOfYear(reports, reports.map(reportParts), reportUrl);
}

/** A year's parts from its reports' own parts (reportParts: their rows serialised once, also for their own files). */
function partsOfYear(reports: readonly ReportModel[], own: readonly ReportParts[], reportUrl: (slug: string) => string): TypeDataParts {
  return {
    reports: Buffer.from(reports.map((r) => arrayElement(listedReport(r, reportUrl))).join(',\n')),
    rows: own.map((p) => p.rows),
    csv: own.map((p) => p.csv),
  };
}

const joinParts = (parts: Buffer[], separator: string): Buffer[] => parts.filter((p) => p.length > 0).flatMap((p, i) => (i === 0 ? [p] : [Buffer.from(separator), p]));

/** The JSON file of a type, for one year or (null) all, from its parts: the bytes typeJson gives. */
function jsonFile(type: { id: string; name: string }, year: number | null, parts: readonly TypeDataParts[]): Buffer[] {
  const head = JSON.stringify({ type, year }, null, 2).slice(0, -2);
  const array = (name: string, bodies: Buffer[]) => (bodies.length ? [Buffer.from(`  "${name}": [\n`), ...bodies, Buffer.from('\n  ]')] : [Buffer.from(`  "${name}": []`)]);
  return [
    Buffer.from(`${head},\n`),
    ...array('reports', joinParts(parts.map((p) => p.reports), ',\n')),
    Buffer.from(',\n'),
    ...array('rows', joinParts(parts.flatMap((p) => p.rows), ',\n')),
    Buffer.from('\n}\n'),
  ];
}

/** The CSV file of a type from its parts: the bytes typeCsv gives. */
function csvFile(parts: readonly TypeDataParts[]): Buffer[] {
  const lines = joinParts(parts.flatMap((p) => p.csv), '\r\n');
  return [Buffer.from(CSV_HEAD), ...lines, ...(lines.length ? [Buffer.from('\r\n')] : [])];
}

/** A year's parts read back from its files as this module wrote them; undefined if they are not such files. */
export function partsOfFiles(json: Buffer, csv: Buffer): TypeDataParts | undefined {
  const reportsAt = json.indexOf('\n  "reports": ');
  const rowsAt = json.indexOf('\n  "rows": ', reportsAt);
  if (reportsAt < 0 || rowsAt < 0 || !json.subarray(json.length - 3).equals(Buffer.from('\n}\n'))) return undefined;
  const body = (from: number, to: number, name: string): Buffer | undefined => {
    const open = Buffer.from(`\n  "${name}": [`);
    const start = from + open.length;
    if (json.subarray(start, start + 1).toString() === ']') return Buffer.alloc(0);
    return json.subarray(start + 1, to - '\n  ]'.length);
  };
  const reports = body(reportsAt, rowsAt - 1, 'reports');
  const rows = body(rowsAt, json.length - 3, 'rows');
  const head = Buffer.from(CSV_HEAD);
  if (!reports || !rows || !csv.subarray(0, head.length).equals(head)) return undefined;
  const data = csv.subarray(head.length);
  return { reports, rows: [rows], csv: [data.length ? data.subarray(0, data.length - 2) : data] };
}

/**
 * What an incremental build offers: a year's files of the last output put back in place, when its
 * reports are unchanged, and a way to read their parts, asked only when the type's all-years files
 * are made again (undefined if the files are not such files).
 */
export type ReuseTypeYear = (type: string, year: number, reports: readonly ReportModel[]) => (() => TypeDataParts | undefined) | undefined;

/**
 * What an incremental build offers when every year of a type was put back: the type's all-years
 * files from the last output, put back in place, when it had these same years. Whether it did.
 */
export type ReuseTypeAll = (type: string, years: readonly number[]) => boolean;

/**
 * Each report's own files (report-data.ts), written as its year's parts are made from the same
 * serialised rows, which the combined files then write as they are (not joined into one buffer
 * first). Made apart, each report's rows were serialised and encoded twice: at a thousand reports
 * both kinds of file took about 5.3 s of CPU so, 4.2 s together (medians of five runs, taken in
 * turn). The reports written are added to `reports`, their files to `written`.
 */
export interface ReportFilesBeside {
  reports: Set<string>;
  written: WrittenFile[];
}

/** Reports whose own files are written between two turns of the event loop (report-data.ts writes 16 files a turn). */
const REPORTS_PER_TURN = 8;

/**
 * Writes every type's year files and all-years files under `siteDir`; returns the years made,
 * those reused, and the files written. `reuse` may put a year's files back itself and give their
 * parts, and `reuseAll` a type's all-years files when every year of it was put back; with
 * `reportFiles`, the reports of the years made get their own files too. Gives the event loop a
 * turn after each year, each file and every few reports written, so that it can run beside other work.
 */
export async function writeTypeDataFiles(
  siteDir: string,
  model: ContentModel,
  reuse?: ReuseTypeYear,
  reuseAll?: ReuseTypeAll,
  reportFiles?: ReportFilesBeside,
): Promise<{ made: string[]; reused: string[]; written: WrittenFile[] }> {
  const paths = portalPaths(model.site.basePath);
  const rel = (p: string) => path.join(siteDir, p.slice(paths.base.length));
  const done = { made: [] as string[], reused: [] as string[], written: [] as WrittenFile[] };
  let ownFiles = 0;
  for (const t of reportTypes(model)) {
    const type = { id: t.id, name: t.name };
    const reports = typeReports(model.reports, t.id, null);
    // Newest year first, as the model orders its reports: the all-years files list them so.
    const years = [...new Set(reports.map((r) => r.meta.year))];
    const yearsParts: (() => TypeDataParts)[] = [];
    for (const year of years) {
      const ofYear = reports.filter((r) => r.meta.year === year);
      const kept = reuse?.(t.id, year, ofYear);
      if (kept) {
        done.reused.push(`${t.id}/${year}`);
        // Read back only if the all-years files are made: after an edit, the other types' years are not read at all.
        yearsParts.push(() => kept() ?? yearParts(ofYear, paths.report));
      } else {
        const own: ReportParts[] = [];
        for (const report of ofYear) {
          const parts = reportParts(report);
          own.push(parts);
          if (!reportFiles) continue;
          reportFiles.written.push(...writeReportFiles(siteDir, model.site.basePath, report, parts));
          reportFiles.reports.add(report.slug);
          if (++ownFiles % REPORTS_PER_TURN === 0) await turn();
        }
        const parts = partsOfYear(ofYear, own, paths.report);
        done.written.push(writeDataFile(rel(paths.typeData(t.id, year, 'json')), jsonFile(type, year, [parts])));
        done.written.push(writeDataFile(rel(paths.typeData(t.id, year, 'csv')), csvFile([parts])));
        done.made.push(`${t.id}/${year}`);
        yearsParts.push(() => parts);
      }
      await turn();
    }
    // Made of the years' parts alone: with every year put back, the last output's files are these bytes.
    const everyYearReused = years.every((y) => done.reused.includes(`${t.id}/${y}`));
    if (everyYearReused && reuseAll?.(t.id, years)) continue;
    const all = yearsParts.map((parts) => parts());
    done.written.push(writeDataFile(rel(paths.typeData(t.id, 'all', 'json')), jsonFile(type, null, all)));
    await turn();
    done.written.push(writeDataFile(rel(paths.typeData(t.id, 'all', 'csv')), csvFile(all)));
    await turn();
  }
  return done;
}

/** One file's bytes (for the live preview, which serves the files from Astro's endpoint). */
export function typeDataFile(model: ContentModel, typeId: string, year: number | 'all', ext: 'json' | 'csv'): Buffer {
  const paths = portalPaths(model.site.basePath);
  const t = reportTypes(model).find((x) => x.id === typeId)!;
  const reports = typeReports(model.reports, typeId, null);
  const years = year === 'all' ? [...new Set(reports.map((r) => r.meta.year))] : [year];
  const parts = years.map((y) => yearParts(reports.filter((r) => r.meta.year === y), paths.report));
  return Buffer.concat(ext === 'json' ? jsonFile({ id: t.id, name: t.name }, year === 'all' ? null : year, parts) : csvFile(parts));
}

