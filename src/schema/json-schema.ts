import { z } from 'zod';
import { IssuersFile } from './issuer.ts';
import { DATA_SCHEMA_FILES, ReportDataFile, TypeDataFile } from './open-data.ts';
import { ReportMeta } from './report.ts';
import { SectionFrontmatter } from './section.ts';
import { SiteConfig } from './site.ts';
import { Template } from './template.ts';

/** JSON Schemas of the published data files (data/), from the zod schemas the export is typed by. */
export function dataJsonSchemas(): Record<string, object> {
  const make = (schema: z.ZodType, id: string) => ({
    ...z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-7' }),
    $id: `https://nianbao.invalid/schema/${id}`,
  });
  return {
    [DATA_SCHEMA_FILES.report]: make(ReportDataFile, DATA_SCHEMA_FILES.report),
    [DATA_SCHEMA_FILES.type]: make(TypeDataFile, DATA_SCHEMA_FILES.type),
  };
}

/** JSON Schemas for editors, generated from the same zod schemas the loader uses (and those of the data files). */
export function jsonSchemas(): Record<string, object> {
  const make = (schema: z.ZodType, id: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }),
    $id: `https://nianbao.invalid/schema/${id}`,
  });
  return {
    'site.schema.json': make(SiteConfig, 'site.schema.json'),
    'report.schema.json': make(ReportMeta, 'report.schema.json'),
    'issuers.schema.json': make(IssuersFile, 'issuers.schema.json'),
    'section.schema.json': make(SectionFrontmatter, 'section.schema.json'),
    'template.schema.json': make(Template, 'template.schema.json'),
    ...dataJsonSchemas(),
  };
}
