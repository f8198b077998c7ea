/**
 * An OFD file as ofd.js (the open-source OFD reader for browsers, DLTech21/ofd.js) shows it in
 * Chromium: its pages, and every character it draws with its position on the page in millimetres.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'puppeteer-core';

export interface ReaderChar {
  text: string;
  /** From the page's top-left corner, mm; `y` is the baseline. */
  x: number;
  y: number;
}

export interface ReaderPage {
  widthMm: number;
  heightMm: number;
  chars: ReaderChar[];
}

const OFD_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('ofd.js/package.json')), 'lib/ofd.umd.min.js');

/** Renders `ofd` with ofd.js in `page` (a blank page of a real Chromium) and reads back what it drew. */
export async function renderWithOfdJs(page: Page, ofd: Uint8Array, pageWidthMm: number, pageHeightMm: number): Promise<ReaderPage[]> {
  await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0"><div id="pages"></div></body>');
  await page.addScriptTag({ path: OFD_JS });
  const base64 = Buffer.from(ofd).toString('base64');
  return page.evaluate(
    async (data, widthMm, heightMm) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const ofdjs = (window as unknown as { ofd: { parseOfdDocument(o: unknown): void; renderOfd(width: number, doc: unknown): HTMLElement[] } }).ofd;
      const docs = await new Promise<unknown[]>((resolve, reject) =>
        ofdjs.parseOfdDocument({ ofd: bytes.buffer, success: resolve, fail: (e: unknown) => reject(new Error(`ofd.js: ${String(e)}`)) }),
      );
      const pages = ofdjs.renderOfd(1000, docs[0]);
      const host = document.getElementById('pages')!;
      for (const p of pages) host.appendChild(p);
      return pages.map((p) => {
        const box = p.getBoundingClientRect();
        const perMm = box.width / widthMm;
        const chars = [...p.querySelectorAll('text')].map((t) => {
          const svg = t.ownerSVGElement!.getBoundingClientRect();
          return {
            text: t.textContent ?? '',
            x: (svg.left - box.left + Number(t.getAttribute('x'))) / perMm,
            y: (svg.top - box.top + Number(t.getAttribute('y'))) / perMm,
          };
        });
        return { widthMm: box.width / perMm, heightMm: box.height / perMm, chars };
      });
    },
    base64,
    pageWidthMm,
    pageHeightMm,
  );
}
