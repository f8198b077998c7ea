/**
 * The Chinese full-text index, by Pagefind's extended build (it segments Chinese words), over the
 * report pages (the only ones marked for search). Pagefind can't update an index, so the index is
 * split by year: one bundle per year under <site>/pagefind/<year>/ (a year of more than
 * BUNDLE_PAGES pages in parts, searchBundles), listed newest first in pagefind/shards.json with a
 * key over the pages it holds. The search page loads the newest bundle and merges the others; an
 * incremental build indexes again only the bundles whose pages changed and copies the others. Bundles are found relative to the base path, so search works under any
 * sub-path. Pagefind reads each page with its tables rewritten as cell statements (search-text.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { sha256 } from '../store/cache-store.ts';
import { killChildProcesses, whenKilled } from '../pipeline/on-kill.ts';
import { markPhase, recordPhase } from '../pipeline/timing.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';
import type { ReportModel } from '../content/index.ts';
import { bytesWithoutDownloadLinks, withoutDownloadLinks } from './downloads.ts';
import { searchableHtml, withoutIgnoredElements } from './search-text.ts';
import { portalPaths } from './urls.ts';

const UNUSED_UI = ['pagefind-ui.js', 'pagefind-ui.css', 'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-component-ui.js', 'pagefind-component-ui.css', 'pagefind-highlight.js'];
const FORMAT = 'nianbao-search/1';
export const SEARCH_DIR = 'pagefind';
/**
 * Pages sent to Pagefind before its answer to the first of them is awaited: a county's year at
 * once (a page's text is 15–50 KB, so at most some 13 MB waits in the pipe). The index is made
 * beside the PDF stage, whose work holds the build's thread for up to half a second at a time;
 * with eight pages ahead Pagefind ran dry in those spans. After one edit at a thousand reports
 * (alternating with eight, 17 times) the build waited 0.9 s less for the index on average (less
 * in 16 of the 17), and took 0.6 s less on average (median of the differences 0.2 s).
 */
const PAGES_AHEAD = 256;
/**
 * Pages sent between turns of the event loop. Reading and rewriting a page that is not in the memo
 * takes about 5 ms, and a year of them at once would hold the build's thread for a second, while
 * the PDF stage beside waits for its browser's messages.
 */
const PAGES_PER_TURN = 8;
export const SHARDS_FILE = `${SEARCH_DIR}/shards.json`;

/**
 * Pages a bundle of the search index holds on average, at most. Indexing costs Pagefind some
 * 17 ms a page (a year of 192 pages 3.4 s, 100 pages 1.6 s, 50 pages 0.75 s), and an edit indexes
 * its bundle again. A county's year (its issuers' reports, some 60) stays whole; a larger year is
 * split, each bundle more files for a search to fetch (its metadata, and its index chunks of the
 * words asked for; Pagefind's script and WebAssembly are fetched once). At a thousand reports,
 * 人民调解 fetched 44 files, 397 KB, from five bundles, and 64 files, 486 KB, from ten.
 */
export const BUNDLE_PAGES = 128;

