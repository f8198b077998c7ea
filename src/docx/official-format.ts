/**
 * The numbers of GB/T 9704-2012 in Word's units (twips = 1/20 pt; sizes in half-points), and the
 * arithmetic on them. Everything the DOCX renderer places comes from here.
 */
import { CHARS_PER_LINE, LINES_PER_PAGE, PAGE_MM } from '../official/page.ts';

export const TWIPS_PER_MM = 1440 / 25.4;

export const mm = (n: number): number => Math.round(n * TWIPS_PER_MM);

/** A4 with the standard's margins in twips: 11906 × 16838, 2098/1984/1587/1474. */
export const PAGE = {
  width: mm(PAGE_MM.width),
  height: mm(PAGE_MM.height),
  top: mm(PAGE_MM.top),
  bottom: mm(PAGE_MM.bottom),
  left: mm(PAGE_MM.left),
  right: mm(PAGE_MM.right),
} as const;

export const TYPE_AREA = {
  width: PAGE.width - PAGE.left - PAGE.right,
  height: PAGE.height - PAGE.top - PAGE.bottom,
} as const;

export { CHARS_PER_LINE, LINES_PER_PAGE };

/** 225 mm / 22 = 579.8 twips; 580 would no longer fit 22 lines, so the pitch rounds down. */
export const LINE_PITCH = Math.floor(TYPE_AREA.height / LINES_PER_PAGE);

/** 156 mm / 28 = 15.79 pt: narrower than a 三号 character, hence the tracking below. */
export const CHAR_PITCH = TYPE_AREA.width / CHARS_PER_LINE;

/** Font sizes (字号) in half-points, Word's `w:sz`. */
export const SIZE = {
  二号: 44,
  三号: 32,
  四号: 28,
  小四: 24,
  五号: 21,
} as const;

/**
 * Character spacing (twips, negative) that lets `CHARS_PER_LINE` characters of this size fit the
 * line: 三号 is 320 twips, the pitch 315.9, so −5 (−0.25 pt; −0.2 pt would leave 28 characters
 * 0.2 pt too wide). Smaller sizes need none.
 */
export function trackingFor(sizeHalfPoints: number): number {
  const excess = sizeHalfPoints * 10 - CHAR_PITCH;
  return excess > 0 ? -Math.ceil(excess) : 0;
}

/** `n` characters of body text, in twips: indents are counted in characters of the grid. */
export const chars = (n: number): number => Math.round(n * CHAR_PITCH);

/** The body's first-line indent: two 三号 characters, as Word converts `firstLineChars="200"`. */
export const FIRST_LINE_INDENT = 2 * SIZE.三号 * 10;

/** 四号 page numbers sit in a line exactly as high as the type. */
export const PAGE_NUMBER_LINE = SIZE.四号 * 10;

/**
 * Footer distance from the page's bottom edge to the bottom of the page-number line, such that the
 * dashes (drawn at the middle of the line) sit 7 mm below the type area.
 */
export const FOOTER_DISTANCE = PAGE.bottom - mm(7) + PAGE_NUMBER_LINE / 2 - PAGE_NUMBER_LINE;

/** The page has no header; Word's usual distance keeps its empty header clear of the type area. */
export const HEADER_DISTANCE = mm(15);

/** Page numbers are one body character in from the outer edge of the type area. */
export const PAGE_NUMBER_INDENT = SIZE.三号 * 10;

/** The exact line height of a table cell or note line of this size: 1.25 lines, no grid. */
export const compactLine = (sizeHalfPoints: number): number => Math.round(sizeHalfPoints * 10 * 1.25);
