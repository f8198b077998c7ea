/**
 * The column (栏目) a page belongs to, as the government-website page specification's meta tags
 * name it: ColumnName and ColumnType. The site as a whole is one column of the portal; each report
 * type may be a column of its own (its type page, metrics page and report pages).
 */
import { z } from 'zod';
import { NonEmpty } from './common.ts';

export const ColumnSettings = z
  .object({
    name: NonEmpty.optional().meta({ title: '栏目名称（ColumnName）', description: '不写时用报告类型的名称，如 政府信息公开工作年度报告' }),
    type: NonEmpty.optional().meta({ title: '栏目类型（ColumnType）', description: '不写时用 site.yaml 的 columnType' }),
  })
  .strict();
export type ColumnSettings = z.infer<typeof ColumnSettings>;

/** `columns:` in site.yaml: report type id → its column. */
export const ColumnsByType = z
  .record(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'type-id' }), ColumnSettings)
  .default({})
  .meta({
    title: '各报告类型的栏目',
    description: '按报告类型（templates/ 下模板文件夹的名称）写栏目名称和栏目类型，与在全国政府网站基本数据库中登记的栏目一致；用于类型页、历年数据页和报告页的 ColumnName、ColumnType',
  });
export type ColumnsByType = z.infer<typeof ColumnsByType>;
