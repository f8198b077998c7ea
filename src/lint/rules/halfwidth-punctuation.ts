import type { Finding, LintRule } from '../rule.ts';
import { isChinese, isHan, PROSE_KINDS, snippet } from '../text-classes.ts';

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '.': '。' };

/** Nearest character before/after `i` that is not a space. */
function neighbour(text: string, i: number, step: -1 | 1): string | undefined {
  for (let j = i + step; j >= 0 && j < text.length; j += step) if (!/\s/.test(text[j]!)) return text[j];
  return undefined;
}

/** Offsets of half-width punctuation used inside Chinese sentences. */
export function halfwidthInChinese(text: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!(ch in FULL)) continue;
    const prev = neighbour(text, i, -1);
    const next = neighbour(text, i, 1);
    if (ch === '.') {
      // 营造法治化营商环境.保护民营企业发展 — a dot between two characters; not 1.5 or www.
      if (isHan(text[i - 1]) && isHan(text[i + 1])) found.push(i);
      continue;
    }
    if (ch === '(' || ch === ')') {
      const close = ch === '(' ? text.indexOf(')', i) : -1;
      const open = ch === ')' ? text.lastIndexOf('(', i) : -1;
      const inside = ch === '(' ? text.slice(i + 1, close < 0 ? undefined : close) : text.slice(open + 1, i);
      if (/\p{Script=Han}/u.test(inside)) found.push(i);
      continue;
    }
    if ((ch === ':' || ch === ',') && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
    if (ch === ':' && text.startsWith('//', i + 1)) continue;
    if (isChinese(prev) || isChinese(next)) found.push(i);
  }
  return found;
}

export const halfwidthPunctuation: LintRule = {
  id: 'lint.halfwidth-punctuation',
  severity: 'warning',
  title: '中文句子里用了半角标点（, ; : ( ) 等），应为全角（，；：（））',
  check(subject) {
    const out: Finding[] = [];
    for (const t of subject.texts) {
      if (!PROSE_KINDS.has(t.kind) || !/\p{Script=Han}/u.test(t.text)) continue;
      const found = halfwidthInChinese(t.text);
      if (found.length === 0) continue;
      const chars = [...new Set(found.map((i) => t.text[i]!))];
      out.push({
        at: t.at(found[0]!),
        message: `中文句子里有 ${found.length} 处半角标点（${chars.join(' ')}）。`,
        hint: `改为全角：${chars.map((c) => `${c} → ${FULL[c]}`).join('，')}。从网页复制的文字常带半角标点。`,
        value: snippet(t.text, found[0]!),
      });
    }
    return out;
  },
};
