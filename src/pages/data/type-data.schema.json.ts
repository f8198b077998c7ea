// The JSON Schema of the data files, generated from the zod schema the export is typed by.
import type { APIRoute } from 'astro';
import { DATA_SCHEMA_FILES } from '../../schema/open-data.ts';
import { dataJsonSchemas } from '../../schema/json-schema.ts';

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(dataJsonSchemas()[DATA_SCHEMA_FILES.type], null, 2)}\n`, { headers: { 'Content-Type': 'application/schema+json' } });
