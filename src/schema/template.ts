import { z } from 'zod';
import { Deadline } from './deadline.ts';
import { Indicator } from './indicator.ts';
import { Each, IdOrIds, Rule, RuleMetricId } from './rule.ts';

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

/**
 * Whether a cell may be written `/` (不适用). The official tables differ: 国办公开办函〔2021〕30号
 * allows it in table 二 but tables 三 and 四 are counts (none is 0). Set on a table, a column overrides it.
 */
export const NotApplicableRule = z.enum(['allowed', 'forbidden']);

export const TableColumn = z
  .object({ id: z.string(), label: z.string(), unit: z.string().optional(), notApplicable: NotApplicableRule.optional() })
  .strict();

/** A row of a template table; `group` rows are headings without cells (e.g. 三、本年度办理结果). */
export const TableRow = z
  .object({
    id: z.string(),
    label: z.string(),
    depth: z.int().min(0).max(3).default(0),
    group: z.boolean().default(false),
  })
  .strict();

/** How the official format draws a table beyond its rows and columns (see src/tables/official-tables.ts). */
export const TableLayout = z
  .object({
    /** Top-left header cell. */
    corner: z.string().optional(),
    /** One header above all value columns. */
    band: z.string().optional(),
    /** Header bands over consecutive columns. */
    groups: z.array(z.object({ label: z.string(), columns: z.array(z.string()).min(1) }).strict()).optional(),
    /** Print the table as one row: each data row becomes a run of columns under a band. */
    transpose: z
      .array(z.object({ label: z.string(), rows: z.array(z.object({ id: z.string(), label: z.string() }).strict()).min(1) }).strict())
      .optional(),
    /** Header of the label column in a table of blocks (several tables printed as one). */
    labelHeader: z.string().optional(),
  })
  .strict();

export const TemplateTable = z
  .object({
    id: z.string(),
    title: z.string(),
    /** Element id of the part that shows this table. */
    element: z.string(),
    unit: z.string().default(''),
    /** Cells may be `/` only where the template says so. */
    notApplicable: NotApplicableRule.default('forbidden'),
    columns: z.array(TableColumn).min(1),
    rows: z.array(TableRow).min(1),
    /** Printed under the table (e.g. the column identity of table 三). */
    note: z.string().optional(),
    layout: TableLayout.optional(),
  })
  .strict();

/** The report years a format version was mandated for (inclusive); either end may be open. */
export const TemplateYears = z
  .object({ from: z.int().min(1990).max(2100).optional(), to: z.int().min(1990).max(2100).optional() })
  .strict();

/**
 * Cells of this version that hold the same quantity as cells of another version of the same type:
 * `metrics` maps this version's ids to that version's. Only bridged cells are compared across a
 * format change (the metrics-over-years page, continuity between years); `$name` placeholders
 * expand over `each` as in rules.
 */
export const TemplateBridge = z
  .object({
    version: z.string(),
    description: z.string().optional(),
    each: Each,
    metrics: z.record(RuleMetricId, RuleMetricId),
  })
  .strict();

/**
 * A rule between a report and the same issuer's report of the same type for the year before:
 * `current` (this year) = sum of `previous` (last year, in this version's ids) + `plus` − `minus`
 * (this year). Checked once all reports are loaded.
 */
export const ContinuityRule = z
  .object({
    id: z.string().optional(),
    description: z.string(),
    each: Each,
    current: RuleMetricId,
    previous: IdOrIds,
    plus: z.array(RuleMetricId).default([]),
    minus: z.array(RuleMetricId).default([]),
  })
  .strict();

/** How `nianbao import` tells a report of this type from others, so that import names no type itself. */
export const TemplateRecognition = z
  .object({
    /** Regular expressions tried on the report's title (plain words read best: they are shown as the reason). */
    titles: z.array(z.string()).default([]),
    /** Regular expressions tried on the text of the report's tables (the type's statistics tables). */
    tables: z.array(z.string()).default([]),
    /** The type a report that no type recognises is imported as (the editor is told to check it). */
    fallback: z.boolean().default(false),
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
    /** The level-1 sections are exactly the elements: a level-1 section that is none of them (or repeats one) is an error. */
    closed: z.boolean().default(false),
    elements: z.array(TemplateElement).default([]),
    tables: z.array(TemplateTable).default([]),
    rules: z.array(Rule).default([]),
    /** Years this version is for; a report of another year is told which version fits it. */
    years: TemplateYears.optional(),
    /** Printed next to the type name on the site, e.g. 历史年报 for the archive form. */
    badge: z.string().optional(),
    bridges: z.array(TemplateBridge).default([]),
    continuity: z.array(ContinuityRule).default([]),
    /** Publication deadlines by issuer kind (the first matching entry applies). */
    deadlines: z.array(Deadline).default([]),
    /** Percentages the 政务公开 office watches (nianbao status), with thresholds in site.yaml. */
    indicators: z.array(Indicator).default([]),
    recognize: TemplateRecognition.optional(),
  })
  .strict();

export type Template = z.infer<typeof Template>;
export type TemplateElement = z.infer<typeof TemplateElement>;
export type TemplateRecognition = z.infer<typeof TemplateRecognition>;
export type TemplateTable = z.infer<typeof TemplateTable>;
export type TableRow = z.infer<typeof TableRow>;
export type TableColumn = z.infer<typeof TableColumn>;

/** Whether `/` may be written in this column of this table. */
export function notApplicableAllowed(table: TemplateTable, column: TableColumn): boolean {
  return (column.notApplicable ?? table.notApplicable) === 'allowed';
}
export type TableLayout = z.infer<typeof TableLayout>;
export type TemplateBridge = z.infer<typeof TemplateBridge>;
export type ContinuityRule = z.infer<typeof ContinuityRule>;
