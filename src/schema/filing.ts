import { z } from 'zod';
import { IsoDate, NonEmpty } from './common.ts';
import { fieldLabels as L } from './labels.ts';

/**
 * 发文字号 (GB/T 9704-2012 7.2.5): 发文机关代字, the year in full in 六角括号 〔〕, the serial number
 * without 第 and without leading zeros (不编虚位), then 号 — 辰政发〔2023〕5号. The message key of a
 * failed check carries the corrected number after a colon, for the hint (schema-diagnostics.ts).
 */
export const DOC_NUMBER = /^([^\s〔〕]+)〔(\d{4})〕([1-9]\d*)号$/;

/** What is wrong with a 发文字号, and the number as it should be written when that can be told. */
export function docNumberProblem(text: string): { problem: 'brackets' | 'zero' | 'di' | 'year' | 'shape'; fixed?: string } | undefined {
  if (DOC_NUMBER.test(text)) return undefined;
  let fixed = text.trim().replace(/\s+/g, '');
  let problem: 'brackets' | 'zero' | 'di' | 'year' | 'shape' | undefined;
  // Any other bracket around the year: [ ] ［ ］ 【 】 ( ) （ ） 〈 〉 { } ｛ ｝ 「 」.
  const bracketed = /[[［【(（〈{｛「]\s*(\d{2}|\d{4})\s*[\]］】)）〉}｝」]/.exec(fixed);
  if (bracketed && !fixed.includes('〔')) {
    fixed = fixed.replace(bracketed[0], `〔${bracketed[1]}〕`);
    problem = 'brackets';
  }
  if (/〕\s*第/.test(fixed)) {
    fixed = fixed.replace(/〕\s*第/, '〕');
    problem ??= 'di';
  }
  const zero = /〕0+(\d+号)$/.exec(fixed);
  if (zero) {
    fixed = fixed.replace(/〕0+(\d+号)$/, `〕${zero[1]!.replace(/^0+/, '') || '0'}`);
    problem ??= 'zero';
  }
  if (/〔\d{2}〕/.test(fixed)) return { problem: problem ?? 'year' };
  if (DOC_NUMBER.test(fixed) && problem) return { problem, fixed };
  return { problem: problem ?? 'shape', fixed: DOC_NUMBER.test(fixed) ? fixed : undefined };
}

export const DocNumber = NonEmpty.superRefine((text, ctx) => {
  const found = docNumberProblem(text);
  if (found) ctx.addIssue({ code: 'custom', message: `doc-number-${found.problem}:${found.fixed ?? ''}`, input: text });
}).meta({ title: L.docNumber, description: '发文字号，如 辰政发〔2023〕5号：年份用六角括号〔〕，序号不加“第”、不编虚位（不写 05）' });

/** 7.3.5: how the 署名 and 成文日期 are set. */
export const Sealing = z
  .enum(['unsealed', 'sealed', 'signed'])
  .meta({
    title: L.sealing,
    description: 'unsealed 不加盖印章（默认：署名右空二字，成文日期首字比署名首字右移二字）；sealed 加盖印章（成文日期右空四字，署名以成文日期为准居中，上方留出印章位置）；signed 加盖签发人签名章（职务和签名章右空四字，成文日期在其下空一行）',
  });
export type Sealing = z.infer<typeof Sealing>;

/**
 * `filing:` in report.yaml: what the filing copy (备案件/存档件, the whole 公文 with 版头 and 版记)
 * prints beyond the public copy. Every field may be left out; what is given is printed.
 */
export const FilingSettings = z
  .object({
    docNumber: DocNumber.optional().meta({
      title: L.docNumber,
      description: '备案件的发文字号，如 辰政发〔2023〕5号；不写时用 report.yaml 的 docNumber（网站公开版不标文号时写在这里）',
    }),
    mainRecipient: NonEmpty.optional().meta({ title: L.mainRecipient, description: '备案件的主送机关；不写时用 report.yaml 的 mainRecipient（网站公开版不写主送时写在这里）' }),
    issuedBy: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'issuer-id' }))
      .min(1)
      .optional()
      .meta({ title: L.issuedBy, description: '发文机关在 issuers.yaml 中的编号，主办机关在前；联合行文时写多个。不写时为本报告的发布机构（issuer）' }),
    signers: z.array(NonEmpty).optional().meta({ title: L.signers, description: '签发人姓名（上行文标注签发人）；写了签发人时，发文字号居左空一字，与最后一个签发人同一行' }),
    copyTo: z.array(NonEmpty).default([]).meta({ title: L.copyTo, description: '抄送机关，每项一个，按顺序排列；最后一项之后自动加句号' }),
    printedBy: NonEmpty.optional().meta({ title: L.printedBy, description: '印发机关，一般是发文机关的办公厅（室），如 辰溪县人民政府办公室' }),
    printedDate: IsoDate.optional().meta({ title: L.printedDate, description: '印发日期，写成 2023-01-04（印在版记上是 2023年1月4日印发）' }),
    copyNumber: z.string().regex(/^\d{6}$/, { message: 'copy-number' }).optional().meta({ title: L.copyNumber, description: '份号：6 位数字，加引号，如 "000001"' }),
    secrecy: z
      .string()
      .regex(/^(绝密|机密|秘密)(★(\d+年|\d+个月|长期))?$/, { message: 'secrecy' })
      .optional()
      .meta({ title: L.secrecy, description: '密级和保密期限，如 秘密★1年。标有密级的文件不得在网站公开（检查时报错）' }),
    urgency: z.enum(['特急', '加急']).optional().meta({ title: L.urgency, description: '紧急程度：特急 或 加急' }),
    sealing: Sealing.default('unsealed'),
    signedBy: z
      .object({
        office: NonEmpty.meta({ title: L.office, description: '签发人职务，如 县长' }),
        person: NonEmpty.meta({ title: L.person, description: '签发人姓名（签名章的位置）' }),
      })
      .strict()
      .optional()
      .meta({ title: L.signedBy, description: 'sealing: signed 时必填：签名章左侧的职务和签发人' }),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.sealing === 'signed' && !f.signedBy) ctx.addIssue({ code: 'custom', message: 'signed-by', path: ['sealing'], input: f.sealing });
  })
  .meta({ title: L.filing, description: '备案件（带版头和版记的公文）的发文字号以外的要素：发文机关、签发人、抄送、印发机关和日期、份号、密级、紧急程度、署名方式' });

export type FilingSettings = z.infer<typeof FilingSettings>;
