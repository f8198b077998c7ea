import { isInvisible } from '../normalize.ts';
import type { Finding, LintRule } from '../rule.ts';

const NAMES: Record<string, string> = {
  '\u200b': '零宽空格',
  '\u200c': '零宽非连接符',
  '\u200d': '零宽连接符',
  '\u2060': '零宽不换行符',
  '\ufeff': '零宽不换行空格（BOM）',
  '\u00ad': '软连字符',
};

export const invisibleChar: LintRule = {
  id: 'lint.invisible-char',
  severity: 'warning',
  title: '看不见的字符（零宽空格等），常随网页复制进来，也被用来躲避违规词检查',
  check(subject) {
    const out: Finding[] = [];
    for (const t of subject.texts) {
      const chars = [...t.text];
      let offset = 0;
      let count = 0;
      let first = -1;
      let firstChar = '';
      for (const ch of chars) {
        if (isInvisible(ch)) {
          if (first < 0) {
            first = offset;
            firstChar = ch;
          }
          count++;
        }
        offset += ch.length;
      }
      if (count === 0) continue;
      const code = `U+${firstChar.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      out.push({
        at: t.at(first),
        message: `这里有 ${count} 个看不见的字符（${NAMES[firstChar] ?? '不可见字符'} ${code}${count > 1 ? ' 等' : ''}）。`,
        hint: '删除它们：在 VS Code 中打开“查看 → 显示空白字符”，或用查找替换（正则 [\\u200B-\\u200D\\u2060\\uFEFF]）全部替换为空。',
        value: t.text.slice(Math.max(0, first - 8), first + 8),
      });
    }
    return out;
  },
};
