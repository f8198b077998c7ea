import type { z } from 'zod';
import { diag, type Diagnostic, type SourcePosition, type YamlSource } from '../diagnostics/diagnostic.ts';
import { parseChineseNumeral, suggestIsoDate } from '../metrics/chinese-numeral.ts';
import { fieldName } from '../schema/labels.ts';

export type Validated<T> = { ok: true; data: T } | { ok: false; diagnostics: Diagnostic[] };

/** Validates YAML data with a zod schema; every issue becomes a Chinese diagnostic at its line. */
export function validateYaml<S extends z.ZodType>(schema: S, source: YamlSource, data: unknown = source.data): Validated<z.output<S>> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, diagnostics: result.error.issues.map((issue) => issueToDiagnostic(issue, source)) };
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表（每项以“- ”开头）',
  object: '键值表（字段: 值）',
  record: '键值表（字段: 值）',
  tuple: '列表',
  null: '空值',
  undefined: '空',
};

function typeOfInput(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isInteger(v)) return 'int';
  return typeof v;
}

type Issue = z.core.$ZodIssue & { input?: unknown };

function issueToDiagnostic(issue: Issue, source: YamlSource): Diagnostic {
  const path = issue.path as PropertyKey[];
  const key = path.length > 0 ? (path[path.length - 1] as string | number) : undefined;
  const field = key === undefined ? '文件内容' : fieldName(key);
  const where = path.length > 1 ? `（位置：${path.map(String).join(' → ')}）` : '';
  const at = source.positionOf(path);
  const input = issue.input;

  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) {
        return diag('error', 'schema.required', at, `缺少必填字段 ${field}${where}。`, {
          hint: `在这里加上一行「${String(key)}: …」。`,
        });
      }
      const expected = String(issue.expected);
      if ((expected === 'number' || expected === 'int') && typeof input === 'string') {
        return numberAsText(input, key, field, where, at);
      }
      if (expected === 'object' && typeof input === 'string' && path.length === 0) {
        return diag('error', 'schema.type', at, '文件内容应为“字段: 值”的键值表，但整个文件被读成了一段文字。', {
          hint: '检查冒号：字段名后要用半角冒号加空格，如「title: 标题」。',
          value: input,
        });
      }
      return diag(
        'error',
        'schema.type',
        at,
        `${field} 应为${TYPE_NAMES[expected] ?? expected}，实际写的是${TYPE_NAMES[typeOfInput(input)] ?? typeof input}${where}。`,
        { value: input, hint: expected === 'array' ? `写成列表：\n  ${String(key)}:\n    - 第一项\n    - 第二项` : undefined },
      );
    }
    case 'unrecognized_keys': {
      const keys = issue.keys;
      const first = keys[0]!;
      return diag('error', 'schema.unknown-field', source.positionOf([...path, first], 'key'), `未知字段 ${keys.join('、')}${where}。`, {
        hint: /[\u4e00-\u9fff]/.test(first)
          ? '字段名用英文，中文写在值里。可用的字段见 README 的“内容格式”一节，VS Code 中可按 Ctrl+Space 补全。'
          : '检查拼写；可用的字段见 README 的“内容格式”一节。',
        value: first,
      });
    }
    case 'invalid_value':
      return diag('error', 'schema.value', at, `${field} 的值不在可选范围内${where}。`, {
        hint: `可选的值：${issue.values.map(String).join('、')}`,
        value: input,
      });
    case 'invalid_union': {
      if (issue.discriminator) {
        return diag('error', 'schema.value', at, `${field} 缺少或写错了 type${where}。`, {
          hint: '规则的 type 可选：sum（合计）、equal（相等）、ratio（比率）。',
          value: input,
        });
      }
      if (key === 'value' && typeof input === 'string') return numberAsText(input, key, field, where, at);
      return diag('error', 'schema.type', at, `${field} 的写法不对${where}。`, {
        hint: key === 'value' ? '数值写阿拉伯数字（如 1054），不适用写 "/"。' : '对照 README 的示例检查写法。',
        value: input,
      });
    }
    case 'too_small': {
      const isEmptyText = issue.origin === 'string';
      const message =
        issue.origin === 'array'
          ? `${field} 至少要有 ${String(issue.minimum)} 项${where}。`
          : isEmptyText
            ? `${field} 不能为空${where}。`
            : `${field} 不能小于 ${String(issue.minimum)}${where}。`;
      return diag('error', 'schema.range', at, message, { value: input });
    }
    case 'too_big':
      return diag('error', 'schema.range', at, `${field} 不能大于 ${String(issue.maximum)}${where}。`, { value: input });
    case 'invalid_format':
    case 'custom':
      return formatIssue(issue.message, field, where, at, input, key);
    default:
      return diag('error', 'schema.invalid', at, `${field} 不正确${where}：${issue.message}`, { value: input });
  }
}

