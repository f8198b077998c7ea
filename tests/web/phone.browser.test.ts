/**
 * The portal on phones, tablets and desktops, in real Chromium: at 320, 390, 768 and 1366 px, in the
 * normal, large-text and high-contrast modes, each page type (home, the two sample reports, a
 * metrics page, an issuer; the 信息公开 report carries the official tables) has no sideways scrolling, a header
 * of at most a quarter of the first screen with its navigation folded on a phone, every cell of a
 * table of up to four columns in view, wider tables in a named, focusable region whose row labels
 * stay in view at its right end, and a focus ring of 3:1 or more against whatever lies behind it.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type TestBrowser } from '../helpers/browser.ts';
import { contrastRatio, parseColor, seen } from '../helpers/contrast.ts';
import { focusRings, layoutFindings, type LayoutFindings } from '../helpers/phone-layout.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';

const BASE = '/fzzfjs/';
const PAGES = {
  home: '',
  fazhi: 'reports/chenxi-2022-fazhi-zhengfu/',
  xinxi: 'reports/chenxi-sifaju-2022-xinxi-gongkai/',
  metrics: 'metrics/xinxi-gongkai/sifaju/',
};
/** Checked for layout too: an issuer's page (its codes and its table of years × types). */
const LAYOUT_PAGES = { ...PAGES, issuer: 'issuers/sifaju/', metricsIndex: 'metrics/xinxi-gongkai/' };
const SCREENS = [
  { width: 320, height: 568 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1366, height: 768 },
];
const MODES = { normal: {}, large: { large: true }, contrast: { contrast: true } };

let server: StaticServer;
let chromium: TestBrowser;
/** One page per reading mode, reused for every width and page type. */
const tabs = new Map<string, Page>();

