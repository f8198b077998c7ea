import { CHARS_PER_LINE } from './official-format.ts';
import { setWidth } from '../official/text-width.ts';

/** `2023-01-04` → `2023年1月4日`: the 成文日期 in Arabic numerals, as GB/T 9704 (2012) writes it. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export interface SignaturePlacement {
  /** Where the issuer's name starts, in characters from the left edge of the type area. */
  nameStart: number;
  /** Where the date starts, in characters from the left edge of the type area. */
  dateStart: number;
  /**
   * The line that ends two characters from the right. It is set right-aligned, so the right space
   * holds whatever widths the word processor gives the digits; the other line is placed from it.
   */
  anchor: 'name' | 'date';
}

/**
 * An unsealed document (7.3.5.2, 不加盖印章): the issuer's name two characters from the right, the
 * date on the next line, its first character two characters right of the name's first character.
 * Only when the date is longer than the name does the date keep the two-character right space,
 * and the name's right space grows to match. `width` measures text as the renderer sets it (Word
 * and LibreOffice add a quarter character between Han characters and digits).
 */
export function placeSignature(name: string, date: string, lineChars = CHARS_PER_LINE, width: (t: string) => number = setWidth): SignaturePlacement {
  const nameWidth = width(name);
  const dateWidth = width(date);
  if (dateWidth <= nameWidth) {
    const nameStart = lineChars - 2 - nameWidth;
    return { nameStart, dateStart: nameStart + 2, anchor: 'name' };
  }
  const dateStart = lineChars - 2 - dateWidth;
  return { nameStart: dateStart - 2, dateStart, anchor: 'date' };
}

/**
 * A sealed document (7.3.5.1, 加盖印章): the date four characters from the right, the issuer's name
 * centred on the date above it. Returns the right space of each line, in characters (the name's is
 * never less than none).
 */
export function placeSealed(name: string, date: string, width: (t: string) => number = setWidth): { nameRight: number; dateRight: number } {
  const dateRight = 4;
  return { nameRight: Math.max(0, dateRight + (width(date) - width(name)) / 2), dateRight };
}

/** Blank lines between the body and the 署名 of each sealing (7.3.5): room for the seal or the signature seal. */
export const BLANK_LINES_BEFORE = { unsealed: 1, sealed: 2, signed: 2 } as const;
