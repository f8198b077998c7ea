/**
 * The OFD conversion made ready ahead of its stage when a build converts a handful of reports on
 * its own thread (src/ofd/prepare.ts): nothing for none, nor for as many as go to worker threads;
 * for a handful, the official cuts of the print's faces are held before any conversion asks for them.
 * Preparing changes no byte: a report converted after it equals the same report converted by a
 * fresh thread that prepared nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import type { OfdResult } from '../../src/ofd/convert.ts';
import { heldFontFiles, heldOfficialCuts } from '../../src/ofd/faces.ts';
import { filingOfd, prepareAhead, publicOfd } from '../../src/ofd/format.ts';
import { OFD_THREAD } from '../../src/ofd/stage.ts';
import convertJob, { type OfdJob } from '../../src/ofd/worker.ts';
import { WORKERS_FROM } from '../../src/ofd/workers-from.ts';
import { reportDocumentInfo } from '../../src/pdf/document-info.ts';
import { printFaceFonts } from '../../src/pdf/print-font-subsets.ts';
import { nowWaiting } from '../../src/pipeline/while-waiting.ts';
import { threadPool } from '../../src/pipeline/worker-threads.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

describe('the OFD conversion prepared ahead', () => {
  it('is what both OFD formats start ahead of their stage', () => {
    expect(publicOfd.prestart).toBe(prepareAhead);
    expect(filingOfd.prestart).toBe(prepareAhead);
  });

  it('is not begun for no report, nor for as many reports as the worker threads take', () => {
    expect(prepareAhead(0, '/nonexistent')).toBeUndefined();
    expect(prepareAhead(WORKERS_FROM, '/nonexistent')).toBeUndefined();
    expect(heldOfficialCuts()).toEqual([]);
  });

  it('holds the official cuts of the print’s installed faces for a handful of reports, before any conversion, and no whole font file', async () => {
    const prepared = prepareAhead(WORKERS_FROM - 1, '/nonexistent');
    // Queued until the build's thread waits on the portal's process.
    expect(heldOfficialCuts()).toEqual([]);
    nowWaiting();
    await prepared;
    const faces = [...new Set(printFaceFonts().map((f) => `${f.file}#${f.index}`))];
    // The print's CJK faces and its Latin face, installed by scripts/setup.sh.
    expect(faces.length).toBeGreaterThanOrEqual(3);
    expect(heldOfficialCuts().sort()).toEqual(faces.sort());
    // The files are 20–30 MB each: the conversion of text within the official set never reads them.
    expect(heldFontFiles()).toEqual([]);
  });

  it('gives the same OFD bytes as a fresh thread that prepared nothing', async () => {
    const { project, dist } = await sharedBuild('ndbg');
    const loaded = loadContent(project);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const fontsDir = path.join(project, 'fonts');
    const pool = threadPool<OfdJob, OfdResult>(new URL('../../src/ofd/worker.ts', import.meta.url), 1, OFD_THREAD);
    try {
      const prepared = prepareAhead(1, project);
      nowWaiting();
      await prepared;
      for (const report of loaded.model.reports) {
        const job: OfdJob = { pdfFile: path.join(dist, 'downloads', `${report.slug}.pdf`), info: reportDocumentInfo(report), fontsDir };
        expect(readFileSync(job.pdfFile).length).toBeGreaterThan(10_000);
        const fresh = await pool.run(job);
        const prepared = await convertJob(job);
        expect(prepared.pages).toBeGreaterThan(1);
        expect(prepared.pages).toBe(fresh.pages);
        expect(Buffer.from(prepared.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
      }
      // The samples' text is within the official character set: cut from the official cuts alone.
      expect(heldFontFiles()).toEqual([]);
    } finally {
      await pool.destroy();
    }
  });
});
