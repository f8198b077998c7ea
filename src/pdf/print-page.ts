/**
 * One print page in one browser tab → the PDF bytes as Chromium prints them: A4 from the page's
 * own @page rules, tagged (structure tree, /Lang from <html lang>), with bookmarks from h1–h6.
 */
import type { HTTPRequest, Page } from 'puppeteer-core';
import { lap, type PrintTimeline } from './print-timeline.ts';

export interface PrintTarget {
  /** The print page's address on the local server. */
  url: string;
  /** The server's origin: the only one the page may load from. */
  origin: string;
  /** The stylesheet declaring the fonts/ folder's faces, when there are any. */
  fontStylesheet?: string;
  /** Where the site is published (https://domain), so that links in the PDF point there, not at the local server. */
  publicOrigin?: string;
  /** Runs once the page is ready to print (fonts loaded, print media), just before printing. */
  beforePrint?: (page: Page) => Promise<unknown>;
  /** Filled with the seconds each step took (print-timeline.ts). */
  timeline?: PrintTimeline;
}

const TIMEOUT = 120_000;

/** Requests each tab refused since its last page load. */
const blocked = new WeakMap<Page, string[]>();

/** Blocks every request to other origins than the local server's: printing makes no outside requests. */
export async function guardPage(page: Page, origins: string | string[]): Promise<void> {
  const allowedOrigins = (Array.isArray(origins) ? origins : [origins]).map((o) => `${o}/`);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    const allowed = allowedOrigins.some((o) => url.startsWith(o)) || url.startsWith('data:') || url === 'about:blank';
    if (allowed) void request.continue();
    else {
      blocked.set(page, [...(blocked.get(page) ?? []), url]);
      void request.abort('blockedbyclient');
    }
  });
}

/**
 * Opens the print page in the tab. Print pages of one site share their <head> (one stylesheet) and
 * carry no script, so when the tab already shows one, only the body and title are swapped in:
 * the stylesheet and fonts stay parsed and loaded, which saves about a quarter of the printing
 * time. The printed bytes are the same as after a fresh load (tests/pdf/build.e2e.test.ts).
 */
async function openPrintPage(page: Page, url: string): Promise<void> {
  const swapped = await page.evaluate(async (next: string) => {
    if (!document.documentElement.hasAttribute('data-nianbao-print') || new URL(next).origin !== location.origin) return false;
    const response = await fetch(next);
    if (!response.ok) return false;
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const head = (d: Document) => [...d.head.querySelectorAll('link[rel="stylesheet"], style')].filter((e) => !e.hasAttribute('data-nianbao-added')).map((e) => e.outerHTML).join('\n');
    if (head(doc) !== head(document) || doc.documentElement.lang !== document.documentElement.lang) return false;
    // The new page's address first, so that its relative links and pictures resolve as in a fresh load.
    history.replaceState(null, '', next);
    document.body.replaceWith(document.adoptNode(doc.body));
    document.title = doc.title;
    // Pictures loaded (or failed) before printing, as the load event guarantees after a navigation.
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    return true;
  }, url).catch(() => false);
  if (swapped) return;
  const response = await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT });
  if (!response || !response.ok()) throw new Error(`打印页面 ${new URL(url).pathname} 无法打开（HTTP ${response?.status() ?? '无响应'}）`);
  await page.evaluate(() => document.documentElement.setAttribute('data-nianbao-print', ''));
}

/**
 * Runs in the page: the faces the printed page uses, loaded before printing. The document's own
 * text asks for its faces when laid out under print media; the page numbers, drawn in the @page
 * margin boxes, are not part of that layout, so their faces are asked for by the margin rules'
 * font and text. Only when the browser does not expose margin rules is every declared face
 * loaded, as a safe fallback (a dozen CJK faces of 2–5 MB each, about a second per tab).
 */
async function loadPrintFaces(): Promise<void> {
  void document.body.getBoundingClientRect();
  const margins: CSSStyleDeclaration[] = [];
  let readable = typeof CSSPageRule !== 'undefined';
  for (const sheet of [...document.styleSheets]) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      readable = false;
      continue;
    }
    for (const rule of [...rules]) {
      if (!(rule instanceof CSSPageRule)) continue;
      const inner = (rule as CSSPageRule & { cssRules?: CSSRuleList }).cssRules;
      if (!inner) readable = false;
      else for (const m of [...inner]) if ('style' in m) margins.push((m as CSSStyleRule).style);
    }
  }
  if (readable) {
    const digits = '— 0123456789 —';
    await Promise.all(
      margins
        .filter((style) => style.fontFamily)
        .map((style) => document.fonts.load(`${style.fontWeight || 'normal'} ${style.fontSize || '16px'} ${style.fontFamily}`, `${style.content.replace(/counter\([^)]*\)|"/g, '')}${digits}`).catch(() => [])),
    );
  } else {
    await Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined)));
  }
  await document.fonts.ready;
}

export async function printPage(page: Page, target: PrintTarget): Promise<Uint8Array> {
  blocked.set(page, []);
  const t = target.timeline;
  let mark = performance.now();
  const fresh = !(await page.evaluate(() => document.documentElement.hasAttribute('data-nianbao-print')).catch(() => false));
  await openPrintPage(page, target.url);
  if (fresh && target.fontStylesheet) {
    const tag = await page.addStyleTag({ url: target.fontStylesheet });
    await tag.evaluate((e) => e.setAttribute('data-nianbao-added', ''));
  }
  await page.emulateMediaType('print');
  mark = lap(t, 'open', mark);
  await page.evaluate(loadPrintFaces);
  mark = lap(t, 'fonts', mark);
  await page.evaluate(
    (local: string, published: string | null) => {
      // Links keep working in the PDF: to the published site, not to the printing server.
      for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
        const href = a.getAttribute('href')!;
        if (href.startsWith('#')) continue;
        const url = new URL(href, document.baseURI);
        if (url.origin !== local) continue;
        if (published) a.setAttribute('href', published + url.pathname + url.search + url.hash);
        else a.removeAttribute('href');
      }
    },
    target.origin,
    target.publicOrigin ?? null,
  );
  await target.beforePrint?.(page);
  mark = lap(t, 'prepare', mark);
  const outside = blocked.get(page) ?? [];
  if (outside.length) throw new Error(`打印页面试图从其他网站加载内容，已阻止：${outside.slice(0, 3).join('、')}`);
  const pdf = await page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: false,
    tagged: true,
    outline: true,
    timeout: TIMEOUT,
  });
  lap(t, 'print', mark);
  return pdf;
}
