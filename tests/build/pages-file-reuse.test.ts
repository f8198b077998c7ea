/**
 * manifest-pages.json (the page snapshots `verify` compares with) on a rebuild: when no page
 * changed, the last output's file is put back (linked, not made or written again); when a page
 * changed, or the last file is not the published one any more, it is made, with the bytes an
 * uncached build gives.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { MANIFEST_FILE, PAGES_FILE } from '../../src/integrity/manifest.ts';
import { pagesFileFor } from '../../src/integrity/pages-file.ts';
import { listFiles } from '../../src/store/files.ts';
import { copySample, replaceIn } from '../integrity/sample-project.ts';
import { withoutPdf } from './projects.ts';

let project: string;
let dist: string;
const pagesFile = () => path.join(dist, PAGES_FILE);

async function rebuild(): Promise<void> {
  const result = await build({ target: project, stages: withoutPdf, cache: true });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics.slice(0, 3)));
  dist = result.outDir;
}
/** The pages file an uncached build writes for the pages now in dist/. */
const uncached = () => pagesFileFor(dist, listFiles(dist).filter((f) => f !== PAGES_FILE && f !== MANIFEST_FILE));

beforeAll(async () => {
  project = copySample('nianbao-pages-file-');
  await rebuild();
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('manifest-pages.json on a rebuild', () => {
  it('is the last output’s file, linked back, when no page changed', async () => {
    const before = statSync(pagesFile());
    const bytes = readFileSync(pagesFile(), 'utf8');
    await rebuild();
    expect(statSync(pagesFile()).ino).toBe(before.ino);
    expect(readFileSync(pagesFile(), 'utf8')).toBe(bytes);
    expect(bytes).toBe(await uncached());
  });

  it('is made again when a page changed, as an uncached build makes it', async () => {
    const before = statSync(pagesFile()).ino;
    replaceIn(project, 'content/reports/chenxi-2022-fazhi-zhengfu/08-maodun-jiufen.md', '矛盾', '矛盾纠纷');
    await rebuild();
    expect(statSync(pagesFile()).ino).not.toBe(before);
    expect(readFileSync(pagesFile(), 'utf8')).toBe(await uncached());
  });

  it('is made again when the last output’s file was changed since it was published', async () => {
    const good = readFileSync(pagesFile(), 'utf8');
    // Written through in place: the same inode, other bytes (the published file no longer matches the record).
    writeFileSync(pagesFile(), good.replace('"format"', '"formaT"'));
    await rebuild();
    expect(readFileSync(pagesFile(), 'utf8')).toBe(good);
  });
});
