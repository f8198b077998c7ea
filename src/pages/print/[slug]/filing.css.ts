// The 版头 geometry of one report's filing copy (see src/pdf/filing-css.ts), linked by its print page.
import type { APIRoute } from 'astro';
import { filingStylesheet } from '../../../pdf/filing-css.ts';
import { filingCopies, reportBySlug, reportsToRender } from '../../../web/model.ts';

export function getStaticPaths() {
  return filingCopies() ? reportsToRender().map((r) => ({ params: { slug: r.slug }, props: { slug: r.slug } })) : [];
}

export const GET: APIRoute = ({ props }) => {
  const report = reportBySlug(props.slug);
  return new Response(filingStylesheet(report.filing), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
