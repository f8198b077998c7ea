// Each report's metrics as data/<slug>.json and data/<slug>.csv.
import type { APIRoute } from 'astro';
import { reportsToRender, siteModel } from '../../web/model.ts';
import { reportCsv, reportJson } from '../../web/export.ts';

export function getStaticPaths() {
  return reportsToRender().flatMap((r) => [
    { params: { file: `${r.slug}.json` }, props: { slug: r.slug, format: 'json' } },
    { params: { file: `${r.slug}.csv` }, props: { slug: r.slug, format: 'csv' } },
  ]);
}

export const GET: APIRoute = ({ props }) => {
  const report = siteModel().reports.find((r) => r.slug === props.slug)!;
  return props.format === 'json'
    ? new Response(reportJson(report), { headers: { 'Content-Type': 'application/json; charset=utf-8' } })
    : new Response(reportCsv(report), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
