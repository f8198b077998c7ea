// Each report's metrics as data/<slug>.json and data/<slug>.csv. nianbao build writes them itself
// while the pages are rendered (src/web/report-data.ts, the same bytes); a plain astro build and the
// live preview get them here.
import type { APIRoute } from 'astro';
import { reportBySlug, reportsToRender, writtenByBuild } from '../../web/model.ts';
import { reportCsv, reportJson } from '../../web/export.ts';

export function getStaticPaths() {
  if (writtenByBuild()) return [];
  return reportsToRender().flatMap((r) => [
    { params: { file: `${r.slug}.json` }, props: { slug: r.slug, format: 'json' } },
    { params: { file: `${r.slug}.csv` }, props: { slug: r.slug, format: 'csv' } },
  ]);
}

export const GET: APIRoute = ({ props }) => {
  const report = reportBySlug(props.slug);
  return props.format === 'json'
    ? new Response(reportJson(report), { headers: { 'Content-Type': 'application/json; charset=utf-8' } })
    : new Response(reportCsv(report), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
