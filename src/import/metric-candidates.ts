import type { MetricInput } from '../schema/metric.ts';
import { IdPool, pinyinSlug } from './pinyin-id.ts';

/** Measure words and units that real reports put after a number, longest first. */
const UNITS = [
  '个工作日', '工作日', '平方公里', '平方米', '万人次', '人次', '场次', '户次', '件次', '万元', '亿元', '千元',
  '公里', '千米', '小时', '分钟', '个月', '周年',
  '个', '项', '名', '人', '件', '条', '份', '次', '场', '篇', '家', '所', '户', '处', '起', '批', '期', '天', '元', '套', '台',
  '部', '本', '册', '期', '座', '间', '支', '队', '组', '类', '宗', '位', '分', '吨', '米', '亩', '%', '％',
].sort((a, b) => b.length - a.length);

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const UNIT = `(?:${UNITS.join('|')})`;
/** number [—number] [余] unit [以上|以内|内] — the qualifiers editors meet in the text. */
const CANDIDATE = new RegExp(String.raw`(?<![\d.A-Za-z])(${NUMBER})(?:\s*[—–~～至-]\s*(${NUMBER}))?(余)?(${UNIT})(以上|以内|内)?`, 'gu');

// A clause ends at punctuation, and at another figure: 全县1054名调解人员中乡镇161人.
const CLAUSE_BREAK = /[，。；：、！？（）“”《》\n\d]/;
const LEADING = /^(?:其中|共有|共|全县|全市|全区|全年|今年|本年|近年来|累计|先后|分别|均|已|并|又|再|同时|另外|此外)+/;
const TRAILING = /(?:达到了|达到|达|为|是|约|共|计|有|至|了|超过|不少于|不低于|压缩至|提高到|增加到|下降到)+$/;

export interface ExtractedMetric {
  input: MetricInput;
  /** The characters as they stood in the text. */
  written: string;
}

function clauseBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && !CLAUSE_BREAK.test(text[start - 1]!)) start--;
  return text.slice(start, index).replace(LEADING, '').replace(TRAILING, '').trim();
}

function clauseAfter(text: string, index: number): string {
  let end = index;
  while (end < text.length && !CLAUSE_BREAK.test(text[end]!)) end++;
  return text.slice(index, end).trim();
}

/**
 * Finds the figures of a paragraph and replaces each by a metric reference. Dates (2020年, 1月31日),
 * hotline numbers (12345) and numbers inside names have no unit after them and stay text.
 */
export function extractMetrics(text: string, ids: IdPool, cleanLabel: (label: string) => string = (l) => l): { text: string; metrics: ExtractedMetric[] } {
  const metrics: ExtractedMetric[] = [];
  const out = text.replace(CANDIDATE, (written: string, a: string, b: string | undefined, over: string | undefined, unit: string, after: string | undefined, offset: number) => {
    const before = cleanLabel(clauseBefore(text, offset)).replace(LEADING, '');
    const next = cleanLabel(clauseAfter(text, offset + written.length).replace(/^[A-Za-z%％]+/, ''));
    // A bare verb before the number (实现了100个以上高频事项) says less than the noun after it.
    const label = (before.length >= 3 ? before : `${before}${next}`).slice(-20) || unit;
    const id = ids.take(pinyinSlug(label.slice(-6)));
    const u = unit === '％' ? '%' : unit;
    const input: MetricInput = { id, label, unit: u } as MetricInput;
    if (b !== undefined) input.range = [Number(a), Number(b)];
    else input.value = Number(a);
    if (b === undefined) {
      if (over) input.qualifier = 'over';
      else if (after === '以上') input.qualifier = 'at-least';
      else if (after === '以内' || after === '内') input.qualifier = 'within';
    }
    metrics.push({ input, written });
    // A qualifier the metric does not carry stays in the prose.
    const tail = b !== undefined && after ? after : '';
    return `:m[${id}]${tail}`;
  });
  return { text: out, metrics };
}
