import type { MetricInput } from '../schema/metric.ts';
import { IdPool, pinyinSlug } from './pinyin-id.ts';

/** Measure words and units that real reports put after a number, longest first. */
const UNITS = [
  '个工作日', '工作日', '平方公里', '平方米', '万人次', '人次', '场次', '户次', '件次', '万元', '亿元', '千元',
  '公里', '千米', '小时', '分钟', '个月', '周年', '个百分点', '万平方米', '平方千米', '立方米', '公顷', '公斤', '千克', '万吨', '千瓦',
  '万人', '万户', '万件', '万份', '万次', '万册', '万条', '万个', '天次', '课时', '学时',
  '卷', '只', '辆', '栋', '幢', '倍', '轮', '笔', '例', '种', '株', '棵', '头', '架', '艘', '枚', '张', '根', '块', '盏', '秒',
  '个', '项', '名', '人', '件', '条', '份', '次', '场', '篇', '家', '所', '户', '处', '起', '批', '期', '天', '元', '套', '台',
  '部', '本', '册', '期', '座', '间', '支', '队', '组', '类', '宗', '位', '分', '吨', '米', '亩', '%', '％',
].sort((a, b) => b.length - a.length);

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const UNIT = `(?:${UNITS.join('|')})`;
/** number [—number] [余] unit [以上|以内|内] — the qualifiers editors meet in the text. */
const CANDIDATE = new RegExp(String.raw`(?<![\d.A-Za-z])(${NUMBER})(?:\s*[—–~～至-]\s*(${NUMBER}))?(余)?(${UNIT})(以上|以内|内)?`, 'gu');

// A clause ends at punctuation, and at another figure: 全县1054名调解人员中乡镇161人.
const CLAUSE_BREAK = /[，。；：、！？（）“”《》\n\d]/;
const LEADING = /^(?:我单位|本单位|我局|本局|我县|我市|我区|我办|本机关|其中|共有|共计|共|全县|全市|全区|全镇|全乡|全局|全年|今年|本年度|本年|近年来|累计|先后|分别|均(?!衡)|已|并(?![购联])|又|再(?![生])|同时|另外|此外)+/;
// Verbs and particles between a noun and its figure; not the last character of a word (统计, 所有, 作为, 截至).
const TRAILING = /(?:达到了|达到|控制在|保持在|稳定在|共计|合计|累计|总计|分别为|分别|超过|不少于|不低于|压缩至|提高到|增加到|下降到|达|(?<![作成认])为|是|约|(?<![公总])共|(?<![所])有|(?<![截甚])至|了)+$/;
/** Framing verbs before the thing counted (组织执法人员培训, 召开专题会议, 计划实施重点项目): the label starts after them. */
const FRAME = /^.*(?:组织(?=[\u4e00-\u9fff]{2})|召开|计划(?!生育))/;
/** Where a long clause may be cut to its last noun phrase: after these words. */
const PHRASE_BREAK = /^.*(?:的|对|向|将|把|在|从|与|和|及|以及|通过|围绕|开展|组织|完成|办理|受理|收到|接待|发放|举办|培训|审查|处理|新增)/;

const syllables = (s: string) => s.replace(/[^\u4e00-\u9fff]/g, '').length;

/** A clause longer than a name is cut after its last verb or particle, never inside a word. */
function wholePhrase(clause: string): string {
  const framed = FRAME.exec(clause);
  if (framed && clause.length - framed[0].length >= 2) clause = clause.slice(framed[0].length);
  if (clause.length <= 14) return clause;
  const cut = PHRASE_BREAK.exec(clause);
  const rest = cut ? clause.slice(cut[0].length) : clause;
  return rest.length >= 2 ? rest : clause;
}

export interface ExtractedMetric {
  input: MetricInput;
  /** The characters as they stood in the text. */
  written: string;
}

function clauseBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && !CLAUSE_BREAK.test(text[start - 1]!)) start--;
  return text.slice(start, index).trim().replace(LEADING, '').replace(TRAILING, '').trim();
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
    const label = wholePhrase(before.length >= 2 ? before : `${before}${next}`) || unit;
    // Readable ids, never one syllable: a one-character label takes its unit along (期 → qiqi is not it: 第几期 → label+unit).
    const base = pinyinSlug(label.slice(-6));
    const id = ids.take(base.length > 0 && syllables(label.slice(-6)) >= 2 ? base : pinyinSlug(`${label}${unit === '%' ? '比例' : unit}`.slice(-6)));
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
