/**
 * A report's inputs in the build cache's keys (BuildCache.reportInputs): its folder's digest as the
 * load took it (not a second walk of the folder), the files under content/ outside the report
 * folders, and its template, whose digest is taken once for all the reports that share it.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildCache, sharedContentFiles } from '../../src/build/cache.ts';
import { loadContent } from '../../src/content/index.ts';
import { hashReportFolder } from '../../src/content/cache.ts';
import { listFiles } from '../../src/store/files.ts';
import { TWO_SAMPLES } from '../integrity/sample-project.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const root = mkdtempSync(path.join(tmpdir(), 'nianbao-report-inputs-'));
for (const file of ['site.yaml', 'issuers.yaml']) cpSync(path.join(REPO, 'content', file), path.join(root, 'content', file));
for (const slug of TWO_SAMPLES) cpSync(path.join(REPO, 'content/reports', slug), path.join(root, 'content/reports', slug), { recursive: true });
cpSync(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
const cacheDir = path.join(root, '.cache/nianbao');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function load() {
  const loaded = loadContent(root, { cacheDir });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics.slice(0, 3)));
  return loaded;
}
const inputsOf = (cache: BuildCache, model: ReturnType<typeof load>['model']) => model.reports.map((r) => cache.reportInputs(r));

describe('a report’s inputs in the cache keys', () => {
  it('take the folder digests the load took, the same as reading the folders again', () => {
    const loaded = load();
    const folders = loaded.cache!.folders;
    expect([...folders.keys()].sort()).toEqual(loaded.model.reports.map((r) => r.dir).sort());
    for (const r of loaded.model.reports) expect(folders.get(r.dir)).toBe(hashReportFolder(r.dir));
    expect(inputsOf(new BuildCache(cacheDir, loaded.model, folders), loaded.model)).toEqual(inputsOf(new BuildCache(cacheDir, loaded.model), loaded.model));
  });

  it('describe the files the model was read from, even when one changes after the load', () => {
    const loaded = load();
    const withFolders = new BuildCache(cacheDir, loaded.model, loaded.cache!.folders);
    const before = inputsOf(new BuildCache(cacheDir, loaded.model), loaded.model);
    appendFileSync(path.join(loaded.model.reports[0]!.dir, 'report.yaml'), '\n# 读取之后的改动\n');
    // Given the load's digests, the folder is not walked again: the key is the model's.
    expect(inputsOf(withFolders, loaded.model)).toEqual(before);
    // Without them, the folder as it is now.
    expect(inputsOf(new BuildCache(cacheDir, loaded.model), loaded.model)[0]).not.toBe(before[0]);
  });

  it('change with a file under content/ outside the report folders, and not with site.yaml', () => {
    const inputs = () => {
      const loaded = load();
      return inputsOf(new BuildCache(cacheDir, loaded.model, loaded.cache!.folders), loaded.model);
    };
    const before = inputs();
    appendFileSync(path.join(root, 'content/site.yaml'), '\n# 注释\n');
    expect(inputs()).toEqual(before);
    mkdirSync(path.join(root, 'content/images'), { recursive: true });
    writeFileSync(path.join(root, 'content/images/logo.svg'), '<svg/>');
    const after = inputs();
    for (const [i, key] of after.entries()) expect(key).not.toBe(before[i]);
  });

  it('list the shared files as a walk of the whole content folder would, without walking the report folders', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-shared-files-'));
    try {
      for (const file of ['site.yaml', 'issuers.yaml', 'a.png', 'reports/x/report.yaml', 'reports/x/01.md', 'reports-old/y.md', 'reportsx', 'shared/b/c.png', 'Z.txt', 'shared/site.yaml']) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), file);
      }
      const expected = listFiles(dir).filter((f) => !f.startsWith('reports/') && f !== 'site.yaml');
      expect(sharedContentFiles(dir)).toEqual(expected);
      expect(expected).toEqual(['Z.txt', 'a.png', 'issuers.yaml', 'reports-old/y.md', 'reportsx', 'shared/b/c.png', 'shared/site.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
