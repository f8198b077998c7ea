import { z } from 'zod';
import { IssuerKind } from './issuer.ts';

/**
 * A legal publication deadline in `template.yaml`: reports of issuers of these kinds must be
 * published by month-day of the year after the report's year, per `source`.
 */
export const Deadline = z
  .object({
    kinds: z.array(IssuerKind).min(1),
    month: z.int().min(1).max(12),
    day: z.int().min(1).max(31),
    /** The provision that sets it, e.g. 《中华人民共和国政府信息公开条例》第四十九条. */
    source: z.string().min(1),
  })
  .strict();
export type Deadline = z.infer<typeof Deadline>;
