import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { docxFile } from '../../src/docx/output-file.ts';
import { stages } from '../../src/build/stages.ts';
import { docxStage, formatSize } from '../../src/docx/stage.ts';
import { copySample } from '../integrity/sample-project.ts';
import { FAZHI, PROJECT_ROOT, loadModel, sampleReport } from './samples.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'nianbao-docx-build-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function buildDocx(name: string, threads: number): Promise<{ dir: string; log: string[] }> {
  const log: string[] = [];
  const dir = path.join(temp, name);
  const result = await build({ target: PROJECT_ROOT, outDir: dir, stages: [docxStage({ threads })], log: (m) => log.push(m) });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  return { dir, log };
}

describe('the DOCX build stage', () => {
  it('runs first, so the pages that link the files can show their sizes', () => {
    expect(stages[0]!.id).toBe('docx');
  });

  // Two builds of every report of the county year: in worker threads and on the main thread.
  it('writes one file per report and logs its name and size; the same bytes every time, in worker threads or on the main thread', async () => {
    const slugs = loadModel(PROJECT_ROOT).reports.map((r) => r.slug);
    const threaded = await buildDocx('threaded', 2);
    const inline = await buildDocx('inline', 0);
    for (const slug of slugs) {
      const name = docxFile('public')(slug);
      const a = readFileSync(path.join(threaded.dir, name));
      const b = readFileSync(path.join(inline.dir, name));
      expect(a.subarray(0, 2).toString()).toBe('PK');
      expect(a.equals(b), `${name} differs between builds`).toBe(true);
      for (const { dir, log } of [threaded, inline]) expect(log).toContain(`    ${name}（${formatSize(statSync(path.join(dir, name)).size)}）`);
    }
  });
});

describe('the Word file’s bytes', () => {
  // The two 辰溪 samples only: each process loads its project.
  const samples = copySample('nianbao-docx-tz-');
  afterAll(() => rmSync(samples, { recursive: true, force: true }));
  /** Renders a sample in a process of its own with the given time zone and returns the file. */
  function renderIn(tz: string, slug: string): Buffer {
    const script = `
      import { freshModel } from ${JSON.stringify(path.join(import.meta.dirname, 'samples.ts'))};
      import { renderReportDocx } from ${JSON.stringify(path.join(import.meta.dirname, '../../src/docx/render.ts'))};
      const model = freshModel(${JSON.stringify(samples)});
      const bytes = await renderReportDocx(model.reports.find((r) => r.slug === ${JSON.stringify(slug)}), { root: model.root });
      process.stdout.write(Buffer.from(bytes).toString('base64'));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, maxBuffer: 64 << 20 });
    return Buffer.from(out.toString(), 'base64');
  }

  it('are the same whatever the time zone of the build, and every entry is dated by the 成文日期', () => {
    const utc = renderIn('UTC', FAZHI);
    const shanghai = renderIn('Asia/Shanghai', FAZHI);
    const newYork = renderIn('America/New_York', FAZHI);
    expect(shanghai.equals(utc), 'Asia/Shanghai vs UTC').toBe(true);
    expect(newYork.equals(utc), 'America/New_York vs UTC').toBe(true);

    // Every local file header (PK\3\4) carries the DOS date of the 成文日期 and no time of day.
    const { report } = sampleReport(FAZHI);
    const [y, m, d] = report.meta.writtenDate.split('-').map(Number) as [number, number, number];
    const dosDate = ((y - 1980) << 9) | (m << 5) | d;
    const names: string[] = [];
    for (let at = utc.indexOf('PK\x03\x04'); at >= 0; at = utc.indexOf('PK\x03\x04', at + 4)) {
      expect(utc.readUInt16LE(at + 10), 'time of day').toBe(0);
      expect(utc.readUInt16LE(at + 12), 'date').toBe(dosDate);
      names.push(utc.toString('utf8', at + 30, at + 30 + utc.readUInt16LE(at + 26)));
    }
    expect(names[0]).toBe('[Content_Types].xml');
    expect(names).toContain('word/document.xml');
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
  });
});
