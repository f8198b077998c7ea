import { z } from 'zod';

const Threshold = z
  .object({
    min: z.number().min(0).max(100).optional().meta({ title: '不低于（%）' }),
    max: z.number().min(0).max(100).optional().meta({ title: '不高于（%）' }),
  })
  .strict();

/** `status:` in site.yaml: what `nianbao status` flags. */
export const StatusSettings = z
  .object({
    thresholds: z
      .record(z.string(), Threshold)
      .default({})
      .meta({ title: '指标阈值', description: '按模板的指标编号，如 gongkaiLv: { min: 60 }（公开率不低于 60%）、fuyiJiucuoLv: { max: 20 }（复议纠错率不高于 20%）' }),
  })
  .strict()
  .meta({ title: '发布情况（nianbao status）设置' });
export type StatusSettings = z.infer<typeof StatusSettings>;
