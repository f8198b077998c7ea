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
 * An unsealed document (不加盖印章): the issuer's name ends two characters from the right, the date
 * starts two characters right of the name's first character; when that would push the date past
 * the two-character right space, the date keeps the right space and the name moves left instead.
 */
export function placeSignature(name: string, date: string, lineChars = CHARS_PER_LINE): SignaturePlacement {
  const nameWidth = setWidth(name);
  const dateWidth = setWidth(date);
  if (nameWidth >= dateWidth + 2) {
    const nameStart = lineChars - 2 - nameWidth;
    return { nameStart, dateStart: nameStart + 2, anchor: 'name' };
  }
  const dateStart = lineChars - 2 - dateWidth;
  return { nameStart: dateStart - 2, dateStart, anchor: 'date' };
}
