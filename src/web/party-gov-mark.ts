/** What the footer shows for the 党政机关网站标识 (site.yaml footer.partyGovMark…), as data the page renders. */
import { conacCertificateUrl, partyGovMarkImagePath } from '../schema/party-gov-mark.ts';
import type { SiteConfig } from '../schema/site.ts';
import { portalPaths } from './urls.ts';

export interface PartyGovMarkView {
  /** The site's certificate page on bszs.conac.cn, when the certificate id is given. */
  href?: string;
  /** The issued image, published under the base path; without it the mark is drawn as text. */
  image?: string;
  /** The image's text alternative, or the text mark's words. */
  label: string;
}

export function partyGovMarkView(site: SiteConfig): PartyGovMarkView | undefined {
  const f = site.footer;
  if (!f.partyGovMark) return undefined;
  return {
    ...(f.partyGovMarkId ? { href: conacCertificateUrl(f.partyGovMarkId) } : {}),
    ...(f.partyGovMarkImage ? { image: `${portalPaths(site.basePath).base}${partyGovMarkImagePath(f.partyGovMarkImage)}` } : {}),
    label: `党政机关 ${site.government}网站`,
  };
}
