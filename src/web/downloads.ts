/**
 * Download links of a report page, with file sizes. The portal is built after the DOCX and before
 * the PDF (which prints the portal's pages), so a page can only list the files that exist when it
 * is built. `refreshDownloadLinks` is the post-step the PDF stage calls once the PDFs exist: it
 * rewrites the download block of every report page from the files now present, with the same
 * markup function, so the result is the same as if the PDFs had been there from the start.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ContentModel } from '../content/index.ts';
import { outputPaths } from '../pipeline/stage.ts';
import { escapeHtml as esc } from './html.ts';
import { portalPaths } from './urls.ts';

export interface DownloadItem {
  format: 'pdf' | 'docx';
  href: string;
  bytes: number;
}

const LABELS: Record<DownloadItem['format'], (size: string) => string> = {
  pdf: (size) => `PDF 版（${size}）`,
  docx: (size) => `Word 版（DOCX，${size}）`,
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}

/** The downloads of a report that exist in the output folder. */
export function availableDownloads(outDir: string, slug: string, base: string): DownloadItem[] {
  const paths = portalPaths(base);
  const items: DownloadItem[] = [];
  for (const format of ['pdf', 'docx'] as const) {
    const rel = outputPaths[format](slug);
    const file = path.join(outDir, rel);
    if (existsSync(file)) items.push({ format, href: paths.download(rel), bytes: statSync(file).size });
  }
  return items;
}

/** The download block; always present (possibly empty) so the post-step can find and fill it. */
export function downloadsHtml(slug: string, items: DownloadItem[]): string {
  const list = items.length
    ? `<p class="downloads-label">下载本报告：</p><ul>${items
        .map((i) => `<li><a href="${esc(i.href)}" download>${esc(LABELS[i.format](formatBytes(i.bytes)))}</a></li>`)
        .join('')}</ul>`
    : '';
  return `<div class="downloads" data-downloads="${esc(slug)}" data-pagefind-ignore>${list}</div>`;
}

/** Where `nianbao dev` makes a report's files on demand. */
export const previewDownloadPath = (base: string, format: DownloadItem['format'], slug: string) => `${base}__nianbao/${format}/${slug}.${format}`;

/** In the live preview: links that make the PDF and Word file from the content as it is now. */
export function previewDownloadsHtml(slug: string, base: string): string {
  const link = (format: DownloadItem['format'], label: string) => `<li><a href="${esc(previewDownloadPath(base, format, slug))}" download>${label}</a></li>`;
  return `<div class="downloads" data-downloads="${esc(slug)}" data-pagefind-ignore><p class="downloads-label">预览（按当前内容即时生成）：</p><ul>${link('pdf', 'PDF 版')}${link('docx', 'Word 版（DOCX）')}</ul></div>`;
}

const BLOCK = (slug: string) => new RegExp(`<div class="downloads" data-downloads="${slug}"[^>]*>[\\s\\S]*?</div>`);

/**
 * A page as the search index sees it: its download block (outside the index, and rewritten once
 * the PDFs exist) left empty, so that a page keyed before and after that step gives one key.
 */
export function withoutDownloadLinks(html: string): string {
  return html.replace(/(<div class="downloads" data-downloads="[^"]*"[^>]*>)[\s\S]*?<\/div>/g, '$1</div>');
}

/** Rewrites the download block of each report page from the files now in `outDir`. */
export function refreshDownloadLinks(outDir: string, model: ContentModel): void {
  const paths = portalPaths(model.site.basePath);
  for (const report of model.reports) {
    const page = path.join(outDir, paths.report(report.slug).slice(paths.base.length), 'index.html');
    if (!existsSync(page)) continue;
    const html = readFileSync(page, 'utf8');
    const next = html.replace(BLOCK(report.slug), downloadsHtml(report.slug, availableDownloads(outDir, report.slug, model.site.basePath)));
    if (next === html) continue;
    // Replaced, not written in place: the page may be a hard link to the last output's (pipeline/output-digests.ts).
    writeFileSync(`${page}.tmp`, next);
    renameSync(`${page}.tmp`, page);
  }
}
