/**
 * The numbers of the printed page (GB/T 9704, as in ../shared official format), for the print
 * layout and for the tests that measure the PDF. The stylesheet src/styles/print-report.css sets
 * the same values; these are the ones code needs.
 */
import type { ReportMeta } from '../schema/report.ts';
import { titleLines } from '../official/title-lines.ts';
import { CHARS_PER_LINE, LINES_PER_PAGE, PAGE_MM } from '../official/page.ts';

const PT_PER_MM = 72 / 25.4;

/** A4 and the standard's margins, in points. */
export const PAGE = {
  width: PAGE_MM.width * PT_PER_MM,
  height: PAGE_MM.height * PT_PER_MM,
  top: PAGE_MM.top * PT_PER_MM,
  bottom: PAGE_MM.bottom * PT_PER_MM,
  left: PAGE_MM.left * PT_PER_MM,
  right: PAGE_MM.right * PT_PER_MM,
} as const;

/** The type area (版心): 156 × 225 mm. */
export const TYPE_AREA = {
  width: PAGE.width - PAGE.left - PAGE.right,
  height: PAGE.height - PAGE.top - PAGE.bottom,
} as const;

export { CHARS_PER_LINE, LINES_PER_PAGE };

/**
 * 225 mm / 22 lines is 28.99 pt; Word sets it as 579 twips (580 no longer fits 22 lines), 28.95 pt,
 * and so does the print stylesheet, so that the PDF and the Word file break lines alike.
 */
export const LINE_PITCH = 28.95;

/** 三号 body text, 二号 title, 四号 page numbers (pt). */
export const SIZE = { body: 16, title: 22, pageNumber: 14 } as const;

/** Where the page numbers' dashes sit: 7 mm below the type area. */
export const PAGE_NUMBER_DROP = 7 * PT_PER_MM;

/** A title line holds this many 二号 characters (the type area has no tracking for the title). */
export const TITLE_CHARS = Math.floor(TYPE_AREA.width / SIZE.title);

/**
 * The title broken into balanced lines, words whole: the same breaking as the Word file, so the
 * two look alike.
 */
export function documentTitleLines(report: { meta: Pick<ReportMeta, 'title' | 'signature'>; issuer: { name: string } }): string[] {
  return titleLines(report.meta.title, TITLE_CHARS, [report.issuer.name, report.meta.signature]);
}

/** The print page of a report, under the site's base path (src/pages/print/[slug]). */
export function printPagePath(base: string, slug: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b}print/${slug}/`;
}

/** The print page of a report's filing copy (src/pages/print/[slug]/beian.astro). */
export function filingPrintPagePath(base: string, slug: string): string {
  return `${printPagePath(base, slug)}beian/`;
}

/** The folder of the print pages in a built site. */
export const PRINT_FOLDER = 'print';
