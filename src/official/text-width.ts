/**
 * Widths of text in body characters (em), for placing things the word processor lays out: a
 * Chinese character or full-width mark is one, a Latin letter or digit (Times New Roman) half,
 * narrow marks a quarter.
 */
const NARROW = new Set([...'.,:;!|\'il ']);

export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return NARROW.has(ch) ? 0.25 : 0.5;
  // Latin-1 and general punctuation: quotes, dashes and ellipses take a full cell in Chinese faces.
  if (cp < 0x2000) return 0.5;
  return 1;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/**
 * Word and LibreOffice put a quarter of a character between a Han character and a Latin letter or
 * digit (not next to punctuation).
 */
export const AUTO_SPACE = 0.25;

/** The width of text as set, automatic spaces included. */
export function setWidth(text: string): number {
  const chars = [...text];
  const han = (c: string) => /\p{Script=Han}/u.test(c);
  const alnum = (c: string) => /[0-9A-Za-z]/.test(c);
  let w = textWidth(text);
  for (let i = 1; i < chars.length; i++) {
    const [a, b] = [chars[i - 1]!, chars[i]!];
    if ((han(a) && alnum(b)) || (alnum(a) && han(b))) w += AUTO_SPACE;
  }
  return w;
}
