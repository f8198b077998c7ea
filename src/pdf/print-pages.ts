/**
 * The print pages are a step of the build, not part of the published site: once the PDFs exist
 * they are removed, with the stylesheet only they use, so the portal carries no second copy of
 * each report (and nothing a crawler, the sitemap or the search index could pick up).
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PRINT_FOLDER } from './print-layout.ts';

const htmlFiles = (dir: string): string[] =>
  existsSync(dir)
    ? (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.html')).map((f) => path.join(dir, f))
    : [];

/** Site-relative paths of the files a page links or loads from under the base path. */
export function referencedFiles(html: string, base: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/\s(?:href|src)="([^"#?]+)[^"]*"/g)) {
    const url = m[1]!;
    if (url.startsWith(base) && /\.[a-z0-9]+$/i.test(url)) found.add(url.slice(base.length));
  }
  return [...found];
}

/**
 * What a rebuild knows of the pages it put back from the last output. Such a page, byte for byte
 * the published one, links only to files that output held: the build that published it kept every
 * file a page of its linked to. So a file the last output did not hold (the print stylesheet of
 * new code) is looked for only in the pages rendered now.
 */
export interface LastOutputPages {
  /** Whether the page (a path in the site folder) holds the last output's bytes of it. */
  unchanged(page: string): boolean;
  /** Whether the last output held the site file `rel`. */
  held(rel: string): boolean;
}

/** Removes `print/` and every file only the print pages used; returns the removed assets. */
export function removePrintPages(siteDir: string, base: string, last?: LastOutputPages): string[] {
  const printDir = path.join(siteDir, PRINT_FOLDER);
  const printAssets = new Set(htmlFiles(printDir).flatMap((f) => referencedFiles(readFileSync(f, 'utf8'), base)));
  rmSync(printDir, { recursive: true, force: true });
  // Nothing printed (every PDF came from the cache): no need to read the whole site's pages.
  if (printAssets.size === 0) return [];
  const stillUsed = usedBySite(htmlFiles(siteDir), base, printAssets, last);
  const removed: string[] = [];
  for (const asset of [...printAssets].sort()) {
    if (stillUsed.has(asset)) continue;
    const file = path.join(siteDir, asset);
    if (!existsSync(file)) continue;
    rmSync(file);
    removed.push(asset);
  }
  return removed;
}

/**
 * Which of `assets` some page links or loads. Most pages name none of them (the print stylesheet
 * is the print pages' own), so each page's bytes are searched for the assets' addresses first and
 * only a page that holds one is read as text: a thousand reports' pages (about 120 MB) took 0.8 s
 * to read and scan with referencedFiles, 0.15 s this way.
 */
export function usedBySite(pages: readonly string[], base: string, assets: ReadonlySet<string>, last?: LastOutputPages): Set<string> {
  const used = new Set<string>();
  let open = [...assets].map((asset) => ({ asset, needle: Buffer.from(`="${base}${asset}`), held: last?.held(asset) ?? true }));
  for (const page of pages) {
    if (open.length === 0) break;
    // An edit's rebuild puts most pages back unchanged: they can link only to files the last output held.
    const sought = open.some((o) => !o.held) && last?.unchanged(page) ? open.filter((o) => o.held) : open;
    if (sought.length === 0) continue;
    const bytes = readFileSync(page);
    if (!sought.some(({ needle }) => bytes.includes(needle))) continue;
    for (const asset of referencedFiles(bytes.toString('utf8'), base)) if (assets.has(asset)) used.add(asset);
    open = open.filter(({ asset }) => !used.has(asset));
  }
  return used;
}
