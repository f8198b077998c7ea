import { z } from 'zod';
import { fieldLabels as L } from './labels.ts';

/** Metric ids are ASCII so that they work as JSON keys, CSV headers and across years. */
export const MetricId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$/, {
    message: 'metric-id',
  })
  .meta({ title: L.id, description: '小写拼音或英文，用 - 或 . 连接，如 tiaojieyuan-zongshu' });

export const Qualifier = z
  .enum(['exact', 'over', 'at-least', 'within'])
  .meta({
    title: L.qualifier,
    description: 'exact 精确（95.4%）；over 余数（20余条）；at-least 以上（3%以上）；within 以内（5个工作日内）',
  });

export const NotApplicable = z.literal('/');

/** A metric as an editor writes it in section frontmatter. */
export const MetricInput = z
  .object({
    id: MetricId,
    label: z.string().min(1).meta({ title: L.label, description: '指标的中文名称，如 人民调解员人数' }),
    value: z
      .union([z.number(), NotApplicable])
      .optional()
      .meta({ title: L.value, description: '阿拉伯数字，如 1054 或 95.4；不适用写 "/"' }),
    range: z
      .tuple([z.number(), z.number()])
      .optional()
      .meta({ title: L.range, description: '范围的上下限，如 [1, 2] 显示为 1—2次' }),
    qualifier: Qualifier.optional(),
    unit: z.string().default('').meta({ title: L.unit, description: '如 名、件、%、万元' }),
    decimals: z.int().min(0).max(6).optional().meta({ title: L.decimals, description: '固定显示的小数位数' }),
  })
  .strict()
  .meta({ title: '指标', description: '正文里用 :m[编号] 引用它' });

export type MetricInput = z.infer<typeof MetricInput>;

/** The resolved value of a metric: one shape per qualifier real reports use. */
export const MetricValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exact'), number: z.number() }),
  z.object({ kind: z.literal('over'), number: z.number() }),
  z.object({ kind: z.literal('at-least'), number: z.number() }),
  z.object({ kind: z.literal('within'), number: z.number() }),
  z.object({ kind: z.literal('range'), from: z.number(), to: z.number() }),
  z.object({ kind: z.literal('na') }),
]);
export type MetricValue = z.infer<typeof MetricValue>;

export const SourceRef = z.object({ file: z.string(), line: z.number(), column: z.number() });

/** A metric in the Report model. */
export const Metric = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  value: MetricValue,
  decimals: z.number().optional(),
  /** Set for cells of a template table. */
  cell: z.object({ table: z.string(), row: z.string(), column: z.string() }).optional(),
  /** The section (by slug) that declares it. */
  section: z.string(),
  source: SourceRef,
});
export type Metric = z.infer<typeof Metric>;
