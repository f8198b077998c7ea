/**
 * Search in real Chromium on the run's shared build under /fzzfjs/: a Chinese query lists only the
 * sections holding the whole phrase, excerpts show it, and a number from an official table is
 * found as its cell. And the pages this work added (数据下载, 网站地图, search results) under axe in
 * every reading mode.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { launchBrowser, openPage, type TestBrowser } from '../helpers/browser.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';

const BASE = '/fzzfjs/';
const FAZHI = `${BASE}reports/chenxi-2022-fazhi-zhengfu/`;
const XINXI = `${BASE}reports/chenxi-sifaju-2022-xinxi-gongkai/`;

let server: StaticServer;
let chromium: TestBrowser;

beforeAll(async () => {
  server = await serveStatic((await sharedBuild('fzzfjs')).dist, BASE);
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

interface Shown {
  href: string;
  excerpt: string;
  marks: string[];
  sections: { href: string; excerpt: string; marks: string[] }[];
}

/** Searches on the search page and reads the results as shown. */
async function search(query: string): Promise<{ status: string; results: Shown[]; page: Page }> {
  const { page } = await openPage(chromium.browser);
  await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => /找到|没有找到|不可用/.test(document.querySelector('#search-status')?.textContent ?? ''));
  const results = await page.$$eval('#search-results > li', (lis) =>
    lis.map((li) => {
      const read = (p: Element | null) => ({ excerpt: p?.textContent ?? '', marks: [...(p?.querySelectorAll('mark') ?? [])].map((m) => m.textContent ?? '') });
      return {
        href: li.querySelector('h2 a')!.getAttribute('href')!,
        ...read(li.querySelector(':scope > .search-excerpt')),
        sections: [...li.querySelectorAll('.search-sections > li')].map((s) => ({ href: s.querySelector('a')!.getAttribute('href')!, ...read(s.querySelector('.search-excerpt')) })),
      };
    }),
  );
  return { status: await page.$eval('#search-status', (s) => s.textContent ?? ''), results, page };
}

/** Pagefind's own results for a query (its data of each page), from the search page's bundle. */
async function pagefindData(page: Page, query: string): Promise<{ url: string; content: string; sub_results: { url: string }[] }[]> {
  // A string, so that the test runner leaves the dynamic import alone.
  type Data = { url: string; content: string; sub_results: { url: string }[] };
  return (await page.evaluate(`(async () => {
    const base = ${JSON.stringify(BASE)};
    const shards = await (await fetch(base + 'pagefind/shards.json')).json();
    const pf = await import(base + 'pagefind/' + shards.bundles[0].name + '/pagefind.js');
    await pf.options({ baseUrl: base });
    const found = await pf.search(${JSON.stringify(query)});
    return Promise.all(found.results.map((r) => r.data()));
  })()`)) as Data[];
}

/** Each section of a report page as the reader sees it: from one heading to the next. */
async function sectionTexts(page: Page, url: string): Promise<Map<string, string>> {
  await page.goto(server.origin + url);
  return new Map(
    await page.$$eval('article [data-pagefind-body], article', (roots) => {
      const root = roots.find((r) => r.hasAttribute('data-pagefind-body'))!;
      const out: [string, string][] = [];
      let current: [string, string] | undefined;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (n instanceof Element && n.closest('[data-pagefind-ignore]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n instanceof HTMLHeadingElement && n.id) {
          current = [n.id, ''];
          out.push(current);
        } else if (n.nodeType === Node.TEXT_NODE && current && !(n.parentElement instanceof HTMLHeadingElement)) current[1] += n.textContent;
      }
      for (const c of out) c[1] = `${document.getElementById(c[0])!.textContent}${c[1]}`.replace(/\s+/g, '');
      return out;
    }),
  );
}

