import { z } from 'zod';
import { NonEmpty } from './common.ts';
import { IssuerKind } from './issuer.ts';
import { fieldLabels as L } from './labels.ts';

/**
 * A county roll-up in `report.yaml`: each cell of the named tables in this report equals the sum
 * of the same cell over the selected issuers' reports of the same year and type. The selection is
 * the issuers of the listed kinds plus the listed ids, minus `exclude` and the report's own issuer.
 */
export const Rollup = z
  .object({
    description: NonEmpty.optional().meta({ title: L.description, description: '如 全县合计 = 县政府办公室 + 各部门 + 各乡镇' }),
    tables: z.array(z.string().min(1)).min(1).meta({ title: L.tables, description: '汇总的表格编号，如 [shenqing, fuyi-susong]' }),
    issuers: z
      .object({
        kinds: z.array(IssuerKind).default([]).meta({ title: L.kinds, description: '按类别选：government、department、township、other' }),
        ids: z.array(z.string().min(1)).default([]).meta({ title: L.ids, description: '另外选上的机构编号（issuers.yaml 的 id）' }),
        exclude: z.array(z.string().min(1)).default([]).meta({ title: L.exclude, description: '从上面选中的机构里去掉的' }),
      })
      .strict()
      .meta({ title: L.issuers, description: '参与汇总的发布机构' }),
  })
  .strict();
export type Rollup = z.infer<typeof Rollup>;
