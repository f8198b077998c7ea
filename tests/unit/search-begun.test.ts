/**
 * A rebuild begins indexing an edited year while the portal renders (beginSearchIndex): the pages
 * before the first one to render go to Pagefind early, the rest once in place, and the bundle is
 * byte for byte the one a build indexing every page in order makes. Pagefind's bundle depends on
 * the order pages are added, which is why only that prefix may go early.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { SearchKeyMemo } from '../../src/build/search-key-memo.ts';
import { SearchTextMemo } from '../../src/build/search-text-memo.ts';
import { OutputDigests } from '../../src/pipeline/output-digests.ts';
import { sha256 } from '../../src/store/cache-store.ts';
import { listFiles } from '../../src/store/files.ts';
import { BUNDLE_PAGES, beginSearchIndex, parseShardList, searchBundles, writeSearchIndex } from '../../src/web/search-index.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const report = (slug: string, year: number) => ({ slug, meta: { year } }) as unknown as ReportModel;
const reports = [...['a', 'b', 'c', 'd', 'e'].map((s) => report(`${s}-2022`, 2022)), report('f-2021', 2021), report('g-2021', 2021)];
const pageRel = (slug: string) => `reports/${slug}/index.html`;
const html = (slug: string, extra = '') =>
  `<html lang="zh-CN"><body><main data-pagefind-body><h1>${slug} 年度报告</h1><p>${slug} 的正文：行政许可、行政处罚与政府信息公开${extra}。</p></main></body></html>`;

function writeSite(dir: string, pages: Record<string, string>): void {
  for (const [slug, text] of Object.entries(pages)) {
    mkdirSync(path.join(dir, 'reports', slug), { recursive: true });
    writeFileSync(path.join(dir, pageRel(slug)), text);
  }
}

const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `nianbao-${name}-`));
  dirs.push(dir);
  return dir;
};
const original = Object.fromEntries(reports.map((r) => [r.slug, html(r.slug)]));
const edited = { ...original, 'd-2022': html('d-2022', '，补充一句') };
/** A year's bundle, file by file (names carry Pagefind's hashes of the content). */
const bundleOf = (site: string, year: string) => {
  const dir = path.join(site, 'pagefind', year);
  return Object.fromEntries(listFiles(dir).map((f) => [f, sha256(readFileSync(path.join(dir, f)))]));
};

/** What the last build published: the site with its search memos filled, and each page's digest. */
async function published(): Promise<{ site: string; cache: string; digestOf: (rel: string) => string | undefined }> {
  const root = tempDir('search-begun');
  const site = path.join(root, 'site');
  const cache = path.join(root, 'cache');
  writeSite(site, original);
  await writeSearchIndex(site, reports, undefined, new SearchKeyMemo(cache), new SearchTextMemo(cache));
  const digests = new Map(reports.map((r) => [pageRel(r.slug), sha256(readFileSync(path.join(site, pageRel(r.slug))))]));
  return { site, cache, digestOf: (rel) => digests.get(rel) };
}

/** The rebuild's site after the render: the edited page written, the others put back with their digests recorded. */
function rendered(site: string, pages: Record<string, string>, renderOnly: ReadonlySet<string>): OutputDigests {
  const digests = new OutputDigests();
  // A build's folder is new: no bundle of the last build in it.
  rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
  writeSite(site, pages);
  for (const r of reports) {
    if (renderOnly.has(r.slug)) continue;
    const bytes = readFileSync(path.join(site, pageRel(r.slug)));
    digests.record(path.join(site, pageRel(r.slug)), { size: bytes.byteLength, sha256: sha256(bytes) });
  }
  return digests;
}

