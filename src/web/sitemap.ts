import type { ContentModel } from '../content/index.ts';
import { escapeHtml } from './html.ts';
import { siteMapGroups } from './site-map.ts';
import { absoluteUrl } from './urls.ts';

/**
 * The portal's pages (the 网站地图's list, without the search page); a report page's lastmod is its
 * publication date (no build timestamps).
 */
export function sitemapXml(model: ContentModel): string {
  const entries = siteMapGroups(model).flatMap((g) => g.pages.filter((p) => !p.notIndexed));
  const urls = model.site.domain
    ? entries.map((e) => `  <url><loc>${escapeHtml(absoluteUrl(model.site.domain, e.path)!)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`)
    : [];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}${urls.length ? '\n' : ''}</urlset>\n`;
}
