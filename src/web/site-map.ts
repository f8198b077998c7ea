/**
 * Every page of the portal, grouped as the 网站地图 page lists them; sitemap.xml is made from the
 * same list. A page added to the portal is added here, and a test checks that every built page is
 * on the 网站地图.
 */
import type { ContentModel } from '../content/index.ts';
import { reportTypes } from './catalogue.ts';
import { issuerIndex, shortName } from './issuers.ts';
import { portalPaths } from './urls.ts';
import { typeHistory } from './years.ts';

export interface SiteMapPage {
  title: string;
  path: string;
  /** For sitemap.xml: the newest publication the page shows. */
  lastmod?: string;
  /** Listed on the 网站地图 page but not in sitemap.xml (search results are no page to index). */
  notIndexed?: boolean;
}

export interface SiteMapGroup {
  title: string;
  pages: SiteMapPage[];
}

const day = (publishedAt: string | undefined) => publishedAt?.slice(0, 10);

export function siteMapGroups(model: ContentModel): SiteMapGroup[] {
  const paths = portalPaths(model.site.basePath);
  const types = reportTypes(model);
  const index = issuerIndex(model);
  const years = [...new Set(model.reports.map((r) => r.meta.year))];
  return [
    {
      title: '首页与服务',
      pages: [
        { title: '首页', path: paths.home, lastmod: day(model.reports[0]?.meta.publishedAt) },
        { title: '搜索', path: paths.search, notIndexed: true },
        { title: '数据下载', path: paths.openData },
        { title: '网站地图', path: paths.siteMap },
      ],
    },
    { title: '报告类型', pages: types.map((t) => ({ title: t.name, path: paths.type(t.id) })) },
    {
      title: '历年数据',
      pages: types.flatMap((t) => [
        { title: `${t.name}：历年数据`, path: paths.metrics(t.id) },
        ...typeHistory(model, t.id).map((s) => ({ title: `${s.organ}：${t.name}历年数据`, path: paths.seriesMetrics(t.id, s.issuerId) })),
      ]),
    },
    { title: '发布机构类别', pages: index.kinds.map((k) => ({ title: k.label, path: paths.kind(k.kind) })) },
    {
      title: '发布机构',
      pages: index.issuers.map((v) => ({ title: v.issuer.name, path: paths.issuer(v.issuer.id), lastmod: day(v.reports[0]?.meta.publishedAt) })),
    },
    ...years.map((year) => ({
      title: `${year}年度报告`,
      pages: model.reports
        .filter((r) => r.meta.year === year)
        .map((r) => ({ title: r.meta.title || `${shortName(r.issuer)} ${r.template.name}`, path: paths.report(r.slug), lastmod: day(r.meta.publishedAt) })),
    })),
  ].filter((g) => g.pages.length > 0);
}
