/**
 * The Chinese full-text index, by Pagefind's extended build (it segments Chinese words), over the
 * report pages (the only ones marked for search). Pagefind can't update an index, so the index is
 * split by year: one bundle per year under <site>/pagefind/<year>/, listed newest first in
 * pagefind/shards.json with a key over the pages it holds. The search page loads the newest bundle
 * and merges the others; an incremental build indexes again only the years whose pages changed
 * and copies the others. Bundles are found relative to the base path, so search works under any
 * sub-path. Pagefind reads each page with its tables rewritten as cell statements (search-text.ts).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import { sha256 } from '../store/cache-store.ts';
import { killChildProcesses, whenKilled } from '../pipeline/on-kill.ts';
import { markPhase, recordPhase } from '../pipeline/timing.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';
import type { ReportModel } from '../content/index.ts';
import { withoutDownloadLinks } from './downloads.ts';
import { searchableHtml, withoutIgnoredElements } from './search-text.ts';
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

/** A page's search key: its text without the download block, which the PDF and OFD stages rewrite. */
const pageSearchKey = (bytes: Uint8Array): string => sha256(withoutDownloadLinks(Buffer.from(bytes).toString('utf8')));

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

/** The report pages of the site folder by year, newest first, each year keyed by its pages' bytes. */
export function searchShards(siteDir: string, reports: readonly ReportModel[], known?: PageKeys): SearchShard[] {
  const paths = portalPaths('/');
  const byYear = new Map<number, string[]>();
  for (const r of reports) {
    const page = `${paths.report(r.slug).slice(1)}index.html`;
    byYear.set(r.meta.year, [...(byYear.get(r.meta.year) ?? []), page]);
  }
  const keyOf = (page: string): string => {
    const file = path.join(siteDir, page);
    const remembered = known?.get(file);
    if (remembered) return remembered;
    const bytes = readFileSync(file);
    const key = pageSearchKey(bytes);
    known?.set(file, key, bytes);
    return key;
  };
  const shards = [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, pages]) => {
      const sorted = [...pages].sort();
      const pageKeys = sorted.map(keyOf);
      const key = sha256([FORMAT, toolFingerprint(), ...sorted.map((p, i) => `${p}\0${pageKeys[i]}`)].join('\n'));
      return { name: String(year), pages: sorted, pageKeys, key };
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
 * (from the last output, when its key is unchanged) and say so; the others are indexed here.
 */
export async function writeSearchIndex(
  siteDir: string,
  reports: readonly ReportModel[],
  reuse?: (shard: SearchShard) => boolean,
  known?: PageKeys,
  texts?: SearchTexts,
): Promise<{ indexed: string[]; reused: string[] }> {
  const started = performance.now();
  markPhase('search');
  const shards = searchShards(siteDir, reports, known);
  const done = { indexed: [] as string[], reused: [] as string[] };
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
      const { index, errors } = await createIndex({ forceLanguage: 'zh-cn' });
      if (!index) throw new Error(`搜索索引创建失败：${errors.join('；')}`);
      // Pagefind's service handles its messages one at a time, in the order sent, so the pages
      // are sent ahead of its answers: the next pages are read and rewritten while it indexes
      // (a fifth less time for a year of pages), and the bundle is the same as page by page.
      // A failure is kept (not thrown) until it is looked at, so no answer is ever left rejected unheard.
      const inFlight: Promise<void>[] = [];
      let failure: string | undefined;
      const failed = () => {
        if (failure) throw new Error(failure);
      };
      for (const [i, page] of shard.pages.entries()) {
        // Tables are indexed as one statement per cell (search-text.ts); the page itself is unchanged.
        const content = searchTextOf(siteDir, page, shard.pageKeys[i]!, texts);
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
      const outputPath = path.join(siteDir, SEARCH_DIR, shard.name);
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
      await index.deleteIndex();
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
