// Every report of a type in one file: data/<type>/<year>.json|csv and data/<type>/all.json|csv.
// nianbao build writes them itself (src/web/type-data.ts, the same bytes); a plain astro build and
// the live preview get them here.
import type { APIRoute } from 'astro';
import { siteModel, writtenByBuild } from '../../../web/model.ts';
import { openDataFiles } from '../../../web/open-data.ts';
import { typeDataFile } from '../../../web/type-data.ts';

export function getStaticPaths() {
  if (writtenByBuild()) return [];
  return openDataFiles(siteModel()).flatMap((t) =>
    [...t.years.map((y) => y.year), 'all' as const].flatMap((year) => (['json', 'csv'] as const).map((ext) => ({ params: { type: t.id, file: `${year}.${ext}` }, props: { year, ext } }))),
  );
}

const TYPES = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8' };

export const GET: APIRoute = ({ params, props }) => {
  const ext = props.ext as 'json' | 'csv';
  return new Response(new Uint8Array(typeDataFile(siteModel(), params.type!, props.year as number | 'all', ext)), { headers: { 'Content-Type': TYPES[ext] } });
};
