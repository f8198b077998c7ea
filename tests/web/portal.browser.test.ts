/**
 * The built portal in real Chromium, served under /fzzfjs/ as a county web team would publish it:
 * accessibility in every reading mode, links, search, origins, and what the pages look like.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptFolder } from '../helpers/kept-folder.ts';
import { axeViolations } from '../helpers/axe.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { launchBrowser, openPage, type TestBrowser } from '../helpers/browser.ts';
import { crawl } from '../helpers/crawl.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';

const BASE = '/fzzfjs/';
const PAGES = {
  home: '',
  fazhi: 'reports/chenxi-2022-fazhi-zhengfu/',
  xinxi: 'reports/chenxi-sifaju-2022-xinxi-gongkai/',
  metrics: 'metrics/xinxi-gongkai/sifaju/',
  metricsIndex: 'metrics/xinxi-gongkai/',
  notFound: 'no/such/page/',
};
const MODES = { normal: {}, large: { large: true }, contrast: { contrast: true } };
// A folder of this run's own (kept for looking at): runs side by side must not write the same files.
const SCREENSHOTS = keptFolder('nianbao-screenshots-');

let dist: string;
let server: StaticServer;
let chromium: TestBrowser;

beforeAll(async () => {
  // The run's shared build of the samples under /fzzfjs/ (only read here).
  dist = (await sharedBuild('fzzfjs')).dist;
  server = await serveStatic(dist, BASE);
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/** Reading modes a reader saved earlier (as prefs.js stores them), and a record of CSP violations, set in every new document of the tab. */
async function prepare(page: Page, modes: object): Promise<void> {
  await page.evaluateOnNewDocument((m) => {
    localStorage.setItem('nianbao-reading-modes', JSON.stringify(m));
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  }, modes);
}

/** One tab per width and reading modes, reused from page to page (a new tab costs more than a page load). */
const tabs = new Map<string, Promise<Page>>();
function tab(width: number, modes: object): Promise<Page> {
  const key = JSON.stringify([width, modes]);
  let made = tabs.get(key);
  if (!made) {
    made = openPage(chromium.browser, width).then(async ({ page }) => {
      await prepare(page, modes);
      return page;
    });
    tabs.set(key, made);
  }
  return made;
}

/**
 * Opens a page in the reused tab of its width and modes. The pages are static: 'load' has every
 * stylesheet and script applied.
 */
async function visit(rel: string, options: { width?: number; modes?: object } = {}) {
  const page = await tab(options.width ?? 1280, options.modes ?? {});
  // In front, as a new tab is: Chromium may throttle a tab left behind others.
  await page.bringToFront();
  const response = await page.goto(server.url + rel, { waitUntil: 'load' });
  return { page, status: response?.status() };
}

/**
 * Every request of the pages opened in one tab, with the browser's cache off (as a new tab's first
 * load asks for everything), and a way to wait until none is still open.
 */
async function recordingTab() {
  const { page, requested } = await openPage(chromium.browser, 1280);
  await prepare(page, {});
  await page.setCacheEnabled(false);
  // Requests started and not yet answered (each ends in 'requestfinished' or 'requestfailed', a redirect included).
  const open = new Set<HTTPRequest>();
  let settled: (() => void) | undefined;
  const done = (r: HTTPRequest) => {
    open.delete(r);
    if (open.size === 0) settled?.();
  };
  page.on('request', (r) => open.add(r));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  /** Resolves once every request made so far has been answered (at once if none is open). */
  const quiet = () =>
    new Promise<void>((resolve) => {
      settled = resolve;
      if (open.size === 0) resolve();
    });
  return { page, requested, quiet };
}

