import { z } from 'zod';
import { NonEmpty } from './common.ts';
import { checkCreditCode, CREDIT_CODE_SHAPE } from './credit-code.ts';
import { fieldLabels as L } from './labels.ts';

/** 本级政府 / 政府部门 / 乡镇（街道） / 其他: what the deadlines and roll-ups select by. */
export const IssuerKind = z
  .enum(['government', 'department', 'township', 'other'])
  .meta({ title: L.kind, description: 'government 本级政府；department 政府部门；township 乡镇（街道）；other 其他' });
export type IssuerKind = z.infer<typeof IssuerKind>;

export const ISSUER_KIND_LABELS: Record<IssuerKind, string> = {
  government: '本级政府',
  department: '政府部门',
  township: '乡镇（街道）',
  other: '其他',
};

/** The message `credit-code-check:<expected>` carries the expected check character to the diagnostics. */
export const CreditCode = z
  .string()
  .regex(CREDIT_CODE_SHAPE, { message: 'credit-code' })
  .superRefine((code, ctx) => {
    const checked = checkCreditCode(code);
    if (!checked.ok && checked.problem === 'check') ctx.addIssue({ code: 'custom', message: `credit-code-check:${checked.expected}`, input: code });
  })
  .meta({ title: L.creditCode, description: '18 位统一社会信用代码（GB 32100-2015），如 11431223MB1C449073' });

export const DEFAULT_INDEX_PATTERN = '{creditCode}/{year}-{serial:5}';
const PATTERN_TOKEN = /\{([^{}]*)\}/g;

/** `{creditCode}`, `{year}` and one `{serial}` / `{serial:N}`: the serial is what keeps numbers distinct. */
export const IndexPattern = z
  .string()
  .refine((p) => [...p.matchAll(PATTERN_TOKEN)].every((m) => /^(creditCode|year|serial(:[1-9])?)$/.test(m[1]!)), { message: 'index-pattern' })
  .refine((p) => [...p.matchAll(PATTERN_TOKEN)].filter((m) => m[1]!.startsWith('serial')).length === 1, { message: 'index-pattern' })
  .meta({ title: L.indexPattern, description: '索引号格式：{creditCode} 统一社会信用代码，{year} 发布年份，{serial:5} 五位流水号。默认 {creditCode}/{year}-{serial:5}' });

export const Issuer = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, { message: 'issuer-id' })
      .meta({ title: L.id, description: '小写拼音或英文与 -，如 sifaju；是网址的一部分，报告的 issuer 写它' }),
    name: NonEmpty.meta({ title: L.issuerName, description: '全称，如 辰溪县司法局' }),
    shortName: NonEmpty.optional().meta({ title: L.shortName, description: '简称，如 县司法局' }),
    kind: IssuerKind,
    creditCode: CreditCode,
    indexPattern: IndexPattern.default(DEFAULT_INDEX_PATTERN),
    reports: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'template-id' }))
      .default([])
      .meta({ title: L.reports, description: '每年必须发布的报告类型：templates/ 下模板文件夹的名称，写成列表' }),
    contact: z
      .object({
        address: NonEmpty.optional().meta({ title: L.address }),
        telephone: NonEmpty.optional().meta({ title: L.telephone }),
        postcode: z.string().regex(/^\d{6}$/, { message: 'postcode' }).optional().meta({ title: L.postcode, description: '6 位数字，加引号' }),
      })
      .strict()
      .optional()
      .meta({ title: L.contact, description: '报告导语里的联系地址、电话' }),
    document: z
      .object({
        fullName: NonEmpty.optional().meta({ title: L.fullName, description: '机关全称；不写时同 name' }),
        normalizedName: NonEmpty.optional().meta({ title: L.normalizedName, description: '规范化简称，如 县司法局；发文机关标志可用它代替全称' }),
        mark: NonEmpty.optional().meta({ title: L.mark, description: '发文机关标志，如 辰溪县司法局文件；不写时为“机关全称文件”。联合行文时各机关名称去掉“文件”后上下排列，“文件”在右侧居中' }),
        markSize: z
          .number()
          .min(16)
          .max(72)
          .optional()
          .meta({ title: L.markSize, description: '发文机关标志的字号（磅）；不写时取 42 磅（初号），放不下时缩小到版心宽度' }),
      })
      .strict()
      .optional()
      .meta({ title: L.document, description: '公文版头用的机关全称、规范化简称、发文机关标志' }),
  })
  .strict()
  .meta({ title: '发布机构' });
export type Issuer = z.infer<typeof Issuer>;

/** `content/issuers.yaml`: every body that publishes reports on the site. */
export const IssuersFile = z
  .object({ issuers: z.array(Issuer).min(1).meta({ title: L.issuers }) })
  .strict()
  .meta({ title: '发布机构（issuers.yaml）' });
export type IssuersFile = z.infer<typeof IssuersFile>;
