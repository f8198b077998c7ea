import { z } from 'zod';
import { IsoDate, LocalDateTime, NonEmpty } from './common.ts';
import { DocNumber, FilingSettings } from './filing.ts';
import { fieldLabels as L } from './labels.ts';
import { Rollup } from './rollup.ts';
import { Rule } from './rule.ts';

/** `report.yaml`: the publication metadata of one report. */
export const ReportMeta = z
  .object({
    title: NonEmpty.meta({ title: L.title, description: '如 辰溪县人民政府关于法治政府建设工作情况汇报（2022年）' }),
    year: z.int().min(1990).max(2100).meta({ title: L.year, description: '报告所属年度，如 2022' }),
    type: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, { message: 'template-id' })
      .meta({ title: L.type, description: '报告类型：项目 templates/ 下一个模板文件夹的名称（nianbao new --help 列出本项目的类型）' }),
    typeVersion: z.string().optional().meta({ title: L.typeVersion, description: '模板版本，如 2021；不写时用最新版本' }),
    issuer: NonEmpty.meta({ title: L.issuer, description: '发布机构的编号，即 content/issuers.yaml 里的 id，如 sifaju' }),
    source: NonEmpty.meta({ title: L.source }),
    writtenDate: IsoDate.meta({ title: L.writtenDate }),
    publishedAt: LocalDateTime.meta({ title: L.publishedAt }),
    docNumber: DocNumber.optional(),
    indexNumber: z
      .string()
      .regex(/^[0-9A-Z]{8,18}\/\d{4}-\d{1,8}$/, { message: 'index-number' })
      .optional()
      .meta({ title: L.indexNumber, description: '机构代码/年份-流水号，如 11431223MB1C449073/2023-00001；不写时按发布机构的索引号格式自动编号（发布后请运行 nianbao number 写入）' }),
    topic: NonEmpty.meta({ title: L.topic, description: '如 政务公开、司法' }),
    mainRecipient: NonEmpty.optional().meta({ title: L.mainRecipient, description: '主送机关，如 县人民政府；不带冒号，排在标题之下、正文之前' }),
    keywords: z.array(NonEmpty).default([]).meta({ title: L.keywords }),
    signature: NonEmpty.meta({ title: L.signature, description: '文末署名的机关名称' }),
    attachments: z.array(NonEmpty).default([]).meta({ title: L.attachments, description: '附件名称，每项一个' }),
    note: NonEmpty.optional().meta({ title: L.note, description: '附注，不带括号' }),
    validity: NonEmpty.optional().meta({ title: L.validity, description: '如 有效' }),
    rules: z.array(Rule).default([]).meta({ title: L.rules, description: '跨章节的指标一致性规则' }),
    status: z.enum(['draft', 'published']).default('published').meta({ title: L.status, description: 'draft 草稿（检查但不发布）；published 发布（默认）' }),
    filing: FilingSettings.optional(),
    rollup: z.array(Rollup).default([]).meta({ title: L.rollup, description: '本报告哪些表格是各发布机构同年同类报告的合计' }),
  })
  .strict()
  .meta({ title: '报告信息（report.yaml）' });

export type ReportMeta = z.infer<typeof ReportMeta>;
