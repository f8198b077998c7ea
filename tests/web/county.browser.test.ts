/**
 * The county's portal in real Chromium: a page per issuer, the home page's filters by kind of
 * issuer and by type, the links between one issuer's years, and the county roll-up's breakdown on
 * the government's report — at 390 px and 1366 px, in every reading mode. One build of the sample
 * project and one browser for the whole file.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptFolder } from '../helpers/kept-folder.ts';
import type { ContentModel } from '../../src/content/index.ts';
import { issuerIndex } from '../../src/web/issuers.ts';
import { axeViolations } from '../helpers/axe.ts';
import type { Page } from 'puppeteer-core';
import { launchBrowser, openPage, type TestBrowser } from '../helpers/browser.ts';
import { crawl } from '../helpers/crawl.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { sampleModel } from './sample-model.ts';
import { buildPages, COUNTY_PROJECT, removeBuilds } from './site-builds.ts';

const BASE = '/ndbg/';
const MODES = { normal: {}, large: { large: true }, contrast: { contrast: true } };
const WIDTHS = [390, 1366];
// A folder of this run's own (kept for looking at): runs side by side must not write the same files.
const SCREENSHOTS = keptFolder('nianbao-county-screenshots-');

let dist: string;
let server: StaticServer;
let chromium: TestBrowser;
let model: ContentModel;

beforeAll(async () => {
  model = sampleModel();
  // The pages alone: nothing here looks at a download, and a report page links only to the
  // downloads that were made (src/web/downloads.ts), so the crawl meets no missing file.
  dist = await buildPages(BASE, COUNTY_PROJECT);
  server = await serveStatic(dist, BASE);
  chromium = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
  removeBuilds();
});

/** One tab per width, reading modes and scripting, reused from page to page (a new tab costs more than a page load). */
const tabs = new Map<string, Promise<Page>>();
async function tab(width: number, modes: object, javaScript: boolean): Promise<Page> {
  const key = JSON.stringify([width, modes, javaScript]);
  let made = tabs.get(key);
  if (!made) {
    made = (async () => {
      const { page } = await openPage(chromium.browser, width);
      if (!javaScript) await page.setJavaScriptEnabled(false);
      await page.evaluateOnNewDocument((m) => localStorage.setItem('nianbao-reading-modes', JSON.stringify(m)), modes);
      return page;
    })();
    tabs.set(key, made);
  }
  return made;
}

async function visit(rel: string, options: { width?: number; modes?: object; javaScript?: boolean } = {}) {
  const page = await tab(options.width ?? 1366, options.modes ?? {}, options.javaScript !== false);
  // In front, as a new tab would be (a tab behind another renders no frames of its own).
  await page.bringToFront();
  // The pages are static: 'load' has every stylesheet and script applied (no idle wait needed).
  const response = await page.goto(server.url + rel, { waitUntil: 'load' });
  expect(response?.status(), rel).toBe(200);
  return page;
}

const issuerPages = () => issuerIndex(model).issuers.map((v) => ({ id: v.issuer.id, rel: `issuers/${v.issuer.id}/`, view: v }));
const kindPages = () => issuerIndex(model).kinds.map((k) => `kinds/${k.kind}/`);
/** The county government's report that rolls up the others. */
const rolledReport = () => model.reports.find((r) => r.rollups.length > 0)!;

describe('the sample county', () => {
  it('has a government, at least 8 departments and 3 townships, each with a report', () => {
    const kinds = Object.fromEntries(issuerIndex(model).kinds.map((k) => [k.kind, k.issuers.length]));
    expect(kinds.government).toBe(1);
    expect(kinds.department).toBeGreaterThanOrEqual(8);
    expect(kinds.township).toBeGreaterThanOrEqual(3);
    for (const v of issuerIndex(model).issuers) expect(v.reports.length, v.issuer.id).toBeGreaterThan(0);
  });
});

