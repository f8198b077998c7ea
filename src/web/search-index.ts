/**
 * The Chinese full-text index, by Pagefind's extended build (it segments Chinese words), over the
 * report pages (the only ones marked for search). Pagefind can't update an index, so the index is
 * split by year: one bundle per year under <site>/pagefind/<year>/, listed newest first in
 * pagefind/shards.json with a key over the pages it holds. The search page loads the newest bundle
 * and merges the others; an incremental build indexes again only the years whose pages changed
 * and copies the others, and may begin a year's bundle while its changed pages are still being
 * rendered (beginBundle). Bundles are found relative to the base path, so search works under any
 * sub-path. Pagefind reads each page with its tables rewritten as cell statements (search-text.ts).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { sha256 } from '../store/cache-store.ts';
import { killChildProcesses, whenKilled } from '../pipeline/on-kill.ts';
import { markPhase, recordPhase } from '../pipeline/timing.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';
import type { ReportModel } from '../content/index.ts';
import { withoutDownloadLinks } from './downloads.ts';
import { searchableHtml } from './search-text.ts';
import { portalPaths } from './urls.ts';

const UNUSED_UI = ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-component-ui.js', 'pagefind-component-ui.css', 'pagefind-highlight.js'];
const FORMAT = 'nianbao-search/1';
export const SEARCH_DIR = 'pagefind';
/** Pages sent to Pagefind before its answer to the first of them is awaited. */
const PAGES_AHEAD = 8;
export const SHARDS_FILE = `${SEARCH_DIR}/shards.json`;

/** One year's bundle: its folder name under pagefind/, the pages it indexes, and a key over them. */
export interface SearchShard {
  name: string;
  pages: string[];
  key: string;
}

export interface ShardList {
  format: string;
  bundles: { name: string; key: string }[];
}

/**
 * Search keys of pages known without reading them (an incremental build's memo, keyed by the
 * pages' digests): `get` gives a page's key or nothing; `set` keeps the key of a page read now.
 */
export interface PageKeys {
  get(file: string): string | undefined;
  set(file: string, key: string, bytes: Uint8Array): void;
  save(): void;
}

/** A page's search key: its text without the download block, which the PDF and OFD stages rewrite. */
const pageSearchKey = (bytes: Uint8Array): string => sha256(withoutDownloadLinks(Buffer.from(bytes).toString('utf8')));

/** A report's page as a bundle lists it: its site path from the root. */
export const searchPage = (slug: string): string => `${portalPaths('/').report(slug).slice(1)}index.html`;

/**
 * The report pages of each year, newest year first, each year's in code-unit order: the order
 * Pagefind is given them, which its bundle depends on (it numbers pages as they are added).
 */
export function yearPages(reports: readonly ReportModel[]): { name: string; pages: string[] }[] {
  const byYear = new Map<number, string[]>();
  for (const r of reports) byYear.set(r.meta.year, [...(byYear.get(r.meta.year) ?? []), searchPage(r.slug)]);
  return [...byYear.entries()].sort(([a], [b]) => b - a).map(([year, pages]) => ({ name: String(year), pages: [...pages].sort() }));
}

/** The report pages of the site folder by year, newest first, each year keyed by its pages' bytes. */
export function searchShards(siteDir: string, reports: readonly ReportModel[], known?: PageKeys): SearchShard[] {
  const keyOf = (page: string): string => {
    const file = path.join(siteDir, page);
    const remembered = known?.get(file);
    if (remembered) return remembered;
    const bytes = readFileSync(file);
    const key = pageSearchKey(bytes);
    known?.set(file, key, bytes);
    return key;
  };
  const shards = yearPages(reports).map(({ name, pages }) => {
    const key = sha256([FORMAT, toolFingerprint(), ...pages.map((p) => `${p}\0${keyOf(p)}`)].join('\n'));
    return { name, pages, key };
  });
  known?.save();
  return shards;
}

