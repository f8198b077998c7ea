import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { outputPaths } from '../../src/build/stage.ts';
import { stages } from '../../src/build/stages.ts';
import { docxStage, formatSize } from '../../src/docx/stage.ts';
import { PROJECT_ROOT, loadModel } from './samples.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'nianbao-docx-build-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function buildDocx(name: string): Promise<{ dir: string; log: string[] }> {
  const log: string[] = [];
  const dir = path.join(temp, name);
  const result = await build({ target: PROJECT_ROOT, outDir: dir, stages: [docxStage()], log: (m) => log.push(m) });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  return { dir, log };
}

describe('the DOCX build stage', () => {
  it('runs first, so the pages that link the files can show their sizes', () => {
    expect(stages[0]!.id).toBe('docx');
  });

  it('writes one file per report, logs its name and size, and gives the same bytes every time', async () => {
    const slugs = loadModel(PROJECT_ROOT).reports.map((r) => r.slug);
    const first = await buildDocx('first');
    const second = await buildDocx('second');
    for (const slug of slugs) {
      const name = outputPaths.docx(slug);
      const a = readFileSync(path.join(first.dir, name));
      const b = readFileSync(path.join(second.dir, name));
      expect(a.subarray(0, 2).toString()).toBe('PK');
      expect(a.equals(b), `${name} differs between builds`).toBe(true);
      expect(first.log).toContain(`    ${name}（${formatSize(statSync(path.join(first.dir, name)).size)}）`);
    }
  });
});
