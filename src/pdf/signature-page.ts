/**
 * The signature never stands alone on a page (GB/T 9704-2012 7.3.5.5: when the space left cannot
 * hold the seal or the 成文日期, spacing may be adjusted). Where the body ends at a page foot, the
 * closing (`break-inside: avoid`) would go over alone. The print is read back (pdf.js) and, when the
 * 署名's page holds no body line, printed again:
 * - `keep-lines` (default): breaks inside the last section avoided, so that its last lines (two at
 *   least, as widows) go over with the closing; if the signature is still alone (the last section is
 *   a heading and paragraphs too short to split), the last section starts a page, the third print. Spacing is not squeezed instead: every line of the
 *   print sits on the 22-line grid that `nianbao conform` and the Word file share, and the closing
 *   needs two to four lines, far more than an adjusted pitch would win on a page;
 * - `note`: the closing goes over alone, its page headed （此页无正文）, the line offices print on
 *   such a page: its first line, in body type two characters in, the closing's blank line(s) below.
 * Only reports whose signature stood alone are printed again: other prints stay as they were.
 */
import type { Page } from 'puppeteer-core';
import { PT_PER_MM, TYPE_AREA_PT } from '../official/filing-layout.ts';
import { PAGE_MM } from '../official/page.ts';
import type { PrintedLine } from './read-print.ts';

export type { PrintedLine } from './read-print.ts';

export type SignaturePage = 'keep-lines' | 'note';

export const NO_BODY_NOTE = '（此页无正文）';

const TYPE_TOP = PAGE_MM.top * PT_PER_MM;
const TYPE_BOTTOM = TYPE_TOP + TYPE_AREA_PT.height;

/** What the closing prints: the 署名 line (or the signer's line), the date, and how many lines of 附件说明 precede them. */
export interface ClosingText {
  signer: string;
  date: string;
  attachmentLines: number;
  /** Whether text follows the closing in the print (attachment pages): then the print is read from its start. */
  followed: boolean;
}

/** A print's pages, each read when asked for (read-print.ts's PrintReader). */
export interface PrintedPages {
  readonly pageCount: number;
  page(index: number): Promise<{ lines: PrintedLine[] }>;
}

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

/**
 * Whether the page holding the signature has no body line: every line above the 署名 in the type
 * area belongs to the closing (附件说明). The signature is the 署名 line followed (within three
 * lines) by the date line; false when it is not found. When nothing follows the closing, it is the
 * last such pair, so pages are read from the last one and usually one page is read; otherwise
 * (attachment pages after it) the first such pair, read from the first page.
 */
export async function signatureAlone(print: PrintedPages, closing: ClosingText): Promise<boolean> {
  const signer = squeeze(closing.signer);
  const date = squeeze(closing.date);
  const indexes = [...Array(print.pageCount).keys()];
  for (const index of closing.followed ? indexes : indexes.reverse()) {
    const body = (await print.page(index)).lines.filter((l) => l.top > TYPE_TOP - 1 && l.top < TYPE_BOTTOM + 1);
    const at = body.findIndex((l, i) => l.text === signer && body.slice(i + 1, i + 4).some((d) => d.text === date));
    if (at < 0) continue;
    return index > 0 && at <= closing.attachmentLines;
  }
  return false;
}

/** Runs in the print page before printing: the closing's text as the detector looks for it. */
export async function closingText(page: Page): Promise<ClosingText | undefined> {
  return page.evaluate(() => {
    const closing = document.querySelector<HTMLElement>('.closing');
    const signer = closing?.querySelector<HTMLElement>('.signer');
    const date = closing?.querySelector<HTMLElement>('.signed-date');
    if (!closing || !signer || !date) return undefined;
    const attachments = closing.querySelector<HTMLElement>('.attachments');
    const pitch = parseFloat(getComputedStyle(document.documentElement).lineHeight) || 1;
    // Its lines and the blank line below it.
    const attachmentLines = attachments ? Math.round(attachments.getBoundingClientRect().height / pitch) : 0;
    // Text shown after the closing (the attachment pages).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let followed = false;
    for (let node = walker.nextNode(); node && !followed; node = walker.nextNode()) {
      const after = closing.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING;
      followed = Boolean(after) && !closing.contains(node) && node.textContent!.trim() !== '' && Boolean(node.parentElement?.checkVisibility());
    }
    return { signer: signer.textContent ?? '', date: date.textContent ?? '', attachmentLines, followed };
  });
}

/** Prints again at most: the second time, the last section starts a page (see print-report.css). */
export const KEEP_TRIES = 2;

/** Before a print again (the `attempt`th): the signature kept with the body's last lines, or its page headed （此页无正文）. */
export async function keepSignatureWithBody(page: Page, how: SignaturePage, attempt = 1): Promise<void> {
  await page.evaluate(
    (mode: string, note: string, more: boolean) => {
      // On the document, not on <html>: a tab printing the next report swaps the body only (print-page.ts).
      const doc = document.querySelector<HTMLElement>('.official-document');
      if (mode === 'keep-lines') {
        doc?.classList.add('closing-kept');
        if (more) {
          // The innermost last section starts a page, and goes over with the closing whole.
          let section = document.querySelector('.report-body')?.lastElementChild;
          while (section?.lastElementChild?.classList.contains('report-section')) section = section.lastElementChild;
          if (section?.classList.contains('report-section')) section.classList.add('closing-page-start');
        }
        return;
      }
      const closing = document.querySelector<HTMLElement>('.closing');
      if (!closing || document.querySelector('.no-body-note')) return;
      // Before the closing, which then keeps its blank line(s) below the note as below the body.
      const line = document.createElement('p');
      line.className = 'no-body-note';
      line.textContent = note;
      closing.before(line);
    },
    how,
    NO_BODY_NOTE,
    attempt > 1,
  );
}

/** For the build log: what was done about a signature that stood alone. */
export function describeKept(result: { kept: number; alone: boolean }, how: SignaturePage): string {
  if (!result.kept) return '';
  if (result.alone) return '，署名仍单独成页（请调整正文）';
  return how === 'note' ? '，署名页印“（此页无正文）”' : '，正文最后几行移到署名页';
}
