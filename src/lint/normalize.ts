import CJK_Compatibility_Ideographs from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';

/**
 * Text folded for matching terms, with the offset in the original text of every folded character,
 * so that a match can be reported where the editor wrote it.
 */
export interface FoldedText {
  text: string;
  /** `start[i]`, `end[i]`: where folded character `i` came from in the original text (UTF-16 offsets). */
  start: number[];
  end: number[];
}

/** Characters that render as nothing and are used to split a term past a filter. */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0]/u;

export function isInvisible(ch: string): boolean {
  return INVISIBLE.test(ch);
}

/** Full-width sentence punctuation stays as written: it ends a phrase, it does not hide a term inside one. */
const CHINESE_PUNCTUATION = new Set(['，', '；', '：', '？', '！', '（', '）']);

// Taiwan and Hong Kong standards both map to mainland simplified forms; the term list is simplified.
// Built on first use: commands that never fold text do not pay for the dictionaries.
let converters: ((s: string) => string)[] | undefined;
const simplifiedCache = new Map<string, string>();

/**
 * One step of OpenCC's conversion, for text converted a character at a time: the one-character
 * entries of its dictionaries (the first dictionary given wins, as in OpenCC's groups). The phrase
 * entries, which cannot match a single character, were most of the 0.1 s that building OpenCC's
 * converters took. The steps are those of OpenCC's tw→cn and hk→cn: compatibility ideographs, the
 * region's variants, traditional to simplified; for every Han character they give what OpenCC's
 * converters give (tests/unit/fold-simplified.test.ts).
 */
function step(...dicts: string[]): (s: string) => string {
  const map = new Map<string, string>();
  for (const dict of dicts.reverse()) {
    for (const entry of dict.split('|')) {
      const space = entry.indexOf(' ');
      const source = entry.slice(0, space);
      if ([...source].length === 1) map.set(source, entry.slice(space + 1).split(' ')[0]!);
    }
  }
  return (s) => {
    let out = '';
    for (const ch of s) out += map.get(ch) ?? ch;
    return out;
  };
}

function simplifiers(): ((s: string) => string)[] {
  const normalize = step(CJK_Compatibility_Ideographs);
  const toSimplified = step(TSPhrases, TSCharacters);
  return [step(TWVariantsRevPhrases, TWVariantsRev), step(HKVariantsRevPhrases, HKVariantsRev)].map((variants) => (s: string) => toSimplified(variants(normalize(s))));
}

/** One character to its simplified form; a character-by-character fold keeps offsets exact. */
export function simplifyChar(ch: string): string {
  const cached = simplifiedCache.get(ch);
  if (cached !== undefined) return cached;
  let out = ch;
  converters ??= simplifiers();
  for (const convert of converters) {
    const c = convert(ch);
    if (c !== ch && [...c].length === 1) {
      out = c;
      break;
    }
  }
  simplifiedCache.set(ch, out);
  return out;
}

const foldCache = new Map<string, string>();

/** One code point folded: NFKC (Chinese sentence punctuation kept), lower case, simplified. */
function foldChar(cp: string): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let out = '';
  if (!isInvisible(cp)) {
    for (const ch of (CHINESE_PUNCTUATION.has(cp) ? cp : cp.normalize('NFKC')).toLowerCase()) {
      out += /\p{Script=Han}/u.test(ch) ? simplifyChar(ch) : ch;
    }
  }
  foldCache.set(cp, out);
  return out;
}

/**
 * NFKC (full-width letters, compatibility ideographs, circled digits; Chinese sentence punctuation
 * kept), invisible characters removed, lower case, traditional characters simplified.
 */
export function foldForMatching(input: string): FoldedText {
  const parts: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  for (let offset = 0; offset < input.length; ) {
    const code = input.charCodeAt(offset);
    const size = code >= 0xd800 && code <= 0xdbff && offset + 1 < input.length ? 2 : 1;
    // ASCII letters only change case; everything else goes through the cached fold.
    const folded = code < 0x80 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : input[offset]!) : foldChar(input.slice(offset, offset + size));
    for (let i = 0; i < folded.length; i++) {
      start.push(offset);
      end.push(offset + size);
    }
    parts.push(folded);
    offset += size;
  }
  return { text: parts.join(''), start, end };
}

/** Start and end (exclusive) in the original text of the folded range [from, to). */
export function originalSpan(folded: FoldedText, from: number, to: number): [number, number] {
  return [folded.start[from] ?? 0, folded.end[to - 1] ?? folded.start[from] ?? 0];
}
