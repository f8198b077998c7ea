import { z } from 'zod';
import { Deadline } from './deadline.ts';
import { Indicator } from './indicator.ts';
import { Rule } from './rule.ts';

/** A part a report of this type must (or may) contain, recognised by its title or text, not by exact wording. */
export const TemplateElement = z
  .object({
    id: z.string(),
    title: z.string(),
    required: z.boolean().default(true),
    /** Only sections of this heading level count (e.g. the six fixed parts of 信息公开 are level 1). */
    level: z.int().min(1).max(4).optional(),
    /** Regular expressions tried on section and heading titles. */
    titles: z.array(z.string()).default([]),
    /** Regular expressions tried on body text, for elements often reported inside another part. */
    text: z.array(z.string()).default([]),
  })
  .strict();

export const TableColumn = z.object({ id: z.string(), label: z.string(), unit: z.string().optional() }).strict();

/** A row of a template table; `group` rows are headings without cells (e.g. 三、本年度办理结果). */
export const TableRow = z
  .object({
    id: z.string(),
    label: z.string(),
    depth: z.int().min(0).max(3).default(0),
    group: z.boolean().default(false),
  })
  .strict();

export const TemplateTable = z
  .object({
    id: z.string(),
    title: z.string(),
    /** Element id of the part that shows this table. */
    element: z.string(),
    unit: z.string().default(''),
    columns: z.array(TableColumn).min(1),
    rows: z.array(TableRow).min(1),
    /** Printed under the table (e.g. the column identity of table 三). */
    note: z.string().optional(),
  })
  .strict();

export const Template = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.string(),
    name: z.string(),
    /** The document that mandates the format. */
    basis: z.string().optional(),
    description: z.string().optional(),
    /** Whether elements must appear in the template's order. */
    ordered: z.boolean().default(false),
    elements: z.array(TemplateElement).default([]),
    tables: z.array(TemplateTable).default([]),
    rules: z.array(Rule).default([]),
    /** Publication deadlines by issuer kind (the first matching entry applies). */
    deadlines: z.array(Deadline).default([]),
    /** Percentages the 政务公开 office watches (nianbao status), with thresholds in site.yaml. */
    indicators: z.array(Indicator).default([]),
  })
  .strict();

export type Template = z.infer<typeof Template>;
export type TemplateElement = z.infer<typeof TemplateElement>;
export type TemplateTable = z.infer<typeof TemplateTable>;
export type TableRow = z.infer<typeof TableRow>;
