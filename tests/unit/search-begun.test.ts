/**
 * A year's search bundle begun before all its pages are written (beginBundle): the pages go to
 * Pagefind in the bundle's order, each once it is final, so the bundle writeSearchIndex then
 * writes from it is, byte for byte, the one it makes from the finished folder. A bundle begun for
 * other pages, one that failed, and one for a year put back unchanged are not used, and nothing waits on them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { listFiles } from '../../src/store/files.ts';
import { beginBundle, SEARCH_DIR, searchPage, writeSearchIndex, yearPages } from '../../src/web/search-index.ts';

const root = mkdtempSync(path.join(tmpdir(), 'nianbao-search-begun-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SLUGS = ['anxiang-2022-xinxi-gongkai', 'cili-2022-xinxi-gongkai', 'dingcheng-2022-xinxi-gongkai', 'hanshou-2022-xinxi-gongkai', 'linli-2022-xinxi-gongkai'];
/** Only what the index reads of a report: its address and year. */
const reports = SLUGS.map((slug) => ({ slug, meta: { year: 2022 } }) as unknown as ReportModel);
const html = (slug: string) =>
  `<!doctype html><html lang="zh-CN"><head><title>${slug}</title></head><body><article data-pagefind-body><h1 data-pagefind-meta="title">${slug}政府信息公开工作年度报告</h1><p>本年度${slug}依法办理政府信息公开申请，人民调解组织开展矛盾纠纷排查。</p><table><thead><tr><th>项目</th><th>本年新收</th></tr></thead><tbody><tr><th>自然人</th><td>${slug.length}件</td></tr></tbody></table></article></body></html>`;

function site(name: string, slugs: readonly string[]): string {
  const dir = path.join(root, name);
  for (const slug of slugs) writePage(dir, slug);
  return dir;
}
function writePage(dir: string, slug: string): void {
  const file = path.join(dir, searchPage(slug));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, html(slug));
}
const bundle = (dir: string) => Object.fromEntries(listFiles(path.join(dir, SEARCH_DIR)).map((f) => [f, readFileSync(path.join(dir, SEARCH_DIR, f)).toString('base64')]));

describe('a search bundle begun ahead', () => {
  const whole = site('whole', SLUGS);
  let expected: Record<string, string>;

  it('is, once its last pages are written, the bundle of the finished folder', async () => {
    expect((await writeSearchIndex(whole, reports)).begun).toEqual([]);
    expected = bundle(whole);
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    // The third page in the bundle's order is rendered late: the two before it are indexed at once.
    const dir = site('late', SLUGS.filter((_, i) => i !== 2));
    let written!: () => void;
    const rendered = new Promise<void>((resolve) => (written = resolve));
    const read: string[] = [];
    const [year] = yearPages(reports);
    const begun = beginBundle(year!.name, year!.pages, async (page) => {
      if (page === searchPage(SLUGS[2]!)) await rendered;
      read.push(page);
      return readFileSync(path.join(dir, page), 'utf8');
    });
    // The pages before the late one are read without waiting for it; the ones after, not before it.
    await vi.waitFor(() => expect(read).toHaveLength(2), { timeout: 120_000, interval: 20 });
    expect(read).toEqual(SLUGS.slice(0, 2).map(searchPage));
    writePage(dir, SLUGS[2]!);
    written();
    const done = await writeSearchIndex(dir, reports, undefined, undefined, [begun]);
    expect(done).toMatchObject({ indexed: ['2022'], begun: ['2022'] });
    expect(read).toEqual(SLUGS.map(searchPage));
    expect(bundle(dir)).toEqual(expected);
  });

  it('is not used for other pages, or when it failed; the year is indexed as usual', async () => {
    const dir = site('other', SLUGS);
    const fewer = beginBundle('2022', SLUGS.slice(1).map(searchPage), async (page) => readFileSync(path.join(dir, page), 'utf8'));
    expect(await writeSearchIndex(dir, reports, undefined, undefined, [fewer])).toMatchObject({ indexed: ['2022'], begun: [] });
    expect(bundle(dir)).toEqual(expected);
    const failing = beginBundle('2022', yearPages(reports)[0]!.pages, async () => {
      throw new Error('页面没有生成');
    });
    expect(await writeSearchIndex(dir, reports, undefined, undefined, [failing])).toMatchObject({ indexed: ['2022'], begun: [] });
    expect(bundle(dir)).toEqual(expected);
  });

  it('is dropped, unfinished, when the year is put back unchanged', async () => {
    const dir = site('reused', SLUGS);
    // Its last page never comes: the index must neither wait for it nor use what it has.
    const waiting = beginBundle('2022', yearPages(reports)[0]!.pages, (page) => (page === searchPage(SLUGS[4]!) ? new Promise<string>(() => {}) : Promise.resolve(readFileSync(path.join(dir, page), 'utf8'))));
    const done = await writeSearchIndex(dir, reports, () => true, undefined, [waiting]);
    expect(done).toEqual({ indexed: [], reused: ['2022'], begun: [] });
  });
});