/** Pagefind's processes started by this test process, still running (a killed one ends soon after; zombies aside). */
const pagefindChildren = () =>
  execFileSync('ps', ['-o', 'stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => /^\s*[^Z\s]\S*\s+pagefind/.test(l)).length;
/** Every Pagefind service closed: its process gone (waited for, as killing is not instant). */
const allClosed = () => expect.poll(pagefindChildren, { timeout: 30_000, interval: 50 }).toBe(0);

describe('beginning a year’s search index while the pages render', () => {
  it('makes a bundle in another order differ: the reason only the pages before the first rendered one go early', async () => {
    const site = tempDir('search-order');
    writeSite(site, original);
    const year = reports.filter((r) => r.meta.year === 2022).map((r) => pageRel(r.slug));
    const bundles: Record<string, string>[] = [];
    for (const order of [year, [...year.slice(3), ...year.slice(0, 3)]]) {
      const { index } = await createIndex({ forceLanguage: 'zh-cn' });
      for (const rel of order) await index!.addHTMLFile({ sourcePath: rel, content: readFileSync(path.join(site, rel), 'utf8') });
      const out = path.join(site, `bundle-${bundles.length}`);
      await index!.writeFiles({ outputPath: out });
      bundles.push(Object.fromEntries(listFiles(out).map((f) => [f, sha256(readFileSync(path.join(out, f)))])));
    }
    await close();
    expect(bundles[1]).not.toEqual(bundles[0]);
  });

  it('sends the pages before the edited one early, and writes the bundle a build from scratch writes', async () => {
    const { site, cache, digestOf } = await published();
    const cold = tempDir('search-cold');
    writeSite(cold, edited);
    await writeSearchIndex(cold, reports);

    const renderOnly = new Set(['d-2022', 'g-2021']);
    const keys = new SearchKeyMemo(cache);
    // g-2021 is rendered for its series' sake only: its year is not begun.
    const begun = await beginSearchIndex(reports, renderOnly, new Set(['d-2022']), (rel) => keys.ofDigest(digestOf(rel)!), new SearchTextMemo(cache));
    expect([...begun.feeds.keys()]).toEqual(['2022']);
    expect(begun.feeds.get('2022')!.sent.map((s) => s.page)).toEqual(['a-2022', 'b-2022', 'c-2022'].map(pageRel));

    const digests = rendered(site, edited, renderOnly);
    const done = await writeSearchIndex(site, reports, undefined, new SearchKeyMemo(cache, digests), new SearchTextMemo(cache), begun);
    expect(done).toEqual({ indexed: ['2022', '2021'], reused: [], early: 3 });
    expect(bundleOf(site, '2022')).toEqual(bundleOf(cold, '2022'));
    expect(bundleOf(site, '2021')).toEqual(bundleOf(cold, '2021'));
    await allClosed();
  });

  it('stops at a page whose text it does not know, and begins nothing when the first page is the edited one', async () => {
    const { cache, digestOf } = await published();
    const keys = new SearchKeyMemo(cache);
    const texts = new SearchTextMemo(cache);
    const unknownC = { get: (key: string) => (key === keys.ofDigest(digestOf(pageRel('c-2022'))!) ? undefined : texts.get(key)), set: () => {}, keepOnly: () => {} };
    const partly = await beginSearchIndex(reports, new Set(['e-2022']), new Set(['e-2022']), (rel) => keys.ofDigest(digestOf(rel)!), unknownC);
    expect(partly.feeds.get('2022')!.sent.map((s) => s.page)).toEqual(['a-2022', 'b-2022'].map(pageRel));
    await partly.stop();
    const none = await beginSearchIndex(reports, new Set(['a-2022']), new Set(['a-2022']), (rel) => keys.ofDigest(digestOf(rel)!), texts);
    expect(none.feeds.size).toBe(0);
    await allClosed();
  });

  it('starts the year again when a page sent early is not what the rebuild put in place, and drops what it began for a year reused', async () => {
    const { site, cache, digestOf } = await published();
    const cold = tempDir('search-cold');
    const changedB = { ...edited, 'b-2022': html('b-2022', '，也改了') };
    writeSite(cold, changedB);
    await writeSearchIndex(cold, reports);

    const keys = new SearchKeyMemo(cache);
    const begun = await beginSearchIndex(reports, new Set(['d-2022']), new Set(['d-2022']), (rel) => keys.ofDigest(digestOf(rel)!), new SearchTextMemo(cache));
    expect(begun.feeds.get('2022')!.sent).toHaveLength(3);
    // b-2022 changed after all (a build that could not have known): the early pages are not the year's first.
    const digests = rendered(site, changedB, new Set(['d-2022', 'b-2022']));
    const done = await writeSearchIndex(site, reports, undefined, new SearchKeyMemo(cache, digests), new SearchTextMemo(cache), begun);
    expect(done.early).toBe(0);
    expect(bundleOf(site, '2022')).toEqual(bundleOf(cold, '2022'));

    const again = await beginSearchIndex(reports, new Set(['d-2022']), new Set(['d-2022']), (rel) => keys.ofDigest(digestOf(rel)!), new SearchTextMemo(cache));
    const reused = await writeSearchIndex(site, reports, (shard) => shard.name === '2022', new SearchKeyMemo(cache, digests), new SearchTextMemo(cache), again);
    expect(reused).toEqual({ indexed: ['2021'], reused: ['2022'], early: 0 });
    expect(again.feeds.size).toBe(0);
    await allClosed();
  });

  it('in a year split into parts, indexes again only the edited report’s part, each part as a build from scratch writes it', async () => {
    const year = Array.from({ length: BUNDLE_PAGES + 12 }, (_, i) => report(`p${String(i).padStart(3, '0')}-2023`, 2023));
    const pages = Object.fromEntries(year.map((r) => [r.slug, html(r.slug)]));
    const parts = searchBundles(year);
    expect(parts.map((b) => b.name)).toEqual(['2023-1', '2023-2']);
    // The edited report: one past the first page of its part, so that a page goes early.
    const target = parts[1]!.pages[1]!.split('/')[1]!;
    const changed = { ...pages, [target]: html(target, '，补充一句') };

    const root = tempDir('search-parts');
    const site = path.join(root, 'site');
    const cache = path.join(root, 'cache');
    writeSite(site, pages);
    await writeSearchIndex(site, year, undefined, new SearchKeyMemo(cache), new SearchTextMemo(cache));
    const last = path.join(root, 'last');
    cpSync(path.join(site, 'pagefind'), last, { recursive: true });
    const lastKeys = new Map(parseShardList(readFileSync(path.join(last, 'shards.json'), 'utf8'))!.bundles.map((b) => [b.name, b.key]));
    const digestOf = new Map(year.map((r) => [pageRel(r.slug), sha256(readFileSync(path.join(site, pageRel(r.slug))))]));

    const cold = tempDir('search-parts-cold');
    writeSite(cold, changed);
    await writeSearchIndex(cold, year);

    const keys = new SearchKeyMemo(cache);
    const begun = await beginSearchIndex(year, new Set([target]), new Set([target]), (rel) => keys.ofDigest(digestOf.get(rel)!), new SearchTextMemo(cache));
    expect([...begun.feeds.keys()]).toEqual(['2023-2']);
    expect(begun.feeds.get('2023-2')!.sent.map((s) => s.page)).toEqual([parts[1]!.pages[0]]);

    rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
    writeSite(site, changed);
    const digests = new OutputDigests();
    for (const r of year) if (r.slug !== target) digests.record(path.join(site, pageRel(r.slug)), { size: 0, sha256: digestOf.get(pageRel(r.slug))! });
    // The last build's part put back when its key is unchanged, as the build does from its last output.
    const reuse = (shard: { name: string; key: string }) => {
      if (lastKeys.get(shard.name) !== shard.key) return false;
      cpSync(path.join(last, shard.name), path.join(site, 'pagefind', shard.name), { recursive: true });
      return true;
    };
    const done = await writeSearchIndex(site, year, reuse, new SearchKeyMemo(cache, digests), new SearchTextMemo(cache), begun);
    expect(done).toEqual({ indexed: ['2023-2'], reused: ['2023-1'], early: 1 });
    for (const name of ['2023-1', '2023-2']) expect(bundleOf(site, name), name).toEqual(bundleOf(cold, name));
    expect(readFileSync(path.join(site, 'pagefind', 'shards.json'), 'utf8')).toBe(readFileSync(path.join(cold, 'pagefind', 'shards.json'), 'utf8'));
    await allClosed();
  });
});
