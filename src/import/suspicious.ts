import { INJECTED_TERMS } from '../lint/lists/injected-terms.ts';
import { TermMatcher } from '../lint/term-matcher.ts';
import type { Block, ImportNotice } from './blocks.ts';

// The lint's own list and matcher: what import reports is what `check` would refuse.
const matcher = new TermMatcher(INJECTED_TERMS);

/** Reports injected terms (e.g. 娱乐老虎机) where the source has them. They are not removed: only the editor knows the original word. */
export function reportInjectedTerms(blocks: Block[], notices: ImportNotice[]): number {
  let count = 0;
  blocks.forEach((b, i) => {
    const texts = b.kind === 'text' ? [b.text] : b.rows.flat();
    for (const text of texts) {
      for (const m of matcher.find(text)) {
        count++;
        const where = b.kind === 'text' && b.line ? `原文第 ${b.line} 行` : `原文第 ${i + 1} 段`;
        const around = text.slice(Math.max(0, m.start - 12), m.end + 12);
        notices.push({
          severity: 'error',
          message: `${where}有疑似被篡改注入的词语“${m.written}”（网页被篡改时常用它替换“今年”等普通词语）。已原样导入，请对照原始文稿改回。`,
          where: `…${around}…`,
        });
      }
    }
  });
  return count;
}

/** Metric labels are built from the words before a figure; an injected term is not part of a name. */
export function withoutInjectedTerms(text: string): string {
  let out = text;
  for (const m of [...matcher.find(text)].reverse()) out = out.slice(0, m.start) + out.slice(m.end);
  return out;
}
