/**
 * Each report's own data files, data/‹报告›.json and data/‹报告›.csv (export.ts). The build writes
 * them in its own process while the portal's process renders the pages: they need no page and no
 * Astro, and at a thousand reports they are 2,000 of the portal's 4,400 files, while the build's
 * thread would only wait. A first build writes them as it makes the combined files of their type
 * and year, from the same serialised rows (type-data.ts). A plain astro build and the live preview
 * get the same bytes from src/pages/data/[file].ts.
 */
import path from 'node:path';
import type { ContentModel, ReportModel } from '../content/index.ts';
import { CSV_HEADER, csvField, dataRows, hasRollupColumns, reportCsv, reportDataHead, typeCsvLines } from './export.ts';
import { turn, writeDataFile, type WrittenFile } from './data-files.ts';
import { portalPaths } from './urls.ts';

/** Files written between two turns of the event loop: the portal process's reply is not kept waiting long. */
const FILES_PER_TURN = 16;

const ELEMENT_PAD = '    ';

/** An element of an array that is a top-level property, as JSON.stringify(file, null, 2) writes it. */
export const arrayElement = (value: unknown): string => `${ELEMENT_PAD}${JSON.stringify(value, null, 2).replaceAll('\n', `\n${ELEMENT_PAD}`)}`;

/** The UTF-8 byte-order mark and the header line every data CSV begins with. */
export const CSV_HEAD = `\uFEFF${CSV_HEADER.map(csvField).join(',')}\r\n`;

/**
 * A report's rows serialised once, for its own files and its type's combined ones, where they are
 * the same bytes: the rows as elements of a top-level array (`metrics` of its own JSON, `rows` of
 * the combined), joined by ",\n", and its CSV data lines joined by CRLF. Either may be empty.
 */
export interface ReportParts {
  rows: Buffer;
  csv: Buffer;
}

export function reportParts(report: ReportModel): ReportParts {
  return { rows: Buffer.from(dataRows(report).map(arrayElement).join(',\n')), csv: Buffer.from(typeCsvLines(report).join('\r\n')) };
}

/**
 * The report's own JSON and CSV files from its parts: the bytes of reportJson and reportCsv (a
 * report with roll-ups has more CSV columns than the combined files, and its CSV is made apart).
 */
export function reportFileChunks(report: ReportModel, parts: ReportParts): { json: Buffer[]; csv: Buffer[] } {
  // The head's properties, then `metrics` and `rollups`, as JSON.stringify(reportData(report), null, 2) writes them.
  const head = JSON.stringify(reportDataHead(report), null, 2).slice(0, -2);
  const tail = `,\n  "rollups": ${JSON.stringify(report.rollups, null, 2).replaceAll('\n', '\n  ')}\n}\n`;
  const json = parts.rows.length
    ? [Buffer.from(`${head},\n  "metrics": [\n`), parts.rows, Buffer.from(`\n  ]${tail}`)]
    : [Buffer.from(`${head},\n  "metrics": []${tail}`)];
  if (hasRollupColumns(report)) return { json, csv: [Buffer.from(reportCsv(report))] };
  return { json, csv: parts.csv.length ? [Buffer.from(CSV_HEAD), parts.csv, Buffer.from('\r\n')] : [Buffer.from(CSV_HEAD)] };
}

/** Writes one report's two data files under `siteDir` from its parts. */
export function writeReportFiles(siteDir: string, base: string, report: ReportModel, parts: ReportParts): WrittenFile[] {
  const paths = portalPaths(base);
  const rel = (p: string) => path.join(siteDir, p.slice(paths.base.length));
  const chunks = reportFileChunks(report, parts);
  return [writeDataFile(rel(paths.dataJson(report.slug)), chunks.json), writeDataFile(rel(paths.dataCsv(report.slug)), chunks.csv)];
}

/** Writes the data files of the reports in `only` (every report's when unset) under `siteDir`. */
export async function writeReportDataFiles(siteDir: string, model: ContentModel, only?: ReadonlySet<string>): Promise<WrittenFile[]> {
  const written: WrittenFile[] = [];
  for (const report of model.reports) {
    if (only && !only.has(report.slug)) continue;
    written.push(...writeReportFiles(siteDir, model.site.basePath, report, reportParts(report)));
    if (written.length % FILES_PER_TURN === 0) await turn();
  }
  return written;
}