beforeAll(async () => {
  // The run's shared build of the two samples under /fzzfjs/ (only read here).
  server = await serveStatic((await sharedBuild('fzzfjs')).dist, BASE);
  chromium = await launchBrowser();
  for (const [mode, modes] of Object.entries(MODES)) {
    const { page } = await openPage(chromium.browser);
    await page.evaluateOnNewDocument((m) => localStorage.setItem('nianbao-reading-modes', JSON.stringify(m)), modes);
    tabs.set(mode, page);
  }
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

async function show(mode: string, rel: string, screen: { width: number; height: number }): Promise<Page> {
  const page = tabs.get(mode)!;
  // The page in front renders frames (the scroll cue's container query needs one).
  await page.bringToFront();
  await page.setViewport(screen);
  await page.goto(server.url + rel, { waitUntil: 'load' });
  return page;
}

describe('every page type at every width, in every reading mode', () => {
  for (const [mode] of Object.entries(MODES)) {
    it(`${mode}: no sideways scrolling, a compact header, tables in view or in a region with labels that stay`, async () => {
      const found: Record<string, LayoutFindings> = {};
      for (const screen of SCREENS) {
        for (const [name, rel] of Object.entries(LAYOUT_PAGES)) {
          const page = await show(mode, rel, screen);
          if (mode !== 'normal') expect(await page.evaluate(() => document.documentElement.className)).toContain(`nb-${mode}`);
          found[`${name}@${screen.width}`] = await layoutFindings(page);
        }
      }
      const problems = Object.entries(found).flatMap(([where, f]) => f.problems.map((p) => `${where}: ${p}`));
      expect(problems).toEqual([]);
      for (const screen of SCREENS) {
        // Folded below 47em of the header's text: open at 768 px, folded at 768 px in large text.
        const folded = screen.width < (mode === 'large' ? 1024 : 768);
        for (const name of Object.keys(LAYOUT_PAGES)) {
          const f = found[`${name}@${screen.width}`]!;
          // The menu shows every link once opened.
          expect(f.menuFolded, `${name}@${screen.width}`).toBe(folded);
          expect(f.menuLinks).toBe(4);
          expect(f.headerHeight).toBeLessThanOrEqual(screen.height / 4);
        }
        const xinxi = found[`xinxi@${screen.width}`]!;
        // Table 二 (four columns) and the two metric tables; tables 三 and 四 are wide.
        expect(xinxi.narrowTables).toBeGreaterThanOrEqual(1);
        expect(xinxi.wideTables).toBe(2);
        expect(xinxi.codes).toBeGreaterThanOrEqual(3);
        expect(found[`fazhi@${screen.width}`]!.narrowTables).toBeGreaterThanOrEqual(5);
        expect(found[`metrics@${screen.width}`]!.narrowTables).toBeGreaterThanOrEqual(1);
      }
      // On a phone the official tables 三 and 四 scroll, and the labels of 三 were checked at its right end.
      for (const width of [320, 390]) {
        expect(found[`xinxi@${width}`]!.scrolledRegions).toBe(2);
        expect(found[`xinxi@${width}`]!.stickyLabels).toBeGreaterThanOrEqual(28);
      }
      expect(found['xinxi@390']!.labels).toBeGreaterThan(30);
    });
  }

  it('opens the phone menu without JavaScript', async () => {
    const { page } = await openPage(chromium.browser, 390, 844);
    await page.setJavaScriptEnabled(false);
    await page.goto(server.url + PAGES.fazhi, { waitUntil: 'load' });
    const visibleLinks = () => page.$$eval('.site-nav a', (as) => as.filter((a) => a.getClientRects().length > 0).map((a) => a.textContent));
    expect(await visibleLinks()).toEqual([]);
    await page.click('.site-menu-button');
    expect(await visibleLinks()).toEqual(['首页', '政府信息公开工作历年数据', '法治政府建设历年数据', '搜索']);
    expect(await page.$eval('#header-q', (i) => i.getClientRects().length > 0)).toBe(true);
    expect(await page.$eval('label[for="nb-mode-large"]', (l) => l.getClientRects().length > 0)).toBe(true);
    await page.close();
  });
});

describe('the stylesheet', () => {
  it('has no rule nested in another by an unclosed brace (a nested rule applies to nothing it was meant for)', async () => {
    const page = await show('normal', PAGES.xinxi, SCREENS[1]!);
    const nested = await page.evaluate(() => {
      const found: string[] = [];
      const walk = (rules: CSSRuleList) => {
        for (const rule of rules) {
          if (rule instanceof CSSStyleRule && rule.cssRules.length > 0) found.push(rule.selectorText);
          if ('cssRules' in rule) walk((rule as CSSGroupingRule).cssRules);
        }
      };
      let rules = 0;
      for (const sheet of document.styleSheets) {
        rules += sheet.cssRules.length;
        walk(sheet.cssRules);
      }
      return { found, rules };
    });
    expect(nested.rules).toBeGreaterThan(100);
    expect(nested.found).toEqual([]);
  });
});

describe('the focus ring', () => {
  it('computes WCAG contrast as the specification does, and finds a pale ring too pale', async () => {
    expect(contrastRatio(parseColor('rgb(0, 0, 0)'), parseColor('rgb(255, 255, 255)'))).toBeCloseTo(21, 5);
    expect(contrastRatio(parseColor('rgb(119, 119, 119)'), parseColor('rgb(255, 255, 255)'))).toBeCloseTo(4.48, 2);
    expect(seen(['rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)'])[0]).toBeCloseTo(127.5, 5);
    const { page } = await openPage(chromium.browser, 390, 844);
    await page.setContent('<body style="margin:0;background:#fff"><p style="padding:2rem;background:#f5f3ef"><a href="#x" style="outline:3px solid #e08a00;outline-offset:2px">链接</a></p></body>');
    await page.keyboard.press('Tab');
    const [ring] = await focusRings(page);
    expect(ring!.behind.map((b) => seen(b.stack))).toContainEqual([245, 243, 239, 1]);
    const worst = Math.min(...ring!.behind.map((b) => contrastRatio(parseColor(ring!.color), seen(b.stack))));
    expect(worst).toBeLessThan(3);
    await page.close();
  });

  for (const [mode] of Object.entries(MODES)) {
    it(`${mode}: is visible at 3:1 or more against every background it is drawn on, on every page type, phone and desktop`, async () => {
      const weak: string[] = [];
      let measured = 0;
      for (const screen of [SCREENS[1]!, SCREENS[3]!]) {
        for (const [name, rel] of Object.entries(PAGES)) {
          const page = await show(mode, rel, screen);
          await page.keyboard.press('Tab');
          const rings = await focusRings(page);
          expect(rings.length, name).toBeGreaterThan(8);
          for (const ring of rings) {
            const where = `${name}@${screen.width} ${ring.target}`;
            if (!ring.focusVisible || ring.style === 'none' || ring.width < 2) {
              weak.push(`${where}: no focus ring (${ring.style} ${ring.width}px)`);
              continue;
            }
            for (const { x, y, stack } of ring.behind) {
              measured++;
              expect(stack.length, `${where}: nothing under (${x}, ${y})`).toBeGreaterThan(0);
              const ratio = contrastRatio(parseColor(ring.color), seen(stack));
              if (ratio < 3) weak.push(`${where}: ${ring.color} on ${stack.join(' over ')} at (${x}, ${y}) = ${ratio.toFixed(2)}:1`);
            }
          }
        }
      }
      expect(weak).toEqual([]);
      expect(measured).toBeGreaterThan(200);
    });
  }
});