describe('issuer pages', () => {
  /** The issuer's page lists every report of the issuer in the table of types × years, with its contact details. */
  async function expectIssuerListing(page: Page, view: ReturnType<typeof issuerPages>[number]['view']): Promise<void> {
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(view.issuer.name);
    const details = await page.$eval('.issuer-details', (d) => (d as HTMLElement).innerText);
    expect(details).toContain(view.issuer.creditCode);
    if (view.issuer.contact?.telephone) expect(details).toContain(view.issuer.contact.telephone);
    const gridLinks = await page.$$eval('.issuer-grid a', (as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(gridLinks)).toEqual(new Set(view.reports.map((r) => `${BASE}reports/${r.slug}/`)));
    const years = await page.$$eval('.issuer-grid tbody th', (ths) => ths.map((t) => t.textContent));
    expect(years).toEqual(view.years.map((y) => `${y}年度`));
    const crumbs = await page.$$eval('.breadcrumb a', (as) => as.map((a) => a.getAttribute('href')));
    expect(crumbs).toEqual([BASE, `${BASE}kinds/${view.issuer.kind}/`]);
  }

  /** The pages photographed in every mode and width: the home, the government, a kind and the roll-up report. */
  const screenshotPages = () => {
    const government = issuerIndex(model).kinds.find((k) => k.kind === 'government')!.issuers[0]!;
    const rolled = government.reports.find((r) => r.rollups?.length)!;
    return [['home', ''], ['issuer', `issuers/${government.issuer.id}/`], ['kind', 'kinds/department/'], ['rollup', `reports/${rolled.slug}/`]] as const;
  };

  /** The page's screenshot is the page at its width (and whole length), and something is drawn on it. */
  async function looksRight(page: Page, name: string, width: number, mode: string): Promise<void> {
    // At the top, as a fresh load shows it, whatever the checks before it did.
    await page.evaluate(() => window.scrollTo(0, 0));
    const file = path.join(SCREENSHOTS, `county-${name}-${width}-${mode}.png`);
    const fullPage = name !== 'rollup';
    const height = await page.evaluate((full) => (full ? document.documentElement.scrollHeight : window.innerHeight), fullPage);
    // Lossless PNG still, encoded for speed rather than size (the same pixels, a larger file).
    const png = await page.screenshot({ path: file, fullPage, optimizeForSpeed: true });
    // A page that failed to render is one flat colour.
    const picture = sharp(png);
    const { width: shotWidth, height: shotHeight } = await picture.metadata();
    expect([shotWidth, shotHeight], file).toEqual([width, height]);
    const { channels } = await picture.stats();
    expect(Math.max(...channels.slice(0, 3).map((c) => c.stdev)), file).toBeGreaterThan(20);
  }

  // One load of each page per width and mode serves axe, the sideways-scrolling check and the
  // screenshot (taken last, once the page has been looked at as loaded).
  for (const width of WIDTHS) {
    for (const [mode, modes] of Object.entries(MODES)) {
      const everyPageAxe = mode === 'normal' && width === 1366;
      // At the desktop width in the normal mode, the same loads also serve the issuer pages' listings.
      const listings = everyPageAxe ? 'list every report of the issuer in the table of types × years, with its contact details, and ' : '';
      it(`${listings}have no axe violations (${everyPageAxe ? 'every page' : 'each page type'}) and no sideways scrolling (${mode === 'normal' ? 'every page' : 'each page type'}) at ${width} px in ${mode} mode, and look right in screenshots (home, an issuer, a kind, the government report)`, async () => {
        const found: Record<string, string[]> = {};
        // Every page in the normal mode; the large-text and high-contrast modes change only the
        // stylesheet, so there every page type is checked once (home, one issuer of each kind, the
        // kind pages, the roll-up report) — the same components as the rest. axe looks at every
        // page once (normal mode, desktop width) and at each page type in the other modes and widths.
        const everyPage = [...issuerPages().map((p) => p.rel), '', ...kindPages(), `reports/${rolledReport().slug}/`];
        const onePerType = ['', ...issuerIndex(model).kinds.map((k) => `issuers/${k.issuers[0]!.issuer.id}/`), ...kindPages(), `reports/${rolledReport().slug}/`];
        const scrolled = mode === 'normal' ? everyPage : onePerType;
        const shots = screenshotPages();
        for (const rel of new Set([...scrolled, ...shots.map(([, r]) => r)])) {
          const page = await visit(rel, { width, modes });
          const issuer = listings ? issuerPages().find((p) => p.rel === rel) : undefined;
          if (issuer) await expectIssuerListing(page, issuer.view);
          if (everyPageAxe || onePerType.includes(rel)) {
            const violations = await axeViolations(page);
            if (violations.length) found[rel || 'home'] = violations.map((v) => `${v.id}: ${v.help} ${v.nodes.slice(0, 2).join(' ')}`);
          }
          if (scrolled.includes(rel)) {
            const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
            if (scroll > client) (found[rel || 'home'] ??= []).push(`scrollWidth ${scroll} > ${client}`);
          }
          const shot = shots.find(([, r]) => r === rel);
          if (shot) await looksRight(page, shot[0], width, mode);
        }
        expect(found).toEqual({});
      });
    }
  }
});

describe('home filters', () => {
  it('filter by kind of issuer and by type with plain links, without JavaScript', async () => {
    const page = await visit('', { javaScript: false, width: 390 });
    const kindLinks = await page.$$eval('.catalogue-filters nav:first-child a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
    expect(kindLinks.map((l) => l.href)).toEqual([BASE, ...kindPages().map((k) => `${BASE}${k}`)]);
    expect(kindLinks[0]!.text).toBe('全部机构');
    await Promise.all([page.waitForNavigation(), page.click(`a[href="${BASE}kinds/township/"]`)]);
    expect(new URL(page.url()).pathname).toBe(`${BASE}kinds/township/`);
    const listed = await page.$$eval('.year-group a', (as) => as.map((a) => a.getAttribute('href')));
    const townships = model.reports.filter((r) => r.issuer.kind === 'township');
    expect(new Set(listed)).toEqual(new Set(townships.map((r) => `${BASE}reports/${r.slug}/`)));
    expect(await page.$eval('.catalogue-filters a[aria-current="page"]', (a) => a.getAttribute('href'))).toBe(`${BASE}kinds/township/`);
    const directory = await page.$$eval('.issuer-directory a', (as) => as.map((a) => a.getAttribute('href')));
    expect(directory).toEqual(issuerIndex(model).kinds.find((k) => k.kind === 'township')!.issuers.map((v) => `${BASE}issuers/${v.issuer.id}/`));
    await Promise.all([page.waitForNavigation(), page.click(`.issuer-directory a[href="${directory[0]}"]`)]);
    expect(new URL(page.url()).pathname).toBe(directory[0]);
  });

  it('lists every report on the home page, once, by year, type and kind of issuer', async () => {
    const page = await visit('');
    const links = await page.$$eval('.year-group a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBe(model.reports.length);
    expect(new Set(links)).toEqual(new Set(model.reports.map((r) => `${BASE}reports/${r.slug}/`)));
    const years = await page.$$eval('.year-group h2', (hs) => hs.map((h) => h.textContent));
    expect(years).toEqual([...new Set(model.reports.map((r) => r.meta.year))].sort((a, b) => b - a).map((y) => `${y}年度`));
  });
});

describe('the county roll-up', () => {
  it("breaks each rolled-up table down by issuer on the government's report, from the model's breakdown", async () => {
    const report = rolledReport();
    expect(report.issuer.kind).toBe('government');
    const page = await visit(`reports/${report.slug}/`, { width: 390 });
    const tables = await page.$$eval('.rollup-breakdown table', (ts) =>
      ts.map((t) => ({
        id: t.id,
        rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({ href: tr.querySelector('a')?.getAttribute('href'), values: [...tr.querySelectorAll('td')].map((td) => td.textContent) })),
        foot: [...t.querySelectorAll('tfoot tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
      })),
    );
    // In the order of the report's sections (表二's tables come before 表三).
    expect(tables.map((t) => t.id).sort()).toEqual(report.rollups.map((r) => `rollup-${r.table}`).sort());
    const shenqing = tables.find((t) => t.id === 'rollup-shenqing')!;
    const rollup = report.rollups.find((r) => r.table === 'shenqing')!;
    expect(shenqing.rows).toHaveLength(rollup.issuerIds.length);
    const total = rollup.cells.find((c) => c.metricId === 'shenqing.xinshou.zongji')!;
    // The first column is 一、本年新收 (总计): each issuer's value, and the report's own in the last row.
    expect(shenqing.rows.map((r) => r.values[0])).toEqual(total.parts.map((p) => String(p.value)));
    expect(shenqing.rows.map((r) => r.href)).toEqual(total.parts.map((p) => `${BASE}reports/${p.slug}/`));
    expect(shenqing.foot.map((row) => row[0])).toEqual([String(total.sum), String(total.total)]);
    expect(total.sum).toBe(total.total);
  });
});

describe('across years', () => {
  it("links each report to the same issuer's other years of its type, and every link resolves (crawl)", async () => {
    const result = await crawl(server.url, { extraStarts: [`${server.url}sitemap.xml`] });
    expect(result.broken).toEqual([]);
    for (const { rel } of issuerPages()) expect(result.visited.get(server.url + rel), rel).toBe(200);
    let multiYear = 0;
    for (const report of model.reports) {
      const html = readFileSync(path.join(dist, 'reports', report.slug, 'index.html'), 'utf8');
      const nav = /<nav class="series-years"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
      const hrefs = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      const expected = model.reports.filter((r) => r.issuer.id === report.issuer.id && r.template.id === report.template.id);
      // Its years, its issuer's page, and its series page (its figures over the years).
      expect(hrefs, report.slug).toEqual([...expected.map((r) => `${BASE}reports/${r.slug}/`), `${BASE}issuers/${report.issuer.id}/`, `${BASE}metrics/${report.template.id}/${report.issuer.id}/`]);
      for (const href of hrefs) expect(result.visited.get(new URL(href!.replace(/#.*$/, ''), server.url).href), href).toBe(200);
      if (expected.length > 1) multiYear += 1;
    }
    expect(multiYear).toBeGreaterThanOrEqual(6);
  });

  it('lists the issuer and kind pages in the sitemap', () => {
    const xml = readFileSync(path.join(dist, 'sitemap.xml'), 'utf8');
    for (const { rel } of issuerPages()) expect(xml).toContain(`<loc>https://www.chenxi.gov.cn${BASE}${rel}</loc>`);
    for (const rel of kindPages()) expect(xml).toContain(`<loc>https://www.chenxi.gov.cn${BASE}${rel}</loc>`);
  });
});
