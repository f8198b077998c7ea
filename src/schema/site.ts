import { z } from 'zod';
import { NonEmpty } from './common.ts';
import { fieldLabels as L } from './labels.ts';

export const DisclosureField = z.enum([
  'indexNumber',
  'issuer',
  'source',
  'writtenDate',
  'publishedAt',
  'docNumber',
  'topic',
  'keywords',
  'validity',
]);

export const SiteConfig = z
  .object({
    name: NonEmpty.meta({ title: L.name, description: '如 辰溪县人民政府 法治政府建设年度报告' }),
    government: NonEmpty.meta({ title: L.government, description: '如 辰溪县人民政府' }),
    domain: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?$/, { message: 'domain' })
      .optional()
      .meta({ title: L.domain, description: '不带 https://，如 www.chenxi.gov.cn' }),
    basePath: z
      .string()
      .regex(/^\/(?:[A-Za-z0-9._~-]+\/)*$/, { message: 'base-path' })
      .default('/')
      .meta({ title: L.basePath, description: '网站挂在县政府门户的哪个子路径下，以 / 开头和结尾，如 /fzzfjs/' }),
    columnName: NonEmpty.default('信息公开年报').meta({ title: L.columnName }),
    footer: z
      .object({
        sponsor: NonEmpty.meta({ title: L.sponsor }),
        organizer: NonEmpty.optional().meta({ title: L.organizer }),
        siteCode: z
          .string()
          .regex(/^\d{10}$/, { message: 'site-code' })
          .optional()
          .meta({ title: L.siteCode, description: '10 位数字，如 4312230001' }),
        icp: NonEmpty.optional().meta({ title: L.icp, description: '如 湘ICP备05001234号' }),
        police: NonEmpty.optional().meta({ title: L.police, description: '如 湘公网安备 43122302000123号' }),
        contact: NonEmpty.optional().meta({ title: L.contact }),
        partyGovMark: z.boolean().default(false).meta({ title: L.partyGovMark }),
      })
      .strict()
      .meta({ title: L.footer }),
    disclosureFields: z
      .array(DisclosureField)
      .default(['indexNumber', 'issuer', 'writtenDate', 'publishedAt', 'docNumber', 'topic'])
      .meta({ title: L.disclosureFields }),
  })
  .strict()
  .meta({ title: '网站设置（site.yaml）' });

export type SiteConfig = z.infer<typeof SiteConfig>;
export type DisclosureField = z.infer<typeof DisclosureField>;
