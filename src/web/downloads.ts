/**
 * Download links of a report page, with file sizes: one for each output format that declares a
 * download (src/pipeline/stage.ts). The portal is built after the formats it does not print
 * and before those printed from its pages, so a page can only list the files that exist when it
 * is built. `refreshDownloadLinks` is the post-step a printing stage calls once its files exist: it
 * rewrites the download block of every report page from the files now present, with the same
 * markup function, so the result is the same as if the PDFs had been there from the start.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ContentModel } from '../content/index.ts';
import { pageDownloads, type OutputFormat } from '../pipeline/stage.ts';
import { escapeHtml as esc } from './html.ts';
import { portalPaths } from './urls.ts';

export interface DownloadItem {
  /** The link's text, given the file's size. */
  label(size: string): string;
  href: string;
  bytes: number;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}

/** The downloads of a report that exist in the output folder, among `formats`. */
export function availableDownloads(outDir: string, slug: string, base: string, formats: readonly OutputFormat[]): DownloadItem[] {
  const paths = portalPaths(base);
  const items: DownloadItem[] = [];
  for (const format of pageDownloads(formats)) {
    const rel = format.file(slug);
    const file = path.join(outDir, rel);
    if (existsSync(file)) items.push({ label: format.download!.label, href: paths.download(rel), bytes: statSync(file).size });
  }
  return items;
}

/** The download block; always present (possibly empty) so the post-step can find and fill it. */
export function downloadsHtml(slug: string, items: DownloadItem[]): string {
  const list = items.length
    ? `<p class="downloads-label">下载本报告：</p><ul>${items
        .map((i) => `<li><a href="${esc(i.href)}" download>${esc(i.label(formatBytes(i.bytes)))}</a></li>`)
        .join('')}</ul>`
    : '';
  return `<div class="downloads" data-downloads="${esc(slug)}" data-pagefind-ignore>${list}</div>`;
}

/** Where `nianbao dev` makes a report's file of a format on demand: `__nianbao/<format id>/<slug>.<extension>`. */
export function previewDownloadPath(base: string, format: OutputFormat, slug: string): string {
  return `${base}__nianbao/${format.id}/${slug}${path.posix.extname(format.file(slug))}`;
}

/** In the live preview: links that make the report's files from the content as it is now. */
export function previewDownloadsHtml(slug: string, base: string, formats: readonly OutputFormat[]): string {
  const links = pageDownloads(formats)
    .filter((f) => f.preview)
    .map((f) => `<li><a href="${esc(previewDownloadPath(base, f, slug))}" download>${f.download!.previewLabel}</a></li>`)
    .join('');
  return `<div class="downloads" data-downloads="${esc(slug)}" data-pagefind-ignore><p class="downloads-label">预览（按当前内容即时生成）：</p><ul>${links}</ul></div>`;
}

const BLOCK = (slug: string) => new RegExp(`<div class="downloads" data-downloads="${slug}"[^>]*>[\\s\\S]*?</div>`);

/**
 * A page as the search index sees it: its download block (outside the index, and rewritten once
 * the PDFs exist) left empty, so that a page keyed before and after that step gives one key.
 */
export function withoutDownloadLinks(html: string): string {
  return html.replace(/(<div class="downloads" data-downloads="[^"]*"[^>]*>)[\s\S]*?<\/div>/g, '$1</div>');
}

const BLOCK_OPEN = Buffer.from('<div class="downloads" data-downloads="');
const BLOCK_CLOSE = Buffer.from('</div>');

/**
 * withoutDownloadLinks on a page's UTF-8 bytes, as the runs of bytes left, in order: the same bytes
 * as the string's, without decoding the page or running a pattern over it. Keying a thousand report
 * pages of some 90 KB took 1.2–1.5 s so, 0.3–0.55 s now, on the build's thread as the web stage ends.
 */
export function bytesWithoutDownloadLinks(page: Uint8Array): Uint8Array[] {
  const bytes = Buffer.from(page.buffer, page.byteOffset, page.byteLength);
  const runs: Uint8Array[] = [];
  let from = 0;
  for (let open = bytes.indexOf(BLOCK_OPEN, from); open !== -1; open = bytes.indexOf(BLOCK_OPEN, from)) {
    // As the pattern: the attribute's value, the rest of the tag, then the first </div>.
    const quote = bytes.indexOf(0x22, open + BLOCK_OPEN.length);
    const tagEnd = quote === -1 ? -1 : bytes.indexOf(0x3e, quote + 1);
    const close = tagEnd === -1 ? -1 : bytes.indexOf(BLOCK_CLOSE, tagEnd + 1);
    if (close === -1) break;
    runs.push(bytes.subarray(from, tagEnd + 1));
    from = close;
  }
  runs.push(bytes.subarray(from));
  return runs;
}

/**
 * Rewrites the download block of each report page from the files of `formats` now in `outDir`;
 * with `only`, of those reports' pages alone (an incremental build knows which pages can differ).
 */
export function refreshDownloadLinks(outDir: string, model: ContentModel, formats: readonly OutputFormat[], only?: ReadonlySet<string>): void {
  const paths = portalPaths(model.site.basePath);
  for (const report of model.reports) {
    if (only && !only.has(report.slug)) continue;
    const page = path.join(outDir, paths.report(report.slug).slice(paths.base.length), 'index.html');
    if (!existsSync(page)) continue;
    const html = readFileSync(page, 'utf8');
    const next = html.replace(BLOCK(report.slug), downloadsHtml(report.slug, availableDownloads(outDir, report.slug, model.site.basePath, formats)));
    if (next === html) continue;
    // Replaced, not written in place: the page may be a hard link to the last output's (pipeline/output-digests.ts).
    writeFileSync(`${page}.tmp`, next);
    renameSync(`${page}.tmp`, page);
  }
}