describe('accessibility (axe-core in the page)', () => {
  it('is a real check: axe reports a page with known faults', async () => {
    const { page } = await openPage(chromium.browser);
    await page.setContent('<html><body><img src="x.png"><a href="#"></a><p style="color:#ccc;background:#fff">淡字</p></body></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'link-name', 'color-contrast', 'html-has-lang']));
    await page.close();
  });

  for (const [mode, modes] of Object.entries(MODES)) {
    it(`has no violations on the home, report, metrics and 404 pages in ${mode} mode`, async () => {
      const found: Record<string, string[]> = {};
      for (const [name, rel] of Object.entries(PAGES)) {
        const { page } = await visit(rel, { modes });
        const rootClass = await page.evaluate(() => document.documentElement.className);
        for (const m of Object.keys(modes)) expect(rootClass).toContain(`nb-${m}`);
        const violations = await axeViolations(page);
        if (violations.length) found[name] = violations.map((v) => `${v.id} (${v.impact}): ${v.help} ${v.nodes.slice(0, 3).join(' ')}`);
      }
      expect(found).toEqual({});
    });
  }
});

describe('deployed under /fzzfjs/', () => {
  it('resolves every internal link and asset of every page (crawler)', async () => {
    const result = await crawl(server.url, { extraStarts: [`${server.url}404.html`, `${server.url}sitemap.xml`] });
    expect(result.broken).toEqual([]);
    const pages = readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html') && f !== '404.html')
      .map((f) => `${server.url}${f.replace(/index\.html$/, '')}`);
    for (const p of pages) expect(result.visited.get(p), p).toBe(200);
    for (const url of result.visited.keys()) expect(new URL(url).pathname.startsWith(BASE), url).toBe(true);
    expect([...result.external].every((u) => /^https:\/\/(www\.chenxi\.gov\.cn|beian\.miit\.gov\.cn|beian\.mps\.gov\.cn|bszs\.conac\.cn)\//.test(u))).toBe(true);
  });

  it('answers a missing page with the 404 page, whose links work at any depth', async () => {
    const { page, status } = await visit(PAGES.notFound);
    expect(status).toBe(404);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('找不到这个页面');
    const home = await page.$eval('main a', (a) => a.getAttribute('href'));
    expect(home).toBe(BASE);
    const css = await page.$$eval('link[rel="stylesheet"]', (ls) => ls.map((l) => (l as HTMLLinkElement).sheet !== null));
    expect(css).toEqual([true]);
  });

  it('keeps every in-page link pointing at an element of the page', async () => {
    for (const rel of [PAGES.fazhi, PAGES.xinxi]) {
      const { page } = await visit(rel);
      const missing = await page.$$eval('a[href^="#"]', (as) => as.map((a) => a.getAttribute('href')!.slice(1)).filter((id) => !document.getElementById(id)));
      expect(missing).toEqual([]);
    }
  });

  it('finds the report and its section for Chinese queries (Pagefind)', async () => {
    const { page } = await visit('search/?q=人民调解');
    await page.waitForSelector('#search-results li');
    const results = await page.$$eval('#search-results > li', (lis) =>
      lis.map((li) => ({ href: li.querySelector('h2 a')!.getAttribute('href'), sections: [...li.querySelectorAll('.search-sections a')].map((a) => a.getAttribute('href')) })),
    );
    expect(results[0]!.href).toBe(`${BASE}${PAGES.fazhi}`);
    expect(results[0]!.sections[0]).toBe(`${BASE}${PAGES.fazhi}#maodun-jiufen`);
    expect(await page.$eval('#search-status', (s) => s.textContent)).toMatch(/找到 \d+ 份相关报告/);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  });

  it('searches from the header box of any page', async () => {
    const { page } = await visit(PAGES.metrics);
    await page.type('#header-q', '行政复议');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe(`${BASE}search/`);
    await page.waitForSelector('#search-results li');
    const hrefs = await page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain(`${BASE}${PAGES.xinxi}`);
    expect(hrefs).toContain(`${BASE}${PAGES.xinxi}#fuyi-susong`);
  });

  it('makes no request to any other origin, on any page, searching included', async () => {
    // One tab for every page: a request another tab would make afresh is made here too (cache
    // off), and one the memory cache could spare would be to a URL already recorded.
    const { page, requested, quiet } = await recordingTab();
    for (const rel of [...Object.values(PAGES), 'types/fazhi-zhengfu/', 'metrics/fazhi-zhengfu/sifaju/', 'search/?q=行政复议']) {
      // The pages' own scripts run before 'load' (deferred modules); the search's requests end
      // with its results shown. Then every request still open is waited for, not a quiet spell.
      await page.goto(server.url + rel, { waitUntil: 'load' });
      if (rel.startsWith('search')) await page.waitForSelector('#search-results li');
      await quiet();
    }
    await page.close();
    const outside = requested.filter((u) => /^https?:/.test(u) && new URL(u).origin !== server.origin);
    expect(outside).toEqual([]);
    expect(requested.some((u) => u.includes('/fzzfjs/pagefind/'))).toBe(true);
  });
});

describe('built HTML', () => {
  const htmlFiles = () => readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind'));

  it('carries the Content-Security-Policy and no inline script, style or event handler', () => {
    for (const f of htmlFiles()) {
      const html = readFileSync(path.join(dist, f), 'utf8');
      expect(html, f).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';`);
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g), f).toBeNull();
      expect(html.match(/<style[\s>]/g), f).toBeNull();
      expect(html.match(/\sstyle=/g), f).toBeNull();
      expect(html.match(/\son[a-z]+=/g), f).toBeNull();
      expect(html, f).toMatch(/^<!DOCTYPE html><html lang="zh-CN"/);
    }
  });
});

describe('how the pages look', () => {
  const CJK_FONTS = /Noto (Sans|Serif) CJK SC|WenQuanYi|AR PL|LXGW WenKai|Source Han|Microsoft YaHei|PingFang|SimSun/;

  async function fontsOf(page: Page, selector: string): Promise<string[]> {
    const cdp = await page.createCDPSession();
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    await cdp.detach();
    return fonts.map((f) => f.familyName);
  }

  /** Pairs of sibling boxes in these containers that overlap each other. */
  async function overlaps(page: Page, containers: string): Promise<string[]> {
    return page.$$eval(containers, (els) =>
      els.flatMap((el) => {
        const boxes = [...el.children].map((c) => ({ c, r: c.getBoundingClientRect() })).filter((b) => b.r.width > 1 && b.r.height > 1);
        const hits: string[] = [];
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!.r;
            const b = boxes[j]!.r;
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) hits.push(`${boxes[i]!.c.textContent?.slice(0, 12)} ⟷ ${boxes[j]!.c.textContent?.slice(0, 12)}`);
          }
        return hits;
      }),
    );
  }

  for (const width of [1280, 390]) {
    for (const [name, rel] of [['home', PAGES.home], ['fazhi', PAGES.fazhi], ['xinxi', PAGES.xinxi]] as const) {
      it(`${name} at ${width} px: no overflow, no overlap, Chinese in a CJK font (screenshot saved)`, async () => {
        // The width's reused tab: the page is looked at as loaded, and photographed last (a full-page
        // screenshot stretches the view while it is taken).
        const { page } = await visit(rel, { width });
        expect(await page.evaluate(() => window.innerWidth)).toBe(width);
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect(scroll).toBeLessThanOrEqual(client);
        expect(await overlaps(page, '.site-header-inner, .site-nav ul, .disclosure, .report-files, .type-filter ul, .report-list-meta, .site-footer p, .reading-modes')).toEqual([]);
        for (const selector of ['h1', 'main p', '.site-name']) {
          const fonts = await fontsOf(page, selector);
          expect(fonts.length, selector).toBeGreaterThan(0);
          expect(fonts.every((f) => CJK_FONTS.test(f)), `${selector}: ${fonts.join(', ')}`).toBe(true);
        }
        const file = path.join(SCREENSHOTS, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(readFileSync(file).length).toBeGreaterThan(10_000);
      });
    }
  }

  it('sets body text at 16 px or more with line height 1.5 or more, in every mode', async () => {
    for (const modes of Object.values(MODES)) {
      const { page } = await visit(PAGES.fazhi, { modes });
      const sizes = await page.$$eval('main p, main li, main td, main th, .site-footer p', (els) =>
        els.filter((e) => e.getClientRects().length && !e.closest('.visually-hidden')).map((e) => ({ size: parseFloat(getComputedStyle(e).fontSize), line: parseFloat(getComputedStyle(e).lineHeight) })),
      );
      expect(sizes.length).toBeGreaterThan(20);
      for (const s of sizes) {
        expect(s.size).toBeGreaterThanOrEqual(16);
        expect(s.line / s.size).toBeGreaterThanOrEqual(1.499); // 1.5, up to rounding of px
      }
    }
  });
});
