import { z } from 'zod';
import { NonEmpty } from './common.ts';
import { DocxSettings } from './docx.ts';
import { fieldLabels as L } from './labels.ts';
import { StatusSettings } from './status-settings.ts';
import { ColumnsByType } from './columns.ts';
import { OpenDataSettings } from './open-data.ts';
import { PartyGovMarkId, PartyGovMarkImage } from './party-gov-mark.ts';

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

/** `lint:` in site.yaml: how the content rules (src/lint) apply to this site. */
export const LintSettings = z
  .object({
    extraTerms: z
      .array(NonEmpty)
      .default([])
      .meta({ title: L.extraTerms, description: '本网站额外禁止发布的词语（按违规词检查，同样识别空格、符号、繁体等变形）' }),
    allowTerms: z
      .array(NonEmpty)
      .default([])
      .meta({ title: L.allowTerms, description: '内置违规词中本网站确需使用的词语，如在打击赌博的报道中出现的“老虎机”' }),
    officialNames: z
      .array(
        z
          .object({
            wrong: NonEmpty.meta({ title: L.wrong, description: '如 辰溪县人民正府' }),
            right: NonEmpty.meta({ title: L.right, description: '如 辰溪县人民政府' }),
          })
          .strict(),
      )
      .default([])
      .meta({ title: L.officialNames, description: '本地机关名称的常见错写，检查时按严重错误报告' }),
    allowedDomains: z
      .array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/, { message: 'domain' }))
      .default(['gov.cn'])
      .meta({
        title: L.allowedDomains,
        description: '正文可以链接的网站域名（含其子域名）；本网站的 domain 总是允许。不写时为 gov.cn；写了就只允许列出的域名',
      }),
    levels: z
      .record(z.string(), z.enum(['error', 'warning', 'off']))
      .default({})
      .meta({ title: L.levels, description: '改变某条检查规则的级别，如 lint.halfwidth-punctuation: off' }),
  })
  .strict();

export const SiteConfig = z
  .object({
    name: NonEmpty.meta({ title: L.name, description: '如 辰溪县人民政府 法治政府建设年度报告' }),
    government: NonEmpty.meta({ title: L.government, description: '如 辰溪县人民政府' }),
    siteName: NonEmpty.optional().meta({
      title: L.siteName,
      description: '网页 SiteName 标签的值：与全国政府网站基本数据库中登记的网站名称一字不差，如 辰溪县人民政府网；不写时用 government',
    }),
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
    columnName: NonEmpty.default('信息公开年报').meta({ title: L.columnName, description: '首页、搜索等页面的 ColumnName（本网站在门户网站中的栏目名称）' }),
    columnType: NonEmpty.default('信息公开年报').meta({ title: L.columnType, description: '各页面的 ColumnType（栏目类型），报告类型在 columns 里另写的除外' }),
    columns: ColumnsByType,
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
        partyGovMark: z.boolean().default(false).meta({ title: L.partyGovMark, description: '是否在页脚显示党政机关网站标识（开办资格审核通过、颁发了标识的网站）' }),
        partyGovMarkId: PartyGovMarkId.optional(),
        partyGovMarkImage: PartyGovMarkImage.optional(),
      })
      .strict()
      .meta({ title: L.footer }),
    docx: DocxSettings.default(DocxSettings.parse({})).meta({ title: 'Word 文件（公文格式）设置', description: '字体名称、三级标题加粗、标题与正文同段等；不写时按 GB/T 9704 的默认值' }),
    filingCopies: z
      .boolean()
      .default(false)
      .meta({
        title: L.filingCopies,
        description: '同时生成备案件（带版头、主送机关、版记的完整公文）：downloads/<报告>-beian.docx 和 -beian.pdf；也可在构建时用 nianbao build --form filing 临时打开',
      }),
    disclosureFields: z
      .array(DisclosureField)
      .default(['indexNumber', 'issuer', 'writtenDate', 'publishedAt', 'docNumber', 'topic'])
      .meta({ title: L.disclosureFields }),
    lint: LintSettings.prefault({}).meta({ title: L.lint, description: '发布前内容检查（违规词、暗链、名称错误、标点）的本网站设置' }),
    status: StatusSettings.prefault({}).meta({ title: L.status, description: 'nianbao status 标出超出阈值的指标' }),
    openData: OpenDataSettings.prefault({}).meta({ title: L.openData, description: '数据下载（data/）的使用条件说明' }),
  })
  .strict()
  .meta({ title: '网站设置（site.yaml）' });

export type SiteConfig = z.infer<typeof SiteConfig>;
export type DisclosureField = z.infer<typeof DisclosureField>;
export type LintSettings = z.infer<typeof LintSettings>;
