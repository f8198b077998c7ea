/**
 * The search keys of pages put back from the last output come from their digests, without reading
 * the pages; the years' keys are the same as when every page is read.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { OutputDigests } from '../../src/pipeline/output-digests.ts';
import { sha256 } from '../../src/store/cache-store.ts';
import { SearchKeyMemo } from '../../src/build/search-key-memo.ts';
import { SearchTextMemo } from '../../src/build/search-text-memo.ts';
import { searchShards, writeSearchIndex } from '../../src/web/search-index.ts';
import { listFiles } from '../../src/store/files.ts';

const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (original) => (await import('../helpers/recorded-reads.ts')).recordingFs(await original(), reads));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const report = (slug: string, year: number) => ({ slug, meta: { year } }) as unknown as ReportModel;
const reports = [report('a-2022', 2022), report('b-2022', 2022), report('c-2021', 2021)];
const pageOf = (site: string, slug: string) => path.join(site, 'reports', slug, 'index.html');
const html = (text: string, size = '12 KB') => `<main><p>${text}</p><div class="downloads" data-downloads="x"><a href="x.pdf">PDF（${size}）</a></div></main>`;

function site(): { site: string; cache: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'nianbao-search-keys-'));
  dirs.push(root);
  const dir = path.join(root, 'site');
  for (const r of reports) {
    mkdirSync(path.dirname(pageOf(dir, r.slug)), { recursive: true });
    writeFileSync(pageOf(dir, r.slug), html(`${r.slug} 的正文`));
  }
  return { site: dir, cache: path.join(root, 'cache') };
}

/** Records each page's digest, as putting it back from the last output does. */
function digestsOf(dir: string): OutputDigests {
  const digests = new OutputDigests();
  for (const r of reports) {
    const bytes = readFileSync(pageOf(dir, r.slug));
    digests.record(pageOf(dir, r.slug), { size: bytes.byteLength, sha256: sha256(bytes) });
  }
  return digests;
}

const pagesRead = () => reads.filter((f) => f.endsWith('index.html'));

describe('search keys by digest', () => {
  it('gives the same year keys as reading every page, and reads no page whose digest is known', () => {
    const { site: dir, cache } = site();
    const plain = searchShards(dir, reports);
    expect(plain.map((s) => s.name)).toEqual(['2022', '2021']);
    // The first build with a cache reads every page and keeps the keys.
    expect(searchShards(dir, reports, new SearchKeyMemo(cache))).toEqual(plain);
    const digests = digestsOf(dir);
    reads.length = 0;
    expect(searchShards(dir, reports, new SearchKeyMemo(cache, digests))).toEqual(plain);
    expect(pagesRead()).toEqual([]);
  });

  it('reads a page written since its digest was recorded, and a page with no digest', () => {
    const { site: dir, cache } = site();
    const before = searchShards(dir, reports, new SearchKeyMemo(cache));
    const digests = digestsOf(dir);
    writeFileSync(pageOf(dir, 'b-2022'), html('改过的正文'));
    reads.length = 0;
    const shards = searchShards(dir, reports, new SearchKeyMemo(cache, digests));
    expect(pagesRead()).toEqual([pageOf(dir, 'b-2022')]);
    expect(shards).toEqual(searchShards(dir, reports));
    expect(shards[0]!.key).not.toBe(before[0]!.key);
    expect(shards[1]).toEqual(before[1]);
  });

  it('keeps the keys under the digests the pages are published with, once their download blocks are rewritten', () => {
    const { site: dir, cache } = site();
    const digests = new OutputDigests();
    const memo = new SearchKeyMemo(cache, digests);
    const plain = searchShards(dir, reports, memo);
    // The PDF and OFD stages rewrite every page's download block after the index is made; the manifest hashes the pages as published.
    for (const r of reports) writeFileSync(pageOf(dir, r.slug), html(`${r.slug} 的正文`, '99 KB'));
    const published = digestsOf(dir);
    for (const r of reports) digests.record(pageOf(dir, r.slug), published.lookup(pageOf(dir, r.slug))!);
    memo.saveFinal();
    // The next build knows every page by its published digest: none is read.
    reads.length = 0;
    expect(searchShards(dir, reports, new SearchKeyMemo(cache, published))).toEqual(plain);
    expect(pagesRead()).toEqual([]);
  });

  it('keys a year by its pages’ text, not by their download blocks', () => {
    const { site: dir } = site();
    const before = searchShards(dir, reports);
    writeFileSync(pageOf(dir, 'c-2021'), html('c-2021 的正文', '13 KB'));
    expect(searchShards(dir, reports)).toEqual(before);
    writeFileSync(pageOf(dir, 'c-2021'), html('c-2021 的正文，补充'));
    const after = searchShards(dir, reports);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]!.key).not.toBe(before[1]!.key);
  });

  it('ignores keys kept by other code, and keeps only the pages of the last build', () => {
    const { site: dir, cache } = site();
    const plain = searchShards(dir, reports);
    const digests = digestsOf(dir);
    const digestOfA = digests.lookup(pageOf(dir, 'a-2022'))!.sha256;
    mkdirSync(path.join(cache, 'search'), { recursive: true });
    writeFileSync(path.join(cache, 'search/keys.json'), JSON.stringify({ format: 'nianbao-search-keys/1', tool: 'another version', keys: { [digestOfA]: 'f'.repeat(64) } }));
    reads.length = 0;
    expect(searchShards(dir, reports, new SearchKeyMemo(cache, digests))).toEqual(plain);
    expect(pagesRead()).toHaveLength(3);
    searchShards(dir, [reports[0]!], new SearchKeyMemo(cache, digests));
    const kept = JSON.parse(readFileSync(path.join(cache, 'search/keys.json'), 'utf8')) as { keys: Record<string, string> };
    expect(Object.keys(kept.keys)).toEqual([digestOfA]);
  });
});

