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
const snapshotsDir = () => path.join(project, '.cache/nianbao/page-snapshot');
/** The cache's page snapshots (entries, not their sidecars). */
const snapshotEntries = () => listFiles(snapshotsDir()).filter((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f));

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

  it('takes the unchanged pages’ snapshots out of the last output’s file when a page changed, not from their cache entries', async () => {
    // The pages' cached snapshots removed: those of unchanged pages are not needed, and not made again.
    const cached = snapshotEntries();
    expect(cached.length).toBeGreaterThan(20);
    for (const f of cached) for (const file of [f, `${f}.json`]) rmSync(path.join(snapshotsDir(), file));
    const before = readFileSync(pagesFile(), 'utf8');
    replaceIn(project, 'content/reports/chenxi-2022-fazhi-zhengfu/08-maodun-jiufen.md', '积极防范', '积极预防');
    await rebuild();
    const after = readFileSync(pagesFile(), 'utf8');
    expect(after).not.toBe(before);
    expect(after).toBe(await uncached());
    // Made now: the snapshots of the pages the edit changed, and no other.
    const changed = Object.keys(JSON.parse(after).pages).filter((rel) => JSON.stringify(JSON.parse(after).pages[rel]) !== JSON.stringify(JSON.parse(before).pages[rel]));
    expect(changed.length).toBeGreaterThan(0);
    expect(snapshotEntries()).toHaveLength(changed.length);
  });

  it('takes no snapshot from a last output’s file changed since it was published, nor from a damaged index of it', async () => {
    // The snapshot of a page the edit below leaves alone changed inside the last file, its length in
    // bytes kept: the file no longer matches what was published.
    const good = readFileSync(pagesFile(), 'utf8');
    const at = good.indexOf('辰溪县司法局', good.indexOf('"reports/chenxi-sifaju-2022-xinxi-gongkai/index.html":'));
    expect(at).toBeGreaterThan(0);
    writeFileSync(pagesFile(), `${good.slice(0, at + 5)}厅${good.slice(at + 6)}`);
    replaceIn(project, 'content/reports/chenxi-2022-fazhi-zhengfu/08-maodun-jiufen.md', '积极预防', '积极防范');
    await rebuild();
    expect(readFileSync(pagesFile(), 'utf8')).toBe(await uncached());
    // The index of the file where the snapshots lie, damaged: the cached snapshots are used instead.
    const indexDir = path.join(project, '.cache/nianbao/pages-index');
    const index = listFiles(indexDir).find((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f))!;
    expect(index).toBeDefined();
    for (const f of listFiles(indexDir).filter((x) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(x))) writeFileSync(path.join(indexDir, f), '{"format":"nianbao-pages-index/1","snapshots":[["x",0,9]]}');
    replaceIn(project, 'content/reports/chenxi-2022-fazhi-zhengfu/08-maodun-jiufen.md', '积极防范', '积极预防');
    await rebuild();
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
