import { foldForMatching, originalSpan, type FoldedText } from './normalize.ts';

/**
 * What may stand between the characters of an injected term: spaces, symbols, dashes, dots and ASCII
 * punctuation (`娱 乐`, `娱★乐`, `娱.乐`). Chinese sentence punctuation (，、。；：（）“”) is not a
 * separator: "色彩、金色" must not read as 彩金.
 */
const SEP = String.raw`[\s\p{S}\p{Pd}\p{Pc}.·•・‧∙*#/\\|'"@&%!?~,;:]`;
const MAX_SEP = 8;

export interface TermMatch<T> {
  entry: T;
  /** Offsets in the original text. */
  start: number;
  end: number;
  /** The text as written, e.g. `娛 樂 老 虎 機`. */
  written: string;
}

// Several rules fold the same texts: keep the last few thousand foldings.
const folds = new Map<string, FoldedText>();
function foldOnce(text: string): FoldedText {
  let folded = folds.get(text);
  if (!folded) {
    if (folds.size > 5000) folds.clear();
    folded = foldForMatching(text);
    folds.set(text, folded);
  }
  return folded;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SEP_RE = new RegExp(`^${SEP}$`, 'u');

/**
 * Matches a list of terms in text folded by foldForMatching. Each term is a sticky regular
 * expression tried only where the text has the term's first character, longest term first: one
 * big alternation with separators between every character is far slower on long reports.
 */
export class TermMatcher<T extends { term: string }> {
  private readonly byFirst = new Map<string, { re: RegExp; entry: T; length: number }[]>();

  constructor(entries: readonly T[], { separators = true }: { separators?: boolean } = {}) {
    const seen = new Set<string>();
    for (const entry of entries) {
      const chars = [...foldForMatching(entry.term).text].filter((c) => !SEP_RE.test(c));
      const key = chars.join('');
      if (chars.length === 0 || seen.has(key)) continue;
      seen.add(key);
      let pattern = chars.map(escapeRe).join(separators ? `${SEP}{0,${MAX_SEP}}` : '');
      // Short Latin terms (porn, jav, pk10) only as whole words, not inside ordinary English words.
      if (/^[a-z0-9]{1,4}$/.test(key)) pattern = `(?<![a-z0-9])${pattern}(?![a-z0-9])`;
      // Keyed by the first UTF-16 unit: the text is scanned unit by unit.
      const first = key[0]!;
      const list = this.byFirst.get(first) ?? [];
      list.push({ re: new RegExp(pattern, 'uy'), entry, length: chars.length });
      list.sort((a, b) => b.length - a.length);
      this.byFirst.set(first, list);
    }
  }

  find(text: string): TermMatch<T>[] {
    const folded = foldOnce(text);
    const t = folded.text;
    const out: TermMatch<T>[] = [];
    for (let i = 0; i < t.length; ) {
      const candidates = this.byFirst.get(t[i]!);
      let matched = 0;
      for (const candidate of candidates ?? []) {
        candidate.re.lastIndex = i;
        const m = candidate.re.exec(t);
        if (!m) continue;
        const [start, end] = originalSpan(folded, i, i + m[0].length);
        out.push({ entry: candidate.entry, start, end, written: text.slice(start, end) });
        matched = m[0].length;
        break;
      }
      i += matched || 1;
    }
    return out;
  }
}
