/**
 * Every address of the portal, from the base path. Pages link with absolute paths under the base
 * (never relative ones), so the 404 page works at any depth and the site moves between sub-paths
 * by changing one setting.
 */

export interface PortalPaths {
  base: string;
  home: string;
  type(typeId: string): string;
  /** One issuer's page: all its reports by year and type, and its contact details. */
  issuer(issuerId: string): string;
  /** The catalogue of one kind of issuer (本级政府, 政府部门, 乡镇（街道）). */
  kind(kind: string): string;
  report(slug: string): string;
  /** The figures of one type over the years: the list of its series (one per issuer). */
  metrics(typeId: string): string;
  /** One issuer's figures of one type over the years. */
  seriesMetrics(typeId: string, issuerId: string): string;
  search: string;
  /** 网站地图: a page linking every page of the site. */
  siteMap: string;
  /** The open-data page: every data file, its fields and terms of use. */
  openData: string;
  /** A combined data file of one report type: of one year, or of all years. */
  typeData(typeId: string, year: number | 'all', ext: 'json' | 'csv'): string;
  dataJson(slug: string): string;
  dataCsv(slug: string): string;
  /** A file written by another stage, by its path under the site (its output format). */
  download(file: string): string;
}

export function portalPaths(base: string): PortalPaths {
  const b = base.endsWith('/') ? base : `${base}/`;
  return {
    base: b,
    home: b,
    type: (typeId) => `${b}types/${typeId}/`,
    issuer: (issuerId) => `${b}issuers/${issuerId}/`,
    kind: (kind) => `${b}kinds/${kind}/`,
    report: (slug) => `${b}reports/${slug}/`,
    metrics: (typeId) => `${b}metrics/${typeId}/`,
    seriesMetrics: (typeId, issuerId) => `${b}metrics/${typeId}/${issuerId}/`,
    search: `${b}search/`,
    siteMap: `${b}sitemap/`,
    openData: `${b}data/`,
    typeData: (typeId, year, ext) => `${b}data/${typeId}/${year}.${ext}`,
    dataJson: (slug) => `${b}data/${slug}.json`,
    dataCsv: (slug) => `${b}data/${slug}.csv`,
    download: (file) => `${b}${file}`,
  };
}

/** The absolute URL of a path under the site's domain, or undefined when no domain is configured. */
export function absoluteUrl(domain: string | undefined, pathWithBase: string): string | undefined {
  return domain ? `https://${domain}${pathWithBase}` : undefined;
}
