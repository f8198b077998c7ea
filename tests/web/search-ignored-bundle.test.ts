/**
 * Pagefind is sent the report pages without their `data-pagefind-ignore` elements
 * (withoutIgnoredElements, src/web/search-text.ts): the search bundles it writes must be the very
 * bytes it writes when sent the whole pages, which it reads without those elements' text. Checked
 * on the sample pages as the portal renders them (tables of contents, charts, tools, downloads).
 * And pages are sent ahead of Pagefind's answers (a year's pages at once): the bundles must be
 * those of pages sent one at a time, each answer awaited.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { withoutDownloadLinks } from '../../src/web/downloads.ts';
import { SEARCH_DIR, searchShards, writeSearchIndex, type SearchTexts } from '../../src/web/search-index.ts';
import { searchableHtml, withoutIgnoredElements } from '../../src/web/search-text.ts';
import { listFiles } from '../../src/store/files.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every file of the search bundles, by path, as bytes in hex (compared whole). */
const bundles = (site: string) => Object.fromEntries(listFiles(path.join(site, SEARCH_DIR)).map((f) => [f, readFileSync(path.join(site, SEARCH_DIR, f)).toString('hex')]));

describe('what Pagefind is sent of a report page', () => {
  it('leaves out the ignored elements, and the bundles are the same bytes as from the whole pages', async () => {
    const { dist } = await sharedBuild('ndbg-pages');
    const root = mkdtempSync(path.join(tmpdir(), 'nianbao-search-ignored-'));
    dirs.push(root);
    const copy = (name: string): string => {
      const site = path.join(root, name);
      cpSync(dist, site, { recursive: true });
      rmSync(path.join(site, SEARCH_DIR), { recursive: true, force: true });
      return site;
    };
    const cut = copy('cut');
    const whole = copy('whole');
    const slugs = readdirSync(path.join(dist, 'reports')).filter((s) => /-\d{4}-/.test(s));
    expect(slugs.length).toBeGreaterThanOrEqual(2);
    const reports = slugs.map((slug) => ({ slug, meta: { year: Number(/-(\d{4})-/.exec(slug)![1]) } }) as unknown as ReportModel);
    // What the pages hold that Pagefind leaves out.
    const pages = slugs.map((s) => readFileSync(path.join(dist, 'reports', s, 'index.html'), 'utf8'));
    for (const mark of ['class="toc"', 'chart-figure', 'report-tools']) expect(pages.some((p) => p.includes(mark)), mark).toBe(true);
    const sent: number[] = [];
    const cutTexts: SearchTexts = { get: () => undefined, set: (_, text) => void sent.push(text.length), keepOnly: () => {} };
    await writeSearchIndex(cut, reports, undefined, undefined, cutTexts);
    // The whole pages (tables as statements, download links out, as before), by each page's search key.
    const byKey = new Map<string, string>(
      searchShards(whole, reports).flatMap((s) => s.pageKeys.map((key, i): [string, string] => [key, searchableHtml(withoutDownloadLinks(readFileSync(path.join(whole, s.pages[i]!), 'utf8')))])),
    );
    const wholeTexts: SearchTexts = { get: (key) => byKey.get(key), set: () => {}, keepOnly: () => {} };
    await writeSearchIndex(whole, reports, undefined, undefined, wholeTexts);
    const sentWhole = [...byKey.values()].reduce((n, t) => n + t.length, 0);
    expect(sent.reduce((a, b) => a + b, 0)).toBeLessThan(sentWhole * 0.9);
    expect(Object.keys(bundles(cut)).length).toBeGreaterThan(5);
    expect(bundles(cut)).toEqual(bundles(whole));
    // And the text sent is the whole page's with the marked elements cut.
    const [first] = [...byKey.values()];
    expect(first).toContain('data-pagefind-ignore');
    expect(withoutIgnoredElements(first!)).not.toContain('data-pagefind-ignore');
  });

  it('is the same bundle whether a year’s pages are sent ahead of the answers or one at a time', async () => {
    const { dist } = await sharedBuild('ndbg-pages');
    const root = mkdtempSync(path.join(tmpdir(), 'nianbao-search-ahead-'));
    dirs.push(root);
    // A year of 24 pages: the samples' pages, each copied under new names with a few words of its own.
    const site = path.join(root, 'site');
    const samples = readdirSync(path.join(dist, 'reports')).filter((s) => /-\d{4}-/.test(s));
    const reports: ReportModel[] = [];
    for (let k = 0; k < 12; k++) {
      for (const slug of samples) {
        const html = readFileSync(path.join(dist, 'reports', slug, 'index.html'), 'utf8').replace('<h1', `<p>第${k}份副本，编号${k * 7}。</p><h1`);
        mkdirSync(path.join(site, 'reports', `${slug}-${k}`), { recursive: true });
        writeFileSync(path.join(site, 'reports', `${slug}-${k}`, 'index.html'), html);
        reports.push({ slug: `${slug}-${k}`, meta: { year: 2022 } } as unknown as ReportModel);
      }
    }
    await writeSearchIndex(site, reports);
    const ahead = bundles(site);
    // One page at a time, each answer awaited, in the same order and with the same texts.
    const [shard] = searchShards(site, reports);
    expect(shard!.pages).toHaveLength(24);
    const one = path.join(root, 'one');
    const { index } = await createIndex({ forceLanguage: 'zh-cn' });
    for (const page of shard!.pages) {
      const content = searchableHtml(withoutIgnoredElements(withoutDownloadLinks(readFileSync(path.join(site, page), 'utf8'))));
      expect((await index!.addHTMLFile({ sourcePath: page, content })).errors).toEqual([]);
    }
    await index!.writeFiles({ outputPath: path.join(one, SEARCH_DIR, shard!.name) });
    await close();
    const single = bundles(one);
    const fragments = Object.keys(ahead).filter((f) => f.includes('/fragment/'));
    expect(fragments).toHaveLength(24);
    // Pagefind's own interface files, which the build removes, are the only ones besides the shard list that differ.
    expect(Object.keys(single).filter((f) => !(f in ahead)).every((f) => /pagefind-(modular-|component-)?(ui|highlight)/.test(f))).toBe(true);
    for (const [file, bytes] of Object.entries(ahead)) if (file !== 'shards.json') expect(single[file], file).toBe(bytes);
  });
});
