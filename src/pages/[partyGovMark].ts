// The 党政机关网站标识 image as issued (site.yaml footer.partyGovMarkImage), published as a file of the site.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { partyGovMarkImagePath } from '../schema/party-gov-mark.ts';
import { siteModel } from '../web/model.ts';

export function getStaticPaths() {
  const image = siteModel().site.footer.partyGovMarkImage;
  return image ? [{ params: { partyGovMark: partyGovMarkImagePath(image) }, props: { image } }] : [];
}

export const GET: APIRoute = ({ props }) => new Response(readFileSync(path.join(siteModel().contentDir, props.image as string)));
