import { z } from 'zod';

/**
 * An indicator the 政务公开 office watches, as template data: a percentage
 * Σ numerator ÷ (Σ denominator − Σ denominatorMinus) × 100 over the report's metric ids.
 */
export const Indicator = z
  .object({
    /** The key of its threshold in site.yaml `status.thresholds`, e.g. gongkaiLv. */
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    label: z.string().min(1),
    description: z.string().optional(),
    numerator: z.array(z.string()).min(1),
    denominator: z.array(z.string()).min(1),
    denominatorMinus: z.array(z.string()).default([]),
  })
  .strict();
export type Indicator = z.infer<typeof Indicator>;
