import type { Finding, LintRule } from '../rule.ts';
import { PROSE_KINDS, snippet } from '../text-classes.ts';

/** 二0三五、二O二三: a digit zero or letter O among Chinese numerals, where 〇 belongs. */
const MIXED_ZERO = /[一二三四五六七八九〇]+[0OoＯ０][一二三四五六七八九〇0OoＯ０]*[一二三四五六七八九〇]|[一二三四五六七八九〇]+[0OoＯ０]+(?=年)/gu;

export const numeralZero: LintRule = {
  id: 'lint.numeral-zero',
  severity: 'warning',
  title: '汉字数字里混用了阿拉伯数字 0 或字母 O（如“二0三五年”），应写“〇”',
  check(subject) {
    const out: Finding[] = [];
    for (const t of subject.texts) {
      if (!PROSE_KINDS.has(t.kind)) continue;
      for (const m of t.text.matchAll(MIXED_ZERO)) {
        const fixed = m[0].replace(/[0OoＯ０]/gu, '〇');
        out.push({
          at: t.at(m.index),
          message: `汉字数字“${m[0]}”里混用了 0 或 O。`,
          hint: `写成“${fixed}”（〇 是汉字零），或全部用阿拉伯数字。`,
          value: snippet(t.text, m.index),
        });
      }
    }
    return out;
  },
};
