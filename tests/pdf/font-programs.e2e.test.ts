/**
 * Reading a printed PDF without its embedded font programs (withoutFontPrograms, src/store/pdfjs.ts):
 * the PDF stage reads each print back (read-print.ts, filing-print.ts) and the OFD stage reads each
 * finished PDF (ofd/pdf-drawing.ts) for text, positions, advances and structure only. pdf.js must
 * read exactly the same of them with the programs hidden: checked on Chromium's own prints of the
 * samples (as the PDF stage reads them, before finishing) and on the finished public and filing
 * PDFs of the run's shared build (as the OFD stage reads them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type PrintBrowser } from '../../src/pdf/chromium.ts';
import { guardPage, printPage } from '../../src/pdf/print-page.ts';
import { printPagePath } from '../../src/pdf/print-layout.ts';
import { serveSite } from '../../src/pdf/site-server.ts';
import { loadPdfJs, withoutFontPrograms } from '../../src/store/pdfjs.ts';
import { printingBrowserPath } from '../helpers/browser.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

type PdfJs = Awaited<ReturnType<typeof loadPdfJs>>;

/** How many font programs a PDF names (/FontFile, /FontFile2, /FontFile3 keys). */
const fontPrograms = (pdf: Uint8Array) => (Buffer.from(pdf).toString('latin1').match(/\/FontFile[23]?[\s/<>[\]()]/g) ?? []).length;

/** A glyph of a text-showing operator as the OFD stage uses it (ofd/pdf-drawing.ts), or a spacing number. */
type ShownGlyph = { unicode: string; width: number; isSpace: boolean } | number | null;

/** Everything pdf.js reads of a PDF that nianbao's readers use: per page, the text items (with marked content), the structure tree, and the shown glyphs with their fonts' names and matrices. */
async function reading(pdfjs: PdfJs, data: Uint8Array, fonts: boolean) {
  const doc: PDFDocumentProxy = await pdfjs.getDocument({ data, useSystemFonts: false, disableFontFace: true, fontExtraProperties: true, verbosity: 0 }).promise;
  try {
    const pages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      // Each item's font is named by pdf.js's handle for it, which counts the documents opened
      // (g_d2_f21); nianbao's readers use the text, its place and its marked content.
      const text = (await page.getTextContent({ includeMarkedContent: true })).items.map((item) => {
        const { fontName: _handle, ...rest } = item as { fontName?: string };
        return rest;
      });
      const structure = await page.getStructTree();
      const shown: { font: string; glyphs: ShownGlyph[] }[] = [];
      if (fonts) {
        const ops = await page.getOperatorList();
        let font = '';
        for (let i = 0; i < ops.fnArray.length; i++) {
          const args = ops.argsArray[i] as unknown[];
          if (ops.fnArray[i] === pdfjs.OPS.setFont) {
            const f = page.commonObjs.get(args[0] as string) as { name?: string; fontMatrix?: number[] };
            font = `${f.name} ${JSON.stringify(f.fontMatrix)}`;
          } else if (ops.fnArray[i] === pdfjs.OPS.showText) {
            const glyphs = (args[0] as ({ unicode: string; width: number; isSpace: boolean } | number | null)[]).map((g) => (g && typeof g === 'object' ? { unicode: g.unicode, width: g.width, isSpace: g.isSpace } : g));
            shown.push({ font, glyphs });
          }
        }
      }
      pages.push({ text, structure, shown });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.loadingTask.destroy();
  }
}

describe('withoutFontPrograms', () => {
  it('renames each font program key in place, same length, and leaves the given bytes alone', () => {
    const text = '1 0 obj<</FontFile2 5 0 R/FontFile 6 0 R>>endobj 2 0 obj<</FontFile3 7 0 R /FontFileName (x) /FontFile2\n8 0 R>>';
    const given = new Uint8Array(Buffer.from(text, 'latin1'));
    const out = withoutFontPrograms(given);
    expect(Buffer.from(given).toString('latin1')).toBe(text);
    expect(out.length).toBe(given.length);
    expect(Buffer.from(out).toString('latin1')).toBe(text.replace(/\/FontFile(?=[23]?[\s/<>])/g, '/FontFil_'));
    expect(fontPrograms(out)).toBe(0);
    // A name that only begins the same is another name.
    expect(Buffer.from(out).toString('latin1')).toContain('/FontFileName');
  });
});

describe('a print read without its font programs', () => {
  let pdfjs: PdfJs;
  const raw: { name: string; bytes: Uint8Array }[] = [];
  let finished: { name: string; bytes: Uint8Array }[] = [];
  let browser: PrintBrowser | undefined;
  let server: Awaited<ReturnType<typeof serveSite>> | undefined;

  beforeAll(async () => {
    pdfjs = await loadPdfJs();
    const base = '/ndbg/';
    server = await serveSite((await sharedBuild('ndbg-pages')).dist, base);
    browser = await launchChromium(printingBrowserPath());
    const tab = await browser.newPage();
    await guardPage(tab, server.origin);
    // Chromium's bytes, as the PDF stage reads them back: a report with the official tables and one without.
    for (const slug of ['chenxi-sifaju-2022-xinxi-gongkai', 'chenxi-2022-fazhi-zhengfu']) {
      raw.push({ name: `${slug} (printed)`, bytes: await printPage(tab, { url: `${server.origin}${printPagePath(base, slug)}`, origin: server.origin }) });
    }
    const downloads = path.join((await sharedBuild('ndbg')).dist, 'downloads');
    finished = readdirSync(downloads)
      .filter((f) => f.endsWith('.pdf'))
      .sort()
      .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join(downloads, f))) }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has font programs to hide: every print and every finished PDF embeds some', () => {
    expect(raw).toHaveLength(2);
    // Public and filing copies of both samples.
    expect(finished.filter((f) => f.name.endsWith('-beian.pdf')).length).toBeGreaterThan(0);
    expect(finished.length).toBeGreaterThanOrEqual(4);
    for (const { name, bytes } of [...raw, ...finished]) {
      expect(fontPrograms(bytes), name).toBeGreaterThan(0);
      expect(fontPrograms(withoutFontPrograms(bytes)), name).toBe(0);
    }
  });

  it('gives the same text items, marked content and structure on every page of Chromium’s prints', async () => {
    for (const { name, bytes } of raw) {
      expect(await reading(pdfjs, withoutFontPrograms(bytes), false), name).toEqual(await reading(pdfjs, new Uint8Array(bytes), false));
    }
  });

  it('gives the same text, structure, glyphs (text, advance, space) and font names and matrices on every page of the finished PDFs', async () => {
    for (const { name, bytes } of finished) {
      const hidden = await reading(pdfjs, withoutFontPrograms(bytes), true);
      expect(hidden.some((p) => p.shown.length > 0), name).toBe(true);
      expect(hidden, name).toEqual(await reading(pdfjs, new Uint8Array(bytes), true));
    }
  });
});