/** A shard list as written to pagefind/shards.json, if it is one. */
export function parseShardList(text: string): ShardList | undefined {
  try {
    const list = JSON.parse(text) as ShardList;
    return list.format === FORMAT && Array.isArray(list.bundles) ? list : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes every year's bundle and the shard list. `reuse` may put a year's bundle in place itself
 * (from the last output, when its key is unchanged) and say so; the others are indexed here, or
 * taken from `begun` (beginBundle) when one holds the year's pages (listed in `begun` of the result).
 */
export async function writeSearchIndex(
  siteDir: string,
  reports: readonly ReportModel[],
  reuse?: (shard: SearchShard) => boolean,
  known?: PageKeys,
  begun?: readonly BegunBundle[],
): Promise<{ indexed: string[]; reused: string[]; begun: string[] }> {
  const started = performance.now();
  markPhase('search');
  const shards = searchShards(siteDir, reports, known);
  const done = { indexed: [] as string[], reused: [] as string[], begun: [] as string[] };
  // Pagefind's service writes the bundles into the site folder itself: a build stopped by a signal
  // stops it before removing its staging folder, or the folder could come back half written.
  const forget = whenKilled(() => void killChildProcesses(/^pagefind/));
  try {
    for (const shard of shards) {
      if (reuse?.(shard)) {
        done.reused.push(shard.name);
        continue;
      }
      done.indexed.push(shard.name);
      // A bundle begun ahead holds these very pages, each read once it was final: it is used as it is.
      const ahead = begun?.find((b) => b.name === shard.name && b.pages.join('\n') === shard.pages.join('\n'));
      const early = ahead && (await ahead.index);
      if (early) done.begun.push(shard.name);
      const index = early || (await indexPages(shard.pages, (page) => readFileSync(path.join(siteDir, page), 'utf8')));
      if (!index) throw new Error(`搜索索引没有生成（${shard.name} 年）`);
      const outputPath = path.join(siteDir, SEARCH_DIR, shard.name);
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
      await index.deleteIndex();
      // The search page has its own interface on pagefind.js; Pagefind's ready-made ones go unused.
      for (const file of UNUSED_UI) rmSync(path.join(outputPath, file), { force: true });
    }
    const list: ShardList = { format: FORMAT, bundles: shards.map((s) => ({ name: s.name, key: s.key })) };
    mkdirSync(path.join(siteDir, SEARCH_DIR), { recursive: true });
    writeFileSync(path.join(siteDir, SHARDS_FILE), `${JSON.stringify(list, null, 2)}\n`);
    return done;
  } finally {
    // Bundles begun ahead and not needed (their year's pages were unchanged after all) end with the service.
    for (const b of begun ?? []) b.cancel();
    await close();
    forget();
    recordPhase('search', (performance.now() - started) / 1000);
    markPhase(undefined);
  }
}

/**
 * A new index holding `pages`, added in that order, each as `html` gives it (awaited when it is
 * not written yet). Pagefind's service handles its messages one at a time, in the order sent, so
 * the pages are sent ahead of its answers: the next pages are read and rewritten while it indexes
 * (a fifth less time for a year of pages), and the bundle is the same as page by page. A failure
 * is kept (not thrown) until it is looked at, so no answer is ever left rejected unheard.
 * `stopped`: asked before each page; once it says so, the index is left unfinished and nothing is given.
 */
async function indexPages(pages: readonly string[], html: (page: string) => string | Promise<string>, stopped = () => false): Promise<PagefindIndex | undefined> {
  const { index, errors } = await createIndex({ forceLanguage: 'zh-cn' });
  if (!index) throw new Error(`搜索索引创建失败：${errors.join('；')}`);
  const inFlight: Promise<void>[] = [];
  let failure: string | undefined;
  const failed = () => {
    if (failure) throw new Error(failure);
  };
  for (const page of pages) {
    const text = await html(page);
    if (stopped()) break;
    // Tables are indexed as one statement per cell (search-text.ts); the page itself is unchanged.
    const content = searchableHtml(text);
    inFlight.push(
      index.addHTMLFile({ sourcePath: page, content }).then(
        (added) => void (added.errors.length && (failure ??= `搜索索引出错（${page}）：${added.errors.join('；')}`)),
        (e: Error) => void (failure ??= `搜索索引出错（${page}）：${e.message}`),
      ),
    );
    if (inFlight.length >= PAGES_AHEAD) await inFlight.shift();
    failed();
  }
  await Promise.all(inFlight);
  failed();
  return stopped() ? undefined : index;
}

/** A year's bundle begun before all its pages were written (beginBundle). */
export interface BegunBundle {
  name: string;
  pages: readonly string[];
  /** The index with every page added; nothing when it failed or was cancelled (the year is then indexed as usual). */
  index: Promise<PagefindIndex | undefined>;
  /** Stops adding pages: the bundle is not needed. */
  cancel(): void;
}

/**
 * Begins a year's bundle while some of its pages are still being rendered: `html(page)` gives a
 * page's final bytes, or waits until they are written. The pages go to Pagefind in the bundle's
 * order, so the bundle is the one writeSearchIndex would make from the finished site folder;
 * it uses the bundle only if the year is to be indexed again and its pages are these. An
 * incremental build begins the years of the reports it renders because their files changed:
 * their pages before the first changed one are indexed while the portal renders (on the core
 * it leaves idle), and what is left after it is shorter. The service is ended by writeSearchIndex.
 */
export function beginBundle(name: string, pages: readonly string[], html: (page: string) => Promise<string>): BegunBundle {
  let cancelled = false;
  const index = indexPages(pages, html, () => cancelled).catch(() => undefined);
  return { name, pages, index, cancel: () => void (cancelled = true) };
}

/** Ends bundles begun ahead whose build stopped before its search index was written, and Pagefind's service with them. */
export async function abandonBundles(begun: readonly BegunBundle[]): Promise<void> {
  for (const b of begun) b.cancel();
  await close();
}
