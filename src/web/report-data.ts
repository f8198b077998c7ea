/**
 * Each report's own data files, data/‹报告›.json and data/‹报告›.csv (export.ts). The build writes
 * them in its own process while the portal's process renders the pages: they need no page and no
 * Astro, and at a thousand reports they are 2,000 of the portal's 4,400 files, while the build's
 * thread would only wait. A plain astro build and the live preview get the same bytes from
 * src/pages/data/[file].ts.
 */
import path from 'node:path';
import type { ContentModel } from '../content/index.ts';
import { reportCsv, reportJson } from './export.ts';
import { turn, writeDataFile, type WrittenFile } from './data-files.ts';
import { portalPaths } from './urls.ts';

/** Files written between two turns of the event loop: the portal process's reply is not kept waiting long. */
const FILES_PER_TURN = 16;

/** Writes the data files of the reports in `only` (every report's when unset) under `siteDir`. */
export async function writeReportDataFiles(siteDir: string, model: ContentModel, only?: ReadonlySet<string>): Promise<WrittenFile[]> {
  const paths = portalPaths(model.site.basePath);
  const rel = (p: string) => path.join(siteDir, p.slice(paths.base.length));
  const written: WrittenFile[] = [];
  for (const report of model.reports) {
    if (only && !only.has(report.slug)) continue;
    written.push(writeDataFile(rel(paths.dataJson(report.slug)), [Buffer.from(reportJson(report))]));
    written.push(writeDataFile(rel(paths.dataCsv(report.slug)), [Buffer.from(reportCsv(report))]));
    if (written.length % FILES_PER_TURN === 0) await turn();
  }
  return written;
}
