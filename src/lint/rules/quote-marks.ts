import type { Finding, LintRule } from '../rule.ts';
import { isChinese, PROSE_KINDS, snippet } from '../text-classes.ts';

/** First problem with the quotation marks of one text, or undefined. */
export function quoteProblem(text: string): { offset: number; message: string; hint: string } | undefined {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ((ch === '"' || ch === "'") && (isChinese(text[i - 1]) || isChinese(text[i + 1]))) {
      return { offset: i, message: `中文里用了半角引号 ${ch}。`, hint: ch === '"' ? '改为全角引号“ ”。' : '改为全角引号‘ ’（用在双引号里面）。' };
    }
  }
  for (const [open, close] of [
    ['“', '”'],
    ['‘', '’'],
    ['「', '」'],
  ] as const) {
    let depth = 0;
    let lastOpen = -1;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === open) {
        depth++;
        lastOpen = i;
      } else if (text[i] === close) {
        if (depth === 0) return { offset: i, message: `引号方向反了或不成对：这里的 ${close} 前面没有 ${open}。`, hint: `前引号用 ${open}，后引号用 ${close}。` };
        depth--;
      }
    }
    if (depth > 0) return { offset: lastOpen, message: `引号不成对：${open} 没有对应的 ${close}。`, hint: `在引用结束处补上 ${close}。` };
  }
  return undefined;
}

export const quoteMarks: LintRule = {
  id: 'lint.quote-marks',
  severity: 'warning',
  title: '引号混用：中文里的半角引号、不成对或方向反了的引号、同一文件混用“”和「」',
  check(subject) {
    const out: Finding[] = [];
    const styles = new Map<string, { curly?: { at: Finding['at']; text: string; offset: number }; corner?: { at: Finding['at']; text: string; offset: number } }>();
    for (const t of subject.texts) {
      if (!PROSE_KINDS.has(t.kind)) continue;
      const problem = quoteProblem(t.text);
      if (problem) out.push({ at: t.at(problem.offset), message: problem.message, hint: problem.hint, value: snippet(t.text, problem.offset) });
      const seen = styles.get(t.file) ?? {};
      const curly = t.text.search(/[“”]/);
      const corner = t.text.search(/[「」]/);
      if (curly >= 0 && !seen.curly) seen.curly = { at: t.at(curly), text: t.text, offset: curly };
      if (corner >= 0 && !seen.corner) seen.corner = { at: t.at(corner), text: t.text, offset: corner };
      styles.set(t.file, seen);
    }
    for (const seen of styles.values()) {
      if (seen.curly && seen.corner) {
        out.push({
          at: seen.corner.at,
          message: '同一个文件里混用了“ ”和「 」两种引号。',
          hint: '中文正文统一用“ ”（引号里再引用时用‘ ’）。',
          value: snippet(seen.corner.text, seen.corner.offset),
        });
      }
    }
    return out;
  },
};
