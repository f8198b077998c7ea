import { z } from 'zod';
import { NonEmpty } from './common.ts';
import { fieldLabels as L } from './labels.ts';
import { MetricInput, NotApplicable } from './metric.ts';
import { Rule } from './rule.ts';

/**
 * One row of a template table: the cells in column order, `/` where not applicable. `null` is a
 * cell left blank in the source (import writes it so): kept as blank, and an error in check until filled in.
 */
export const TableRowValues = z.array(z.union([z.number(), NotApplicable, z.null()]));

/** The YAML frontmatter of a section file `NN-name.md`. */
export const SectionFrontmatter = z
  .object({
    title: NonEmpty.meta({ title: L.title, description: '不写序号（一、（一）由位置自动生成）' }),
    level: z
      .int()
      .min(1)
      .max(4)
      .default(1)
      .meta({ title: L.level, description: '1 = 一、 2 = （一） 3 = 1. 4 = （1）' }),
    elements: z
      .array(z.string())
      .default([])
      .meta({ title: L.elements, description: '本节属于模板的哪项必备内容（标题无法识别时填写）' }),
    metrics: z.array(MetricInput).default([]).meta({ title: L.metrics }),
    rules: z.array(Rule).default([]).meta({ title: L.rules }),
    tables: z
      .record(z.string(), z.record(z.string(), TableRowValues))
      .default({})
      .meta({ title: L.tables, description: '模板表格的数据：表格编号 → 行编号 → 按列顺序的数值' }),
  })
  .strict()
  .meta({ title: '章节（NN-名称.md 的开头）' });

export type SectionFrontmatter = z.infer<typeof SectionFrontmatter>;
