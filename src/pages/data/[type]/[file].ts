// Every report of a type in one file: data/<type>/<year>.json|csv and data/<type>/all.json|csv.
import type { APIRoute } from 'astro';
import { siteModel } from '../../../web/model.ts';
import { typeCsv, typeData, typeJson } from '../../../web/export.ts';
import { openDataFiles } from '../../../web/open-data.ts';
import { portalPaths } from '../../../web/urls.ts';

export function getStaticPaths() {
  return openDataFiles(siteModel()).flatMap((t) =>
    [...t.years.map((y) => y.year), 'all' as const].flatMap((year) =>
      (['json', 'csv'] as const).map((ext) => ({ params: { type: t.id, file: `${year}.${ext}` }, props: { name: t.name, year, ext } })),
    ),
  );
}

export const GET: APIRoute = ({ params, props }) => {
  const model = siteModel();
  const year = props.year === 'all' ? null : (props.year as number);
  const type = { id: params.type!, name: props.name as string };
  if (props.ext === 'csv') return new Response(typeCsv(model.reports, type.id, year), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  const paths = portalPaths(model.site.basePath);
  const data = typeData(model.reports, type, year, (slug) => paths.report(slug));
  return new Response(typeJson(data), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
