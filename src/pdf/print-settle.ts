/**
 * A report printed until its pages need nothing more: each print is read back, and printed again
 * with what it asks for (the page as the server sent it, then every change in order):
 * 1. row-group labels repeated where a table continues inside a group (table-continuation.ts), until
 *    the repeats a print asks for are those it was printed with. The first print already has the
 *    repeats guessed from a layout of the page in columns (guessRepeats): on the samples and the
 *    benchmark's reports the guess is right nine times in ten, and saves the second print;
 * 2. then the signature kept off a page of its own (signature-page.ts), at most twice.
 * A report that needs neither is printed once, as before.
 */
import type { Page } from 'puppeteer-core';
import { everyPage, openPrint } from './read-print.ts';
import { KEEP_TRIES, closingText, keepSignatureWithBody, signatureAlone, type ClosingText, type SignaturePage } from './signature-page.ts';
import { guessRepeats, labelRepeats, repeatGroupLabels, sameRepeats, tableShapes, type LabelRepeat, type TableShape } from './table-continuation.ts';

/** Prints of the page, each running `beforePrint` when the page is ready. */
export type Print = (beforePrint: (page: Page) => Promise<unknown>) => Promise<Uint8Array>;

/** What a print was printed with. */
export interface PrintFixes {
  repeats: LabelRepeat[];
  /** The times the signature was kept with the body (keepSignatureWithBody's attempt). */
  kept: number;
}

export interface SettledPrint extends PrintFixes {
  pdf: Uint8Array;
  /** Whether the signature still stands alone after every try. */
  alone: boolean;
  /** Whether the table repeats settled (false: the last print's breaks asked for other repeats still). */
  settled: boolean;
}

/** Printed again at most this often for the tables (a split label can make its rows taller and move a break). */
const REPEAT_TRIES = 3;

/** Before a print: the fixes applied to the page as the server sent it. */
export async function applyFixes(page: Page, fixes: PrintFixes, how: SignaturePage): Promise<void> {
  await repeatGroupLabels(page, fixes.repeats);
  if (fixes.kept) await keepSignatureWithBody(page, how, fixes.kept);
}

/**
 * Prints until settled. `measure` runs in every print after the fixes (the filing copy marks where
 * its text ends there).
 */
export async function printSettled(print: Print, how: SignaturePage, measure?: (page: Page) => Promise<unknown>): Promise<SettledPrint> {
  const fixes: PrintFixes = { repeats: [], kept: 0 };
  let shapes: TableShape[] = [];
  let closing: ClosingText | undefined;
  let guessed = false;
  const beforePrint = async (page: Page) => {
    shapes = await tableShapes(page);
    closing ??= await closingText(page);
    if (!guessed) {
      guessed = true;
      fixes.repeats = await guessRepeats(page, shapes);
    }
    await applyFixes(page, fixes, how);
    await measure?.(page);
  };
  let pdf = await print(beforePrint);
  let tries = 0;
  for (;;) {
    // Only pages with a table continuing inside a group need the structure read, and then every page.
    const grouped = shapes.some((s) => s.rows.some((r) => r.groups > 0));
    const read = await openPrint(pdf, { tables: grouped });
    const found = await (async () => {
      const repeats = grouped ? labelRepeats(await everyPage(read, (p) => p.tables), shapes) : [];
      const settled = sameRepeats(repeats, fixes.repeats);
      // The signature is looked for once the tables are done with.
      if (!settled && tries < REPEAT_TRIES) return { repeats, settled, alone: false };
      return { repeats, settled, alone: closing !== undefined && (await signatureAlone(read, closing)) };
    })().finally(() => read.close());
    if (!found.settled && tries < REPEAT_TRIES) {
      tries++;
      fixes.repeats = found.repeats;
      pdf = await print(beforePrint);
      continue;
    }
    if (found.alone && fixes.kept < KEEP_TRIES) {
      fixes.kept++;
      pdf = await print(beforePrint);
      continue;
    }
    return { pdf, ...fixes, repeats: [...fixes.repeats], alone: fixes.kept > 0 && found.alone, settled: found.settled };
  }
}

/** For the build log: the labels repeated on continuation pages. */
export function describeRepeats(result: Pick<SettledPrint, 'repeats' | 'settled'>): string {
  if (!result.repeats.length) return '';
  return `，表格续页重复分组标题 ${result.repeats.length} 处${result.settled ? '' : '（分页仍在变动，请检查）'}`;
}