describe('a Chinese query matches the phrase', () => {
  it('人民调解: lists only the sections that contain it, all of them, each excerpt showing it', async () => {
    const { status, results, page } = await search('人民调解');
    expect(status).toMatch(/找到 \d+ 份相关报告/);
    expect(results[0]!.href).toBe(FAZHI);
    const listed = results.flatMap((r) => r.sections.map((s) => s.href));
    for (const r of results) {
      // A report shows its sections' excerpts, or its own when the phrase is outside any section.
      if (!r.sections.length) {
        expect(r.excerpt).toContain('人民调解');
        expect(r.marks).toContain('人民调解');
      }
      for (const s of r.sections) {
        expect(s.excerpt, s.href).toContain('人民调解');
        expect(s.marks).toContain('人民调解');
      }
    }
    // Against the report page itself: every listed section holds the phrase, every section holding it is listed.
    const sections = await sectionTexts(page, FAZHI);
    const holding = [...sections].filter(([, text]) => text.includes('人民调解')).map(([id]) => `${FAZHI}#${id}`);
    expect(holding.length).toBeGreaterThan(0);
    expect(listed.filter((h) => h.startsWith(FAZHI)).sort()).toEqual(holding.sort());
    // What the check is for: Pagefind alone lists sections with only 人民 or 调解 (人民政府, 人民群众 …).
    await page.goto(`${server.url}search/`);
    const raw = (await pagefindData(page, '人民调解')).find((d) => d.url === FAZHI)!.sub_results.map((s) => s.url);
    const without = raw.filter((u) => u.includes('#') && !sections.get(u.split('#')[1]!)!.includes('人民调解'));
    expect(without.length).toBeGreaterThan(0);
    await page.close();
  });

  it('a number from an official table is found as its cell, named by its row and column', async () => {
    // The cells of the 信息公开 report's tables, named as a screen reader names them (their headers).
    const { page } = await openPage(chromium.browser);
    await page.goto(server.origin + XINXI);
    const cells = await page.$$eval('.official-table td[headers]', (tds) => {
      const article = document.querySelector('[data-pagefind-body]')!.textContent!.replace(/\s+/g, '');
      return tds
        .map((td) => ({
          statement: `${td.getAttribute('headers')!.split(' ').map((id) => document.getElementById(id)!.textContent!.trim()).join(' ')}：${td.textContent!.trim()}`,
          number: /^\d+(?:\.\d+)?/.exec(td.textContent!.trim())?.[0] ?? '',
        }))
        .filter((c) => c.number.length >= 3 && article.split(c.number).length === 2);
    });
    await page.close();
    // A number that occurs only in that cell of the page.
    const cell = cells[0]!;
    expect(cell, 'a table number found nowhere else on the page').toBeDefined();
    const { results, page: searchPage } = await search(cell.number);
    const report = results.find((r) => r.href === XINXI)!;
    expect(report).toBeDefined();
    expect(report.sections).toHaveLength(1);
    expect(report.sections[0]!.excerpt).toContain(`${cell.statement}；`);
    expect(report.sections[0]!.marks).toEqual([cell.number]);
    await searchPage.close();
  });

  it('indexes every official table cell as its own statement, never glued to the next value', async () => {
    const { page } = await openPage(chromium.browser);
    await page.goto(server.origin + XINXI);
    const statements = await page.$$eval('.official-table td[headers]', (tds) =>
      tds.map((td) => `${td.getAttribute('headers')!.split(' ').map((id) => document.getElementById(id)!.textContent!.trim()).join(' ')}：${td.textContent!.trim()}；`),
    );
    // The text Pagefind holds for the page, as the search page gets it.
    await page.goto(`${server.url}search/`);
    const data = await pagefindData(page, '行政许可');
    const content = data.find((d) => d.url === XINXI)!.content;
    const flat = content.replace(/\s+/g, ' ');
    expect(statements.length).toBeGreaterThan(100);
    for (const s of statements) expect(flat).toContain(s);
    expect(flat).not.toMatch(/\d件\. \d/);
    await page.close();
  });
});

describe('the new pages in every reading mode', () => {
  const MODES = { normal: {}, large: { large: true }, contrast: { contrast: true } };
  for (const [mode, modes] of Object.entries(MODES)) {
    it(`has no axe violations and no sideways scrolling on the data page, the site map and search results (${mode})`, async () => {
      const found: Record<string, string[]> = {};
      for (const rel of ['data/', 'sitemap/', 'search/?q=人民调解']) {
        // At phone width, where sideways scrolling shows first (axe's findings do not depend on the width).
        for (const width of [390]) {
          const { page } = await openPage(chromium.browser, width);
          await page.evaluateOnNewDocument((m) => localStorage.setItem('nianbao-reading-modes', JSON.stringify(m)), modes);
          await page.goto(server.url + rel);
          if (rel.startsWith('search')) await page.waitForSelector('#search-results li');
          const violations = (await axeViolations(page)).map((v) => `${v.id}: ${v.help} ${v.nodes.slice(0, 2).join(' ')}`);
          if (violations.length) found[`${rel} ${width}`] = violations;
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${rel} at ${width} px`).toBe(true);
          await page.close();
        }
      }
      expect(found).toEqual({});
    });
  }
});
