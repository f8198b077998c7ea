/**
 * Each report's data files (src/web/report-data.ts), written by the build's own process while the
 * portal's renders the pages: the bytes of export.ts's functions, which the Astro endpoint of a plain
 * astro build and the preview serves (tests/web/build.test.ts builds one), under the site's sub-path
 * layout, only the reports asked for in an incremental build, and digests that are the files'.
 */
import { createHash } from 'node:crypto';
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { hasRollupColumns, reportCsv, reportJson } from '../../src/web/export.ts';
import { reportFileChunks, reportParts, writeReportDataFiles } from '../../src/web/report-data.ts';
import { writeTypeDataFiles, type ReportFilesBeside } from '../../src/web/type-data.ts';
import { sampleModel } from './sample-model.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nianbao-report-data-'));
  dirs.push(d);
  return d;
};

describe("each report's data files", () => {
  const model = sampleModel();

  it('are the bytes of reportJson and reportCsv, two per report, with their own digests', async () => {
    const dir = tempDir();
    const written = await writeReportDataFiles(dir, model);
    expect(model.reports.length).toBeGreaterThan(5);
    expect(readdirSync(path.join(dir, 'data')).sort()).toEqual(model.reports.flatMap((r) => [`${r.slug}.csv`, `${r.slug}.json`]).sort());
    for (const r of model.reports) {
      expect(readFileSync(path.join(dir, 'data', `${r.slug}.json`), 'utf8'), r.slug).toBe(reportJson(r));
      expect(readFileSync(path.join(dir, 'data', `${r.slug}.csv`), 'utf8'), r.slug).toBe(reportCsv(r));
    }
    expect(written).toHaveLength(model.reports.length * 2);
    for (const { file, size, sha256 } of written) {
      const bytes = readFileSync(file);
      expect(size, file).toBe(bytes.length);
      expect(sha256, file).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // Nothing half-written is left beside them.
    expect(readdirSync(path.join(dir, 'data')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('are the same bytes when a first build writes them beside the combined files, from the rows serialised for those', async () => {
    const dir = tempDir();
    const beside: ReportFilesBeside = { reports: new Set(), written: [] };
    const combined = await writeTypeDataFiles(dir, model, undefined, undefined, beside);
    expect([...beside.reports].sort()).toEqual(model.reports.map((r) => r.slug).sort());
    // A county government's report with roll-up columns in its CSV, and reports without.
    expect(model.reports.some(hasRollupColumns)).toBe(true);
    expect(model.reports.some((r) => !hasRollupColumns(r))).toBe(true);
    for (const r of model.reports) {
      expect(readFileSync(path.join(dir, 'data', `${r.slug}.json`), 'utf8'), r.slug).toBe(reportJson(r));
      expect(readFileSync(path.join(dir, 'data', `${r.slug}.csv`), 'utf8'), r.slug).toBe(reportCsv(r));
    }
    expect(beside.written).toHaveLength(model.reports.length * 2);
    expect(combined.written.map((w) => w.file)).not.toContain(beside.written[0]!.file);
    for (const { file, size, sha256 } of beside.written) {
      const bytes = readFileSync(file);
      expect(size, file).toBe(bytes.length);
      expect(sha256, file).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('are the bytes of reportJson and reportCsv from the shared parts for a report without metrics, without roll-ups, or with both', () => {
    const variants = model.reports.flatMap((r): ReportModel[] => [
      r,
      { ...r, slug: `${r.slug}-bare`, sections: r.sections.map((s) => ({ ...s, metricIds: [] })) },
      { ...r, slug: `${r.slug}-alone`, rollups: [] },
    ]);
    expect(variants.some((r) => reportParts(r).rows.length === 0)).toBe(true);
    for (const r of variants) {
      const chunks = reportFileChunks(r, reportParts(r));
      expect(Buffer.concat(chunks.json).toString('utf8'), r.slug).toBe(reportJson(r));
      expect(Buffer.concat(chunks.csv).toString('utf8'), r.slug).toBe(reportCsv(r));
    }
  });

  it('are only the reports an incremental build renders, in the site folder whatever the sub-path', async () => {
    const dir = tempDir();
    const only = new Set([model.reports[0]!.slug, model.reports.at(-1)!.slug]);
    const onSubPath = { ...model, site: { ...model.site, basePath: '/fzzfjs/' } };
    const written = await writeReportDataFiles(dir, onSubPath, only);
    expect(written.map((w) => path.relative(dir, w.file)).sort()).toEqual([...only].flatMap((s) => [`data/${s}.csv`, `data/${s}.json`]).sort());
    expect(readdirSync(dir)).toEqual(['data']);
  });

  it('replace a file of the same name without writing through it (it may be the last output’s, linked)', async () => {
    const dir = tempDir();
    const r = model.reports[0]!;
    await writeReportDataFiles(dir, model, new Set([r.slug]));
    const file = path.join(dir, 'data', `${r.slug}.json`);
    const linked = path.join(tempDir(), 'last.json');
    writeFileSync(linked, 'the last output');
    unlinkSync(file);
    linkSync(linked, file);
    await writeReportDataFiles(dir, model, new Set([r.slug]));
    expect(readFileSync(file, 'utf8')).toBe(reportJson(r));
    expect(readFileSync(linked, 'utf8')).toBe('the last output');
  });
});
