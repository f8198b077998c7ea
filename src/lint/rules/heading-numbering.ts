import { chineseOrdinal, headingNumber } from '../../markdown/numbering.ts';
import type { Finding, LintRule } from '../rule.ts';
import type { PublishedText } from '../subject.ts';
import { snippet } from '../text-classes.ts';

const CN = '[一二三四五六七八九十]+';

/** Outline numbers as written by hand: 一、 （一） 1. （1）, with the level each one marks. */
const OUTLINE: { level: number; re: RegExp; chinese: boolean }[] = [
  { level: 1, re: new RegExp(`^\\s*(${CN})\\s*[、．.]`), chinese: true },
  { level: 2, re: new RegExp(`^\\s*[（(]\\s*(${CN})\\s*[）)]`), chinese: true },
  { level: 3, re: /^\s*(\d{1,2})\s*[.．、](?!\d)/, chinese: false },
  { level: 4, re: /^\s*[（(]\s*(\d{1,2})\s*[）)]/, chinese: false },
];

const fromChinese = (s: string) => {
  for (let n = 1; n < 100; n++) if (chineseOrdinal(n) === s) return n;
  return NaN;
};

/** The hand-written outline number a text starts with, if any. */
export function leadingNumber(text: string): { level: number; n: number; written: string } | undefined {
  for (const o of OUTLINE) {
    const m = o.re.exec(text);
    if (m) return { level: o.level, n: o.chinese ? fromChinese(m[1]!) : Number(m[1]), written: m[0].trim() };
  }
  return undefined;
}

/** "一是……二是……四是": the enumerations of a paragraph, which must count 1, 2, 3. */
export function enumerationGap(text: string): { offset: number; expected: number; written: string } | undefined {
  const re = new RegExp(`(?<=^|[，。；：、\\s])(${CN})是`, 'g');
  let expected = 1;
  for (const m of text.matchAll(re)) {
    const n = fromChinese(m[1]!);
    if (n !== expected) return { offset: m.index, expected, written: m[0] };
    expected++;
  }
  return undefined;
}

const isTitle = (t: PublishedText) => (t.kind === 'field' && t.sourceKind === 'section' && t.where === 'title') || (t.kind === 'block' && t.where === 'heading');

export const headingNumbering: LintRule = {
  id: 'lint.heading-numbering',
  severity: 'warning',
  title: '序号问题：标题里手写了序号（会与自动序号重复），正文的序号或“一是、二是”不连续',
  check(subject) {
    const out: Finding[] = [];
    const expected = new Map<string, number[]>();
    for (const t of subject.texts) {
      if (isTitle(t)) {
        expected.set(t.file, [0, 1, 1, 1, 1]);
        const lead = leadingNumber(t.text);
        if (lead) {
          out.push({
            at: t.at(0),
            message: `标题前手写了序号“${lead.written}”：nianbao 会按位置自动生成“一、（一）1.（1）”，发布后序号会重复。`,
            hint: '删除标题里的序号，只写标题文字。',
            value: t.text,
          });
        }
        continue;
      }
      if (t.kind !== 'block' || t.where !== 'paragraph') continue;
      const gap = enumerationGap(t.text);
      if (gap) {
        out.push({
          at: t.at(gap.offset),
          message: `“${gap.written}”不连续：这里应是“${chineseOrdinal(gap.expected)}是”。`,
          hint: '按一是、二是、三是的顺序编号。',
          value: snippet(t.text, gap.offset),
        });
      }
      const lead = leadingNumber(t.text);
      if (!lead) continue;
      const counters = expected.get(t.file) ?? [0, 1, 1, 1, 1];
      const want = counters[lead.level]!;
      if (lead.n !== want) {
        out.push({
          at: t.at(0),
          message: `段首序号“${lead.written}”不连续：按前文应是“${headingNumber(lead.level, want).replace(/^(\d+)\.$/, '$1.')}”。`,
          hint: '检查是否漏写、重复或写错了序号。',
          value: snippet(t.text, 0, 12),
        });
      }
      counters[lead.level] = lead.n + 1;
      for (let l = lead.level + 1; l < counters.length; l++) counters[l] = 1;
      expected.set(t.file, counters);
    }
    return out;
  },
};
