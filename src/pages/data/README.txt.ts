// data/README.txt: the data note (terms of use, formats, fields) as plain text beside the files.
import type { APIRoute } from 'astro';
import { siteModel } from '../../web/model.ts';
import { dataNote } from '../../web/open-data.ts';

export const GET: APIRoute = () => new Response(dataNote(siteModel()).readme, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
