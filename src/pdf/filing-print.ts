/**
 * Printing a filing copy: the 版记 goes to the foot of the last page, which must be even
 * (GB/T 9704-2012 7.4, 7.5). CSS cannot put a block at the foot of the last page, nor know which
 * page the text ends on; so the page is printed twice. The first print carries a marker where the
 * text ends; its page and height on that page, read from the PDF, decide (tailPlacement) whether
 * the 版记 goes below the text, alone on the next page, or after a blank page on unnumbered pages.
 * The second print has an empty block of the exact height that puts the 版记's last rule on the
 * type area's bottom edge.
 */
import type { Page } from 'puppeteer-core';
import { PT_PER_MM, TYPE_AREA_PT, tailPlacement } from '../official/filing-layout.ts';
import { PAGE_MM } from '../official/page.ts';
import { loadPdfJs, withoutFontPrograms } from '../store/pdfjs.ts';

export const FLOW_END_MARK = 'NBFLOWEND';
/** The marker is a line of 16 pt Latin text on the body's pitch: its baseline lies this far below the line's top. */
const MARK_BASELINE = (28.95 - 16) / 2 + 0.88 * 16;
const TYPE_TOP = PAGE_MM.top * PT_PER_MM;
const TYPE_BOTTOM = TYPE_TOP + TYPE_AREA_PT.height;
/** Left over so that rounding never pushes the 版记 onto another page. */
const SLACK = 0.3;

/** Before the first print: the marker shows where the text ends; the 版记 is left out. False when there is no 版记. */
export async function markFlowEnd(page: Page): Promise<boolean> {
  return page.evaluate((mark: string) => {
    const end = document.querySelector<HTMLElement>('[data-flow-end]');
    if (!end || !document.querySelector('[data-filing-tail]')) return false;
    end.textContent = mark;
    end.classList.add('measuring');
    return true;
  }, FLOW_END_MARK);
}

/** The page (1-based) and the height from the page's top edge, in points, at which the text ends. */
export async function findFlowEnd(pdf: Uint8Array): Promise<{ page: number; top: number; pages: number }> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: withoutFontPrograms(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  try {
    for (let p = doc.numPages; p >= 1; p--) {
      const page = await doc.getPage(p);
      const height = page.view[3]! - page.view[1]!;
      const { items } = await page.getTextContent();
      for (const item of items) {
        if ('str' in item && item.str.includes(FLOW_END_MARK)) return { page: p, top: height - item.transform[5]! - MARK_BASELINE, pages: doc.numPages };
      }
    }
  } finally {
    await task.destroy();
  }
  throw new Error('备案件的打印页里找不到正文结束的位置（标记没有印出）');
}

export interface TailLayout {
  page: number;
  blankBefore: boolean;
  numbered: boolean;
  /** Points of empty space above the 版记 on its page. */
  space: number;
  /** The 版记's height, points. */
  height: number;
}

/** Before the second print: the 版记 placed, and the marker turned into the space above it. */
export async function placeTail(page: Page, end: { page: number; top: number }): Promise<TailLayout | undefined> {
  const height = await page.evaluate(() => {
    const tail = document.querySelector<HTMLElement>('[data-filing-tail]');
    if (!tail) return undefined;
    document.documentElement.classList.add('tail-placed');
    // CSS pixels are 0.75 pt.
    return tail.getBoundingClientRect().height * 0.75;
  });
  if (height === undefined) return undefined;
  const free = TYPE_BOTTOM - end.top;
  const where = tailPlacement(end.page, free, height + SLACK);
  const space = (where.page === end.page ? free : TYPE_AREA_PT.height) - height - SLACK;
  await page.evaluate(
    (layout: { space: number; newPage: boolean; blankBefore: boolean; numbered: boolean }) => {
      const end = document.querySelector<HTMLElement>('[data-flow-end]')!;
      const tail = document.querySelector<HTMLElement>('[data-filing-tail]')!;
      end.textContent = '';
      end.classList.remove('measuring');
      // Set through the CSSOM: the print page's policy allows no style attributes in its markup.
      end.style.height = `${layout.space}pt`;
      if (layout.newPage) end.classList.add('new-page');
      if (!layout.numbered) for (const e of [end, tail]) e.classList.add('unnumbered');
      if (layout.blankBefore) {
        const blank = document.createElement('div');
        blank.className = 'blank-page unnumbered';
        end.before(blank);
      }
    },
    { space, newPage: where.page !== end.page, blankBefore: where.blankBefore, numbered: where.numbered },
  );
  return { ...where, space, height };
}