/** A number typed as text: Chinese numerals, quotes, thousands separators. */
function numberAsText(input: string, key: string | number | undefined, field: string, where: string, at: SourcePosition): Diagnostic {
  const hint = numberTextHint(input, (n) => `${String(key)}: ${n}`) ?? '请写阿拉伯数字，如 1054 或 95.4；单位写在 unit 里，“余”“以上”写在 qualifier 里。';
  return diag('error', 'schema.number-as-text', at, `${field} 应为数字，这里写成了文字${where}。`, { hint, value: input });
}

/**
 * The fix for a number written as text, shared by metrics, table cells and flow-style YAML:
 * Chinese numerals (三十六点五 → 36.5), quotes and thousands separators ("1,268" → 1268).
 * `writeAs` shows the corrected line; undefined when the text is no number at all.
 */
export function numberTextHint(input: string, writeAs: (n: number) => string): string | undefined {
  const n = parseChineseNumeral(input);
  if (n !== undefined) return `请写阿拉伯数字：${writeAs(n)}`;
  const cleaned = input.replace(/[,，\s"'“”‘’]/g, '');
  const numeric = Number(cleaned);
  if (cleaned !== '' && /^[-+]?[\d.]+$/.test(cleaned) && !Number.isNaN(numeric)) return `去掉引号和逗号：${writeAs(numeric)}`;
  return undefined;
}

function formatIssue(
  message: string,
  field: string,
  where: string,
  at: SourcePosition,
  input: unknown,
  key: string | number | undefined,
): Diagnostic {
  if (message.startsWith('credit-code-check:')) {
    const expected = message.slice('credit-code-check:'.length);
    const code = String(input);
    return diag('error', 'schema.credit-code-check', at, `${field} 的校验码不对：按 GB 32100-2015，前 17 位对应的第 18 位应为「${expected}」，写的是「${code.slice(17)}」${where}。`, {
      hint: `核对代码的每一位：照抄无误时应为 ${code.slice(0, 17)}${expected}；校验码不符通常是前 17 位有一位抄错，请对照法人证书或登记系统。`,
      value: input,
    });
  }
  if (message.startsWith('doc-number-')) return docNumberIssue(message, field, where, at, input);
  switch (message) {
    case 'copy-number':
      return diag('error', 'schema.copy-number', at, `${field} 应为 6 位阿拉伯数字${where}。`, { hint: '写成 copyNumber: "000001"（加引号，不足 6 位前面补 0）。', value: input });
    case 'secrecy':
      return diag('error', 'schema.secrecy', at, `${field} 的写法不对${where}。`, { hint: '密级写 绝密、机密 或 秘密，保密期限用阿拉伯数字接在★之后，如 秘密★1年、机密★6个月。', value: input });
    case 'signed-by':
      return diag('error', 'schema.signed-by', at, `署名方式为 signed（加盖签发人签名章）时要写 signedBy${where}。`, {
        hint: '在 filing 下加上：\n  signedBy: { office: 县长, person: 签发人姓名 }\n或改为 sealing: unsealed / sealed。',
        value: input,
      });
    case 'credit-code':
      return diag('error', 'schema.credit-code', at, `${field} 应为 18 位，只用数字和大写字母（不用 I、O、S、V、Z）${where}。`, {
        hint: '如 11431223MB1C449073；字母一律大写。',
        value: input,
      });
    case 'index-pattern':
      return diag('error', 'schema.index-pattern', at, `${field} 的写法不对${where}。`, {
        hint: '可用的占位符：{creditCode}（统一社会信用代码）、{year}（发布年份）和一个流水号 {serial:5}（5 位，不足补 0），如 {creditCode}/{year}-{serial:5}。',
        value: input,
      });
    case 'issuer-id':
      return diag('error', 'schema.issuer-id', at, `${field} 只能用小写字母、数字和 -，以字母开头${where}。`, { hint: '如 sifaju、xianzhengfu（它会成为网址的一部分）。', value: input });
    case 'postcode':
      return diag('error', 'schema.postcode', at, `${field} 应为 6 位数字${where}。`, { hint: '写成 postcode: "419500"（加引号）。', value: input });
    case 'date':
    case 'datetime': {
      const withTime = message === 'datetime';
      const suggestion = suggestIsoDate(input, withTime);
      const example = withTime ? '2023-01-04 11:30' : '2023-01-04';
      return diag('error', 'schema.date', at, `${field} 的日期格式不对${where}。`, {
        hint: suggestion ? `写成「${String(key)}: ${suggestion}」（格式 ${example}）。` : `写成 ${example} 的格式。`,
        value: input,
      });
    }
    case 'date-invalid':
      return diag('error', 'schema.date', at, `${field} 不是一个真实存在的日期或时间${where}。`, { value: input, hint: '检查月份、日期和时刻。' });
    case 'metric-id':
      return diag('error', 'schema.metric-id', at, `${field} 的写法不对：编号只能用小写字母、数字，用 - . _ 连接，以字母开头${where}。`, {
        hint: '如 tiaojieyuan-zongshu、shenqing.xinshou.ziranren。',
        value: input,
      });
    case 'index-number':
      return diag('error', 'schema.index-number', at, `${field} 的格式不对${where}。`, {
        hint: '索引号的格式是“机构代码/年份-流水号”，如 11431223MB1C12345X/2023-00001。',
        value: input,
      });
    case 'template-id':
      return diag('error', 'schema.template-id', at, `${field} 的写法不对${where}。`, {
        hint: '报告类型是 templates/ 下模板文件夹的名称：小写字母、数字和 -，以字母开头。nianbao new --help 列出本项目可用的类型。',
        value: input,
      });
    case 'site-code':
      return diag('error', 'schema.site-code', at, `${field} 应为 10 位数字${where}。`, { value: input });
    case 'base-path':
      return diag('error', 'schema.base-path', at, `${field} 应以 / 开头并以 / 结尾${where}。`, { hint: '如 / 或 /fzzfjs/', value: input });
    case 'conac-id':
      return diag('error', 'schema.conac-id', at, `${field} 应为 32 位编号（数字和字母 A—F）${where}。`, {
        hint: '在颁发的标识代码里找 bszs.conac.cn/sitename?method=show&id= 之后的那一串，如 0123456789ABCDEF0123456789ABCDEF。',
        value: input,
      });
    case 'mark-image':
      return diag('error', 'schema.mark-image', at, `${field} 应为内容文件夹里的 PNG、GIF 或 JPEG 图片的相对路径，只用字母、数字、- 和 _${where}。`, {
        hint: '如 dangzheng-jiguan.png（放在 content/ 里）。',
        value: input,
      });
    case 'domain':
      return diag('error', 'schema.domain', at, `${field} 只写域名${where}。`, { hint: '如 www.chenxi.gov.cn（不带 https:// 和路径）', value: input });
    default:
      return diag('error', 'schema.invalid', at, `${field} 不正确${where}：${message}`, { value: input });
  }
}

/** 发文字号 (GB/T 9704-2012 7.2.5): what is wrong, and the number as it should be written. */
function docNumberIssue(message: string, field: string, where: string, at: SourcePosition, input: unknown): Diagnostic {
  const [kind, fixed] = message.slice('doc-number-'.length).split(':') as [string, string | undefined];
  const reason: Record<string, string> = {
    brackets: '年份要用六角括号〔〕括起，不用 [ ]、【】、（ ）等',
    zero: '序号不编虚位，前面不加 0',
    di: '序号前不加“第”字',
    year: '年份要写全四位',
    shape: '应为“发文机关代字〔年份〕序号号”',
  };
  return diag('error', 'schema.doc-number', at, `${field} 的写法不对：${reason[kind] ?? reason['shape']}${where}。`, {
    hint: fixed ? `写成「docNumber: ${fixed}」。` : '如 辰政发〔2023〕5号：机关代字、六角括号〔〕中的四位年份、不带“第”和虚位 0 的序号，最后是“号”。',
    value: input,
  });
}
