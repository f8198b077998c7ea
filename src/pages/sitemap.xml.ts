// sitemap.xml of the portal's pages (absolute URLs need site.domain; without it the list is empty).
import type { APIRoute } from 'astro';
import { siteModel } from '../web/model.ts';
import { sitemapXml } from '../web/sitemap.ts';

export const GET: APIRoute = () => new Response(sitemapXml(siteModel()), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
