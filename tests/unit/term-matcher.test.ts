/**
 * The term matcher of the lint rules (src/lint/term-matcher.ts) lines up the text's characters
 * other than separators and compares terms there. It must find exactly what a sticky regular
 * expression per term, with up to eight separators between any two characters, finds — the
 * definition kept below as the oracle — on texts made of the terms' own characters, separators of
 * every kind (emoji, which are two UTF-16 units, among them), Chinese sentence punctuation
 * (which is not a separator) and Latin letters and digits around the short Latin terms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INJECTED_TERMS } from '../../src/lint/lists/injected-terms.ts';
import { foldForMatching, originalSpan } from '../../src/lint/normalize.ts';
import { TermMatcher, type TermMatch } from '../../src/lint/term-matcher.ts';

const SEP = String.raw`[\s\p{S}\p{Pd}\p{Pc}.·•・‧∙*#/\\|'"@&%!?~,;:]`;
const SEP_RE = new RegExp(`^${SEP}$`, 'u');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The definition: one sticky expression per term, tried where the text has its first character, longest first. */
function oracle<T extends { term: string }>(entries: readonly T[], separators = true): (text: string) => TermMatch<T>[] {
  const byFirst = new Map<string, { re: RegExp; entry: T; length: number }[]>();
  const seen = new Set<string>();
  for (const entry of entries) {
    const chars = [...foldForMatching(entry.term).text].filter((c) => !SEP_RE.test(c));
    const key = chars.join('');
    if (chars.length === 0 || seen.has(key)) continue;
    seen.add(key);
    let pattern = chars.map(escapeRe).join(separators ? `${SEP}{0,8}` : '');
    if (/^[a-z0-9]{1,4}$/.test(key)) pattern = `(?<![a-z0-9])${pattern}(?![a-z0-9])`;
    const list = byFirst.get(key[0]!) ?? [];
    list.push({ re: new RegExp(pattern, 'uy'), entry, length: chars.length });
    list.sort((a, b) => b.length - a.length);
    byFirst.set(key[0]!, list);
  }
  return (text) => {
    const folded = foldForMatching(text);
    const t = folded.text;
    const out: TermMatch<T>[] = [];
    for (let i = 0; i < t.length; ) {
      let matched = 0;
      for (const candidate of byFirst.get(t[i]!) ?? []) {
        candidate.re.lastIndex = i;
        const m = candidate.re.exec(t);
        if (!m) continue;
        const [start, end] = originalSpan(folded, i, i + m[0].length);
        out.push({
          entry: candidate.entry,
          start,
          end,
          written: text.slice(start, end),
        });
        matched = m[0].length;
        break;
      }
      i += matched || 1;
    }
    return out;
  };
}

const TERMS = [...INJECTED_TERMS, { term: 'pk10', category: 'gambling' as const }, { term: '娱乐', category: 'gambling' as const }];
const termChars = [...new Set(TERMS.flatMap((e) => [...e.term]))];
const SEPARATORS = [' ', '\u3000', '★', '.', '·', '-', '_', '*', '/', '😀', '💰', '\u200b', '\t'];
const NOT_SEPARATORS = ['，', '、', '。', '（', '）', '“', '的', '年', '县'];
const LATIN = ['a', 'k', 'p', '1', '0', 'x', 'B', 'Ｐ'];
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...termChars) },
  { weight: 3, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 1, arbitrary: fc.constantFrom(...NOT_SEPARATORS) },
  { weight: 1, arbitrary: fc.constantFrom(...LATIN) },
  { weight: 2, arbitrary: fc.constantFrom(...TERMS.map((e) => e.term)) }
);
const texts = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
const describeMatches = (found: TermMatch<{ term: string }>[]) => found.map((m) => `${m.entry.term}@${m.start}-${m.end}:${m.written}`);

describe('the term matcher', () => {
  it('finds what one regular expression per term finds, with separators between characters', () => {
    const matcher = new TermMatcher(TERMS);
    const expected = oracle(TERMS);
    fc.assert(
      fc.property(texts, (text) => {
        expect(describeMatches(matcher.find(text))).toEqual(describeMatches(expected(text)));
      }),
      { numRuns: 3000 }
    );
  });

  it('finds what they find without separators (official names), on random subsets of the terms', () => {
    fc.assert(
      fc.property(fc.subarray(TERMS, { minLength: 1, maxLength: 12 }), fc.array(texts, { minLength: 1, maxLength: 5 }), fc.boolean(), (entries, some, separators) => {
        const matcher = new TermMatcher(entries, { separators });
        const expected = oracle(entries, separators);
        for (const text of some) expect(describeMatches(matcher.find(text))).toEqual(describeMatches(expected(text)));
      }),
      { numRuns: 500 }
    );
  });

  it('allows eight separators between two characters, not nine, counting an emoji as one', () => {
    const matcher = new TermMatcher([{ term: '娱乐' }]);
    expect(matcher.find(`娱${'😀'.repeat(8)}乐`).map((m) => m.written)).toEqual([`娱${'😀'.repeat(8)}乐`]);
    expect(matcher.find(`娱${'😀'.repeat(9)}乐`)).toEqual([]);
    expect(matcher.find('娱、乐')).toEqual([]);
  });

  it('matches short Latin terms only as whole words, and reports where the editor wrote them', () => {
    const matcher = new TermMatcher([{ term: 'pk10' }]);
    expect(matcher.find('北京ＰＫ１０开奖').map((m) => [m.start, m.end, m.written])).toEqual([[2, 6, 'ＰＫ１０']]);
    expect(matcher.find('spk10x')).toEqual([]);
    expect(matcher.find('p k-1 0!')).toHaveLength(1);
  });
});
