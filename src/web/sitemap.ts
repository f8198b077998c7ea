import type { ContentModel } from '../content/index.ts';
import { reportTypes } from './catalogue.ts';
import { issuerIndex } from './issuers.ts';
import { escapeHtml } from './html.ts';
import { absoluteUrl, portalPaths } from './urls.ts';

/** The portal's pages; a report page's lastmod is its publication date (no build timestamps). */
export function sitemapXml(model: ContentModel): string {
  const paths = portalPaths(model.site.basePath);
  const entries: { path: string; lastmod?: string }[] = [
    { path: paths.home, lastmod: model.reports[0]?.meta.publishedAt.slice(0, 10) },
    ...reportTypes(model).flatMap((t) => [{ path: paths.type(t.id) }, { path: paths.metrics(t.id) }]),
    ...issuerIndex(model).kinds.map((k) => ({ path: paths.kind(k.kind) })),
    ...issuerIndex(model).issuers.map((v) => ({ path: paths.issuer(v.issuer.id), lastmod: v.reports[0]?.meta.publishedAt.slice(0, 10) })),
    ...model.reports.map((r) => ({ path: paths.report(r.slug), lastmod: r.meta.publishedAt.slice(0, 10) })),
  ];
  const urls = model.site.domain
    ? entries.map((e) => `  <url><loc>${escapeHtml(absoluteUrl(model.site.domain, e.path)!)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`)
    : [];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}${urls.length ? '\n' : ''}</urlset>\n`;
}