/** One bundle of the search index: its folder name under pagefind/, the pages it indexes, and a key over them. */
export interface SearchShard {
  name: string;
  pages: string[];
  /** Each page's search key (pageSearchKey), in the order of `pages`. */
  pageKeys: string[];
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

/**
 * What Pagefind read of pages before, by their search keys (an incremental build's memo). The text
 * is made from the page's search key's text and nianbao's code alone, so a year indexed again after
 * one edit reads and rewrites only its changed pages (its tables parsed: about 5 ms a page).
 */
export interface SearchTexts {
  get(pageKey: string): string | undefined;
  set(pageKey: string, text: string): void;
  /** Forgets the texts of pages other than these. */
  keepOnly(pageKeys: ReadonlySet<string>): void;
}

/**
 * A page's search key: the digest of its text without the download block, which the PDF and OFD
 * stages rewrite (withoutDownloadLinks; taken over the bytes, bytesWithoutDownloadLinks).
 */
export function pageSearchKey(bytes: Uint8Array): string {
  const hash = createHash('sha256');
  for (const run of bytesWithoutDownloadLinks(bytes)) hash.update(run);
  return hash.digest('hex');
}

/**
 * What Pagefind reads of a page: its text without the download block (which Pagefind ignores, and
 * the later stages rewrite), with the tables as cell statements (search-text.ts).
 */
function searchTextOf(siteDir: string, page: string, pageKey: string, texts?: SearchTexts): string {
  const kept = texts?.get(pageKey);
  if (kept !== undefined) return kept;
  const text = searchableHtml(withoutIgnoredElements(withoutDownloadLinks(readFileSync(path.join(siteDir, page), 'utf8'))));
  texts?.set(pageKey, text);
  return text;
}

/** The report pages of the site folder by bundle (searchBundles), each bundle keyed by its pages' bytes. */
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
  const shards = searchBundles(reports).map(({ name, pages }) => {
    const pageKeys = pages.map(keyOf);
    const key = sha256([FORMAT, toolFingerprint(), ...pages.map((p, i) => `${p}\0${pageKeys[i]}`)].join('\n'));
    return { name, pages, pageKeys, key };
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
 * Pages on their way to one Pagefind index, in the order sent. Pagefind's service handles its
 * messages one at a time, in that order, so pages are sent ahead of its answers: the next pages
 * are read and rewritten while it indexes (a fifth less time for a year of pages), and the bundle
 * is the same as page by page. A failure is kept (not thrown) until it is looked at, so no answer
 * is ever left rejected unheard.
 */
class IndexFeed {
  readonly sent: { page: string; key: string }[] = [];
  private readonly inFlight: Promise<void>[] = [];
  private failure: string | undefined;
  readonly index: PagefindIndex;

  constructor(index: PagefindIndex) {
    this.index = index;
  }

  static async create(): Promise<IndexFeed> {
    const { index, errors } = await createIndex({ forceLanguage: 'zh-cn' });
    if (!index) throw new Error(`搜索索引创建失败：${errors.join('；')}`);
    return new IndexFeed(index);
  }

  async add(page: string, key: string, content: string): Promise<void> {
    this.sent.push({ page, key });
    this.inFlight.push(
      this.index.addHTMLFile({ sourcePath: page, content }).then(
        (added) => void (added.errors.length && (this.failure ??= `搜索索引出错（${page}）：${added.errors.join('；')}`)),
        (e: Error) => void (this.failure ??= `搜索索引出错（${page}）：${e.message}`),
      ),
    );
    if (this.inFlight.length >= PAGES_AHEAD) await this.inFlight.shift();
    else if (this.sent.length % PAGES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    this.check();
  }

  /** Waits for every page sent; throws the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
    this.check();
  }

  /** Whether the pages sent are the first of `shard`'s, with the same keys. */
  begins(shard: SearchShard): boolean {
    return this.sent.every(({ page, key }, i) => shard.pages[i] === page && shard.pageKeys[i] === key);
  }

  /** Drops the index, whatever became of its pages. */
  async discard(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
    await this.index.deleteIndex().catch(() => {});
  }

  private check(): void {
    if (this.failure) throw new Error(this.failure);
  }
}

/**
 * Years' indexes begun before their pages were all in the site folder (beginSearchIndex), by
 * bundle name; writeSearchIndex goes on with each or drops it. `stop` drops what is left (a build
 * that fails before it writes the index).
 */
export interface BegunSearch {
  feeds: Map<string, IndexFeed>;
  stop(): Promise<void>;
}

/**
 * Begins the index of each bundle with a `changed` report, while a rebuild renders its pages: after
 * one edit at a thousand reports, indexing the edited year (some 200 pages, about 4 s of Pagefind's
 * time, before years were split) was the last work the build waited for. Pagefind's bundle depends on the order the pages
 * are added (measured: a year's pages in another order give other files), and a cold build adds
 * them sorted, so only the pages before the bundle's first page to render are sent now, and only
 * while their keys (`keyOf`, by the page's last published bytes) and their texts are known; the
 * rest follow in writeSearchIndex once the pages are in place. An edit anywhere in the bundle sends,
 * on average, half of it early.
 */
export async function beginSearchIndex(
  reports: readonly ReportModel[],
  renderOnly: ReadonlySet<string>,
  changed: ReadonlySet<string>,
  keyOf: (page: string) => string | undefined,
  texts: SearchTexts,
): Promise<BegunSearch> {
  const feeds = new Map<string, IndexFeed>();
  const stop = async () => {
    const left = [...feeds.values()];
    feeds.clear();
    await Promise.all(left.map((f) => f.discard()));
    await close();
  };
  // After what the caller does next (sending the portal's process its request), not before it.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    const bundles = searchBundles(reports, renderOnly);
    const edited = new Set(reports.filter((r) => changed.has(r.slug)).map((r) => reportPage(r.slug)));
    for (const { name, pages, rendered } of bundles) {
      if (!pages.some((p) => edited.has(p))) continue;
      const known: { page: string; key: string; text: string }[] = [];
      for (const page of pages) {
        const key = rendered.has(page) ? undefined : keyOf(page);
        const text = key === undefined ? undefined : texts.get(key);
        if (key === undefined || text === undefined) break;
        known.push({ page, key, text });
      }
      if (!known.length) continue;
      const feed = await IndexFeed.create();
      feeds.set(name, feed);
      for (const { page, key, text } of known) await feed.add(page, key, text);
    }
  } catch {
    // Begun or not, writeSearchIndex indexes what it finds; a failure shows there, as it would have.
  }
  // Nothing is written before writeSearchIndex: a build stopped meanwhile has no bundle to leave half written.
  return { feeds, stop };
}

const reportPage = (slug: string): string => `${portalPaths('/').report(slug).slice(1)}index.html`;

/** Parts a year of `pages` pages is split into: 1, or the power of two that keeps them at most BUNDLE_PAGES on average. */
export const bundleParts = (pages: number): number => (pages <= BUNDLE_PAGES ? 1 : 2 ** Math.ceil(Math.log2(pages / BUNDLE_PAGES)));

/**
 * The report pages by bundle, newest year first, each bundle's pages sorted as indexed; with the
 * pages of `renderOnly` reports. A year's part is its report's slug hashed, modulo the parts: a
 * report stays in its bundle while reports come and go, and when a year grows into twice the
 * parts, each bundle splits in two. A year in one part keeps the year as its name; parts are named
 * 2025-1, 2025-2, …, and a part with no pages has no bundle.
 */
export function searchBundles(reports: readonly ReportModel[], renderOnly?: ReadonlySet<string>): { name: string; year: number; pages: string[]; rendered: Set<string> }[] {
  const byYear = new Map<number, ReportModel[]>();
  for (const r of reports) {
    const inYear = byYear.get(r.meta.year) ?? [];
    inYear.push(r);
    byYear.set(r.meta.year, inYear);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .flatMap(([year, inYear]) => {
      const parts = bundleParts(inYear.length);
      const byPart = Array.from({ length: parts }, () => ({ pages: [] as string[], rendered: new Set<string>() }));
      for (const r of inYear) {
        const part = byPart[parts === 1 ? 0 : Number.parseInt(sha256(r.slug).slice(0, 8), 16) % parts]!;
        const page = reportPage(r.slug);
        part.pages.push(page);
        if (renderOnly?.has(r.slug)) part.rendered.add(page);
      }
      return byPart.flatMap(({ pages, rendered }, i) => (pages.length ? [{ name: parts === 1 ? String(year) : `${year}-${i + 1}`, year, pages: pages.sort(), rendered }] : []));
    });
}

/** A bundle's name as the build's messages give it: 2025 年, 2025 年（第 1 份）. */
export function bundleLabel(name: string): string {
  const [year, part] = name.split('-');
  return part ? `${year} 年（第 ${part} 份）` : `${year} 年`;
}

/**
 * Writes every bundle and the shard list. `reuse` may put a bundle in place itself (from the last
 * output, when its key is unchanged) and say so; the others are indexed here, going on with the
 * pages `begun` sent (beginSearchIndex) when they are the first of the bundle's as it is now.
 */
export async function writeSearchIndex(
  siteDir: string,
  reports: readonly ReportModel[],
  reuse?: (shard: SearchShard) => boolean,
  known?: PageKeys,
  texts?: SearchTexts,
  begun?: BegunSearch,
): Promise<{ indexed: string[]; reused: string[]; early: number }> {
  const started = performance.now();
  markPhase('search');
  /** `early`: pages of the bundles indexed that were sent before the rest were in place. */
  const done = { indexed: [] as string[], reused: [] as string[], early: 0 };
  // Pagefind's service writes the bundles into the site folder itself: a build stopped by a signal
  // stops it before removing its staging folder, or the folder could come back half written.
  const forget = whenKilled(() => void killChildProcesses(/^pagefind/));
  try {
    const shards = searchShards(siteDir, reports, known);
    for (const shard of shards) {
      const early = begun?.feeds.get(shard.name);
      begun?.feeds.delete(shard.name);
      if (reuse?.(shard)) {
        await early?.discard();
        done.reused.push(shard.name);
        continue;
      }
      done.indexed.push(shard.name);
      let feed = early;
      if (feed && !feed.begins(shard)) {
        await feed.discard();
        feed = undefined;
      }
      done.early += feed?.sent.length ?? 0;
      feed ??= await IndexFeed.create();
      for (let i = feed.sent.length; i < shard.pages.length; i++) {
        const page = shard.pages[i]!;
        // Tables are indexed as one statement per cell (search-text.ts); the page itself is unchanged.
        await feed.add(page, shard.pageKeys[i]!, searchTextOf(siteDir, page, shard.pageKeys[i]!, texts));
      }
      await feed.drain();
      const outputPath = path.join(siteDir, SEARCH_DIR, shard.name);
      const written = await feed.index.writeFiles({ outputPath });
      if (written.errors.length) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
      await feed.index.deleteIndex();
      // The search page has its own interface on pagefind.js; Pagefind's ready-made ones go unused.
      for (const file of UNUSED_UI) rmSync(path.join(outputPath, file), { force: true });
    }
    texts?.keepOnly(new Set(shards.flatMap((s) => s.pageKeys)));
    const list: ShardList = { format: FORMAT, bundles: shards.map((s) => ({ name: s.name, key: s.key })) };
    mkdirSync(path.join(siteDir, SEARCH_DIR), { recursive: true });
    writeFileSync(path.join(siteDir, SHARDS_FILE), `${JSON.stringify(list, null, 2)}\n`);
    return done;
  } finally {
    await close();
    forget();
    recordPhase('search', (performance.now() - started) / 1000);
    markPhase(undefined);
  }
}
