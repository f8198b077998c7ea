/**
 * The open data files of the portal (data/…): one zod schema per file kind. The export builds its
 * objects to these types, tests parse the written files with them, and the JSON Schemas that go
 * out with the data (data/*.schema.json) are generated from them.
 */
import { z } from 'zod';
import { MetricValue } from './metric.ts';

const text = (title: string, description?: string) => z.string().meta(description ? { title, description } : { title });

/** Which report a row belongs to: every row carries it, so rows of many reports can be put together. */
export const RowReport = z.object({
  year: z.int().meta({ title: '年度', description: '报告所属的年度，如 2022（不是发布的年份）' }),
  type: text('报告类型编号', '报告所用模板的类型编号，同一类型的报告相同'),
  report: text('报告编号', '报告文件夹名，也是网址 reports/‹报告编号›/ 和数据文件名的一部分'),
  reportTitle: text('报告标题'),
  indexNumber: text('索引号'),
  issuer: text('发布机构', '发布机构全称'),
  issuerId: text('发布机构编号', '本网站给发布机构的编号，网址 issuers/‹发布机构编号›/'),
});

/** One metric of a report: a number the report states, with its typed value and its text as printed. */
export const DataRow = RowReport.extend({
  id: text('指标编号', '在同一份报告里唯一；统计表的格子是 表格.行.列，如 shenqing.xinshou.zongji'),
  label: text('指标名称'),
  unit: text('单位', '如 件、名、%、万元；没有单位时为空'),
  value: MetricValue.meta({
    title: '数值',
    description:
      'kind 说明数值的性质：exact 精确数，over “余”（20余条），at-least “以上”，within “以内”，这四种的数在 number；range 范围，from—to；na 不适用（“/”），没有数',
  }),
  text: text('报告原文写法', '报告中的写法，如 20余条、1—2次、/'),
  section: text('所在章节', '带序号的章节标题'),
  cell: z
    .object({ table: text('表格编号'), row: text('行编号'), column: text('列编号') })
    .optional()
    .meta({ title: '统计表格子', description: '只有统计表的格子有：表格、行、列的编号（模板中规定，各机构、各年度相同）' }),
});
export type DataRow = z.infer<typeof DataRow>;

const RollupPartData = z.object({ issuerId: z.string(), issuerName: z.string(), slug: z.string(), value: z.number().nullable() });

export const RollupData = z
  .object({
    table: z.string(),
    description: z.string().optional(),
    issuerIds: z.array(z.string()),
    cells: z.array(z.object({ metricId: z.string(), total: z.number().nullable(), sum: z.number().nullable(), parts: z.array(RollupPartData) })),
  })
  .meta({ title: '汇总明细', description: '县级汇总：本报告每个格子的数（total）、所选机构之和（sum）和各机构的数（parts；null 为“/”）' });

/** data/‹报告›.json: one report. */
export const ReportDataFile = z
  .object({
    slug: text('报告编号'),
    title: text('报告标题'),
    year: z.int().meta({ title: '年度' }),
    type: z.object({ id: z.string(), name: z.string(), version: z.string() }).meta({ title: '报告类型', description: '编号、名称和格式版本' }),
    issuer: text('发布机构'),
    issuerId: text('发布机构编号'),
    signature: text('署名'),
    publishedAt: text('发布日期', '格式 2023-01-20 09:30'),
    indexNumber: text('索引号'),
    metrics: z.array(DataRow).meta({ title: '指标', description: '报告中的全部指标，按章节顺序' }),
    rollups: z.array(RollupData).meta({ title: '汇总明细' }),
  })
  .meta({ title: '一份报告的数据（data/‹报告编号›.json）' });
export type ReportDataFile = z.infer<typeof ReportDataFile>;

/** A report listed in a combined file. */
export const ListedReport = z.object({
  report: text('报告编号'),
  title: text('报告标题'),
  year: z.int().meta({ title: '年度' }),
  issuer: text('发布机构'),
  issuerId: text('发布机构编号'),
  publishedAt: text('发布日期'),
  indexNumber: text('索引号'),
  url: text('报告网页', '相对于网站根目录的地址'),
});

/** data/‹类型›/‹年度›.json and data/‹类型›/all.json: every report of a type, of one year or of all years. */
export const TypeDataFile = z
  .object({
    type: z.object({ id: z.string(), name: z.string() }).meta({ title: '报告类型' }),
    year: z.int().nullable().meta({ title: '年度', description: '某一年度的合并文件为该年度；全部年度的合并文件为 null' }),
    reports: z.array(ListedReport).meta({ title: '包含的报告', description: '年度新的在前，同一年度按发布时间' }),
    rows: z.array(DataRow).meta({ title: '指标', description: '各报告的全部指标，每行都写明年度、报告和发布机构' }),
  })
  .meta({ title: '一种报告的合并数据（data/‹类型›/‹年度›.json、data/‹类型›/all.json）' });
export type TypeDataFile = z.infer<typeof TypeDataFile>;

/** The JSON Schema file names of the data, as published under data/. */
export const DATA_SCHEMA_FILES = { report: 'report-data.schema.json', type: 'type-data.schema.json' } as const;

/** `openData:` in site.yaml: the terms the data note states. */
export const OpenDataSettings = z
  .object({
    licence: z
      .string()
      .min(1)
      .optional()
      .meta({
        title: '使用条件',
        description: '数据说明里的使用条件；不写时为：可以免费下载、使用，使用时注明来源（主办单位）和报告标题或索引号，与报告正文有出入时以正文为准',
      }),
    licenceUrl: z
      .url({ protocol: /^https$/ })
      .optional()
      .meta({ title: '使用协议网址', description: '本地政府数据开放平台的使用协议（https://…），可不写' }),
  })
  .strict();
export type OpenDataSettings = z.infer<typeof OpenDataSettings>;
