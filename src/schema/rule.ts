import { z } from 'zod';
import { fieldLabels as L } from './labels.ts';

/**
 * Metric ids inside rules may hold `$name` placeholders that `each` expands, so that a
 * template can say "for every column" once instead of seven times.
 */
export const RuleMetricId = z
  .string()
  .regex(/^[a-z$][a-z0-9$]*(?:[-_.][a-z0-9$]+)*$/, { message: 'metric-id' })
  .meta({ title: '指标编号' });
export const IdOrIds = z.union([RuleMetricId, z.array(RuleMetricId).min(1)]);

/** Placeholder values: `{col: [ziranren, zongji]}` makes `$col` in ids take each value in turn. */
export const Each = z
  .record(z.string(), z.array(z.string()).min(1))
  .optional()
  .meta({ title: L.each, description: '占位符的取值，如 {col: [ziranren, zongji]}，在编号里写 $col，规则对每个组合各检查一次' });

const common = {
  id: z.string().optional().meta({ title: '规则编号' }),
  description: z.string().optional().meta({ title: L.description, description: '规则的中文说明，报错时显示' }),
  each: Each,
};

export const SumRule = z
  .object({
    type: z.literal('sum'),
    total: IdOrIds.meta({ title: L.total, description: '合计指标（可以是几个指标之和）' }),
    parts: z.array(RuleMetricId).min(1).meta({ title: L.parts }),
    ...common,
  })
  .strict()
  .meta({ title: '合计等于分项之和' });

export const EqualRule = z
  .object({
    type: z.literal('equal'),
    metrics: z.array(RuleMetricId).min(2).meta({ title: '应相等的指标' }),
    ...common,
  })
  .strict()
  .meta({ title: '指标相等' });

export const RatioRule = z
  .object({
    type: z.literal('ratio'),
    rate: RuleMetricId.meta({ title: L.rate, description: '如 调处率' }),
    numerator: RuleMetricId.meta({ title: L.numerator }),
    denominator: RuleMetricId.meta({ title: L.denominator }),
    scale: z.number().positive().default(100).meta({ title: L.scale, description: '百分比为 100（默认）' }),
    tolerance: z
      .number()
      .nonnegative()
      .optional()
      .meta({ title: L.tolerance, description: '默认是比率末位的半个单位（95.4 → 0.05）' }),
    ...common,
  })
  .strict()
  .meta({ title: '比率等于分子除以分母' });

export const Rule = z.discriminatedUnion('type', [SumRule, EqualRule, RatioRule]);
export type Rule = z.infer<typeof Rule>;
export type SumRule = z.infer<typeof SumRule>;
export type RatioRule = z.infer<typeof RatioRule>;