/** Every file of a folder with its bytes' SHA-256. */
const filesOf = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, sha256(readFileSync(path.join(dir, f)))]));

describe('the text Pagefind reads, kept by page key', () => {
  it('makes the same bundles, reads no page it kept the text of, and keeps only the texts of the pages on the site', async () => {
    const { site: dir, cache } = site();
    // A table, so that the kept text is the rewritten one (cell statements), not the page.
    writeFileSync(pageOf(dir, 'a-2022'), html('<table><tr><th>项目</th><th>数量</th></tr><tr><th>行政许可</th><td>128件</td></tr></table>'));
    const plainSite = mkdtempSync(path.join(tmpdir(), 'nianbao-search-plain-'));
    dirs.push(plainSite);
    for (const r of reports) {
      mkdirSync(path.dirname(pageOf(plainSite, r.slug)), { recursive: true });
      writeFileSync(pageOf(plainSite, r.slug), readFileSync(pageOf(dir, r.slug)));
    }
    await writeSearchIndex(plainSite, reports);
    await writeSearchIndex(dir, reports, undefined, new SearchKeyMemo(cache), new SearchTextMemo(cache));
    // Pagefind ignores the download block (data-pagefind-ignore), which the kept text leaves out: the bundles are the same.
    expect(filesOf(path.join(dir, 'pagefind'))).toEqual(filesOf(path.join(plainSite, 'pagefind')));
    const memo = new SearchTextMemo(cache);
    const keyOfA = searchShards(dir, reports)[0]!.pageKeys[0]!;
    expect(memo.get(keyOfA)).toContain("行政许可：128件");

    // Indexed again (its download block rewritten, as the PDF stage does): no page is read for its text.
    writeFileSync(pageOf(dir, 'b-2022'), html('b-2022 的正文', '99 KB'));
    const digests = digestsOf(dir);
    reads.length = 0;
    await writeSearchIndex(dir, reports, undefined, new SearchKeyMemo(cache, digests), new SearchTextMemo(cache));
    // b-2022's bytes are new, so it is read once for its key (the same as before), not for its text.
    expect(pagesRead()).toEqual([pageOf(dir, 'b-2022')]);
    expect(filesOf(path.join(dir, 'pagefind'))).toEqual(filesOf(path.join(plainSite, 'pagefind')));

    // A page whose text changed is read; a page gone from the site takes its text with it.
    writeFileSync(pageOf(dir, 'c-2021'), html('c-2021 的正文，补充'));
    reads.length = 0;
    await writeSearchIndex(dir, reports.slice(1), undefined, undefined, new SearchTextMemo(cache));
    // (Without digests both pages are read for their keys; then only c-2021 for its text.)
    expect(pagesRead()).toEqual([pageOf(dir, 'b-2022'), pageOf(dir, 'c-2021'), pageOf(dir, 'c-2021')]);
    expect(memo.get(keyOfA)).toBeUndefined();
  });
});
