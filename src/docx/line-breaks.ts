/**
 * Where a word processor breaks the lines of a body paragraph, predicted from its text: the DOCX
 * sets every body line on a fixed width with fixed tracking, so the breaks follow from the
 * characters' widths (a 三号 Chinese character is one em, Latin letters and digits Times New Roman
 * widths) and the line-breaking rules of Chinese (禁则: no line starts with 。，、） and the like,
 * none ends with （ “). Word and LibreOffice also put a small space between Chinese and Latin
 * letters or digits (LibreOffice whatever the file says: it does not read w:autoSpaceDE/DN, which
 * is why the DOCX leaves that space on and places its signature counting it).
 */
import { NO_END_MARKS, NO_START_MARKS } from '../official/line-rules.ts';

/** Times New Roman (and its metric twin Liberation Serif) advance widths, per 1000 em, for U+0020–U+007E. */
const TIMES = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

/** One character as set: its text, its advance in points (tracking included), whether it is Latin. */
export interface SetChar {
  ch: string;
  width: number;
  latin: boolean;
}

/** A character of `size` points with `tracking` points of character spacing. */
export function setChar(ch: string, size: number, tracking: number): SetChar {
  const code = ch.codePointAt(0)!;
  // The middle dot (U+00B7) is Latin-1: set in the Latin face, a quarter em.
  const latin = (code >= 0x20 && code <= 0x7e) || code === 0xb7;
  const em = code === 0xb7 ? 250 : latin ? TIMES[code - 0x20]! : 1000;
  return { ch, latin, width: (em / 1000) * size + tracking };
}

export interface LineModel {
  /** The line's width in points. */
  width: number;
  /** The first line's indent in points. */
  firstIndent: number;
  /** Space between a Chinese character and a Latin letter or digit (LibreOffice: about 0.2 em). */
  autospace: number;
}

const isWordChar = (c: SetChar) => c.latin && /[A-Za-z0-9.%]/.test(c.ch);

/**
 * The units a line may not be broken inside: a Latin word or a number (with its decimal point and
 * %), a Chinese character with the marks that may not start a line after it and those that may not
 * end one before it, a dash or an ellipsis pair.
 */
export function breakUnits(chars: SetChar[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const prev = chars[i - 1];
    if (!prev) {
      starts.push(i);
      continue;
    }
    const joined =
      NO_START_MARKS.includes(c.ch) ||
      NO_END_MARKS.includes(prev.ch) ||
      (isWordChar(c) && isWordChar(prev)) ||
      (c.ch === prev.ch && (c.ch === '—' || c.ch === '…')) ||
      (c.ch === ' ' && prev.latin) ||
      (c.latin && prev.ch === ' ');
    if (!joined) starts.push(i);
  }
  return starts;
}

/** The index of the first character of each line. */
export function predictLines(chars: SetChar[], model: LineModel): number[] {
  const starts = breakUnits(chars);
  const lines = [0];
  let used = model.firstIndent;
  for (let u = 0; u < starts.length; u++) {
    const from = starts[u]!;
    const to = starts[u + 1] ?? chars.length;
    let w = 0;
    for (let i = from; i < to; i++) {
      w += chars[i]!.width;
      const before = i === from ? (i === lines[lines.length - 1] ? undefined : chars[i - 1]) : chars[i - 1];
      if (before && before.latin !== chars[i]!.latin && isSpaced(before, chars[i]!)) w += model.autospace;
    }
    // The unit's trailing spaces may hang over the edge.
    let trailing = 0;
    for (let i = to - 1; i >= from && chars[i]!.ch === ' '; i--) trailing += chars[i]!.width;
    if (used + w - trailing > model.width + 0.05 && from !== lines[lines.length - 1]) {
      lines.push(from);
      // A unit that starts a line has no space before it.
      w = 0;
      for (let i = from; i < to; i++) w += chars[i]!.width + (i > from && chars[i - 1]!.latin !== chars[i]!.latin && isSpaced(chars[i - 1]!, chars[i]!) ? model.autospace : 0);
      used = 0;
    }
    used += w;
  }
  return lines;
}

/** The autospace goes between a Chinese character and a Latin letter or digit, not next to punctuation or spaces. */
export function isSpaced(a: SetChar, b: SetChar): boolean {
  const han = (c: SetChar) => /[\p{Script=Han}]/u.test(c.ch);
  const word = (c: SetChar) => /[A-Za-z0-9]/.test(c.ch);
  return (han(a) && word(b)) || (word(a) && han(b));
}

/** Letters and digits a line has besides punctuation and spaces. */
export const wordCount = (text: string) => [...text.replace(/[\s\u3000\p{P}\p{S}]/gu, '')].length;

/** Whether the paragraph's last line would hold one character (and its punctuation) only. */
export function loneLastLine(chars: SetChar[], lines: number[]): boolean {
  if (lines.length < 2) return false;
  const last = chars.slice(lines[lines.length - 1]!).map((c) => c.ch).join('');
  return wordCount(last) <= 1;
}
