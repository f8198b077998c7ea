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

const SEP_RE = new RegExp(`^${SEP}$`, 'u');
const separatorOf = new Map<string, boolean>();
/** Whether a code point may stand between a term's characters (tested once per code point). */
function isSeparator(cp: string): boolean {
  let sep = separatorOf.get(cp);
  if (sep === undefined) separatorOf.set(cp, (sep = SEP_RE.test(cp)));
  return sep;
}

const LATIN_OR_DIGIT = /[a-z0-9]/;

interface Term<T> {
  entry: T;
  /** The term's code points (folded, separators left out). */
  chars: string[];
  /** Short Latin terms (porn, jav, pk10) match only as whole words, not inside ordinary English words. */
  wholeWord: boolean;
}

/**
 * Matches a list of terms in text folded by foldForMatching, up to MAX_SEP separators between any
 * two of a term's characters (none with `separators: false`). The text's characters other than
 * separators are lined up once, and each term is compared where that line has the term's first
 * character, longest term first. (Regular expressions with the separator class between every
 * character gave the same matches, but building them took some 60 ms of every process that linted.)
 */
export class TermMatcher<T extends { term: string }> {
  private readonly byFirst = new Map<string, Term<T>[]>();
  private readonly maxGap: number;

  constructor(entries: readonly T[], { separators = true }: { separators?: boolean } = {}) {
    this.maxGap = separators ? MAX_SEP : 0;
    const seen = new Set<string>();
    for (const entry of entries) {
      const chars = [...foldForMatching(entry.term).text].filter((c) => !isSeparator(c));
      const key = chars.join('');
      if (chars.length === 0 || seen.has(key)) continue;
      seen.add(key);
      const list = this.byFirst.get(chars[0]!) ?? [];
      list.push({ entry, chars, wholeWord: /^[a-z0-9]{1,4}$/.test(key) });
      list.sort((a, b) => b.chars.length - a.chars.length);
      this.byFirst.set(chars[0]!, list);
    }
  }

  find(text: string): TermMatch<T>[] {
    const folded = foldOnce(text);
    const t = folded.text;
    // The characters that are not separators: each one's code point, UTF-16 offset, and place among all code points.
    const chars: string[] = [];
    const offsets: number[] = [];
    const places: number[] = [];
    let place = 0;
    for (let offset = 0; offset < t.length; place++) {
      const cp = String.fromCodePoint(t.codePointAt(offset)!);
      if (!isSeparator(cp)) {
        chars.push(cp);
        offsets.push(offset);
        places.push(place);
      }
      offset += cp.length;
    }
    const out: TermMatch<T>[] = [];
    for (let k = 0; k < chars.length; ) {
      const term = this.byFirst.get(chars[k]!)?.find((candidate) => this.matchesAt(candidate, chars, places, offsets, t, k));
      if (!term) {
        k++;
        continue;
      }
      const last = k + term.chars.length - 1;
      const [start, end] = originalSpan(folded, offsets[k]!, offsets[last]! + chars[last]!.length);
      out.push({ entry: term.entry, start, end, written: text.slice(start, end) });
      k = last + 1;
    }
    return out;
  }

  private matchesAt(term: Term<T>, chars: string[], places: number[], offsets: number[], t: string, k: number): boolean {
    const n = term.chars.length;
    if (k + n > chars.length) return false;
    for (let j = 1; j < n; j++) {
      if (chars[k + j] !== term.chars[j] || places[k + j]! - places[k + j - 1]! - 1 > this.maxGap) return false;
    }
    if (!term.wholeWord) return true;
    const end = offsets[k + n - 1]! + chars[k + n - 1]!.length;
    return !LATIN_OR_DIGIT.test(t[offsets[k]! - 1] ?? '') && !LATIN_OR_DIGIT.test(t[end] ?? '');
  }
}
