/**
 * Reports of consecutive years: the change from last year on the report page, and a page of each
 * metric over the years. Built from the samples plus the 2021 reports of the same organs, under
 * the root base path "/".
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { launchBrowser, openPage, type TestBrowser } from '../helpers/browser.ts';
import { crawl } from '../helpers/crawl.ts';
import { layoutFindings } from '../helpers/phone-layout.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { buildPages, PAGES_AND_DOCX, projectWithEarlierYears, removeBuilds } from './site-builds.ts';

let server: StaticServer;
let chromium: TestBrowser;

beforeAll(async () => {
  // No PDF or OFD is looked at; the Word files stay, so the crawl follows download links under "/".
  const dist = await buildPages('/', projectWithEarlierYears(), PAGES_AND_DOCX);
  server = await serveStatic(dist, '/');
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
  removeBuilds();
});

/** One tab for every test that only reads pages, each loaded afresh into it (a new tab costs more than a page load). */
let reading: Promise<Page> | undefined;
async function visit(rel: string) {
  reading ??= openPage(chromium.browser).then(({ page }) => page);
  const page = await reading;
  // In front, as a new tab would be: a tab behind another renders no frames and slows its timers.
  await page.bringToFront();
  // The pages are static: 'load' has every stylesheet and script applied (no idle wait needed).
  await page.goto(server.url + rel, { waitUntil: 'load' });
  return page;
}

/** Rows of the section's metric table: label → [this year, last year, change]. */
async function metricRows(rel: string, section: string) {
  const page = await visit(rel);
  const rows = await page.$$eval(`.report-section:has(#${section}) .metric-table tbody tr`, (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.querySelector('th')!.textContent, [...tr.querySelectorAll('td')].map((td) => td.textContent)])),
  );
  const head = await page.$$eval(`.report-section:has(#${section}) .metric-table thead th`, (ths) => ths.map((th) => th.textContent));
  return { head, rows };
}

describe('change from the previous year', () => {
  it('shows last year’s value and the change beside each metric the two reports share', async () => {
    const { head, rows } = await metricRows('reports/chenxi-2022-fazhi-zhengfu/', 'maodun-jiufen');
    expect(head).toEqual(['指标', '2022年', '2021年', '较上年']);
    expect(rows['人民调解员']).toEqual(['1054名', '1000名', '增加54名（增长5.4%）']);
    expect(rows['矛盾纠纷调解成功率']).toEqual(['95.4%', '94.1%', '提高1.3个百分点']);
    expect(rows['审查办理行政复议案件']).toEqual(['18件', '21件', '减少3件（下降14.3%）']);
    expect(rows['法治宣传活动']).toEqual(['20余场次', '15余场次', '不可比']);
    expect(rows['“三源共治”站']).toEqual(['23个', '—', '—']);
  });

  it('shows no comparison on the first year of a series', async () => {
    const { head } = await metricRows('reports/chenxi-2021-fazhi-zhengfu/', 'maodun-jiufen');
    expect(head).toEqual(['指标', '2021年']);
  });

  it('charts the section’s numbers of both years, with an accessible name', async () => {
    const page = await visit('reports/chenxi-2022-fazhi-zhengfu/');
    const svg = await page.$('.report-section:has(#maodun-jiufen) svg.chart-years');
    const ax = await page.accessibility.snapshot({ root: svg!, interestingOnly: false });
    expect(ax?.role).toBe('image');
    expect(ax?.name).toContain('积极防范化解社会矛盾纠纷：2021—2022年数据对比');
    const values = await svg!.$$eval('tspan.chart-value', (ts) => ts.map((t) => t.textContent!.trim()));
    expect(values).toEqual(expect.arrayContaining(['1000名', '1054名', '94.1%', '95.4%']));
  });

  it('compares the official tables of the 信息公开 reports cell by cell', async () => {
    const page = await visit('reports/chenxi-sifaju-2022-xinxi-gongkai/');
    const rows = await page.$$eval('.report-section:has(#zhudong-gongkai) .table-comparison tbody tr', (trs) =>
      Object.fromEntries(trs.map((tr) => [tr.querySelector('th')!.textContent, [...tr.querySelectorAll('td')].map((td) => td.textContent)])),
    );
    expect(rows['行政许可']).toEqual(['110件', '128件', '增加18件（增长16.4%）']);
    expect(rows['行政事业性收费']).toEqual(['10.2万元', '12.6万元', '增加2.4万元（增长23.5%）']);
    expect(rows['规章（本年制发件数）']).toBeUndefined(); // "/" in both years
  });
});

describe('metrics over the years', () => {
  it('tabulates each metric by year with its change and a small chart', async () => {
    const page = await visit('metrics/fazhi-zhengfu/sifaju/');
    const row = await page.$$eval('.metric-history tbody tr', (trs) => {
      const tr = trs.find((t) => t.querySelector('th')!.textContent === '人民调解员')!;
      return { cells: [...tr.querySelectorAll('td')].map((td) => td.textContent), svg: tr.querySelector('svg')!.getAttribute('aria-label') };
    });
    expect(row.cells.slice(0, 3)).toEqual(['1000名', '1054名', '增加54名（增长5.4%）']);
    expect(row.svg).toBe('人民调解员：2021年1000名，2022年1054名');
    const links = await page.$$eval('.series-reports a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['/reports/chenxi-2021-fazhi-zhengfu/', '/data/chenxi-2021-fazhi-zhengfu.csv']));
  });

  it('has no accessibility violations on pages with comparisons', async () => {
    for (const rel of ['metrics/fazhi-zhengfu/', 'metrics/fazhi-zhengfu/sifaju/', 'metrics/xinxi-gongkai/sifaju/', 'reports/chenxi-2022-fazhi-zhengfu/', 'reports/chenxi-sifaju-2022-xinxi-gongkai/']) {
      const page = await visit(rel);
      await page.$$eval('details', (ds) => ds.forEach((d) => d.setAttribute('open', '')));
      expect((await axeViolations(page)).map((v) => `${rel} ${v.id}: ${v.nodes[0]}`)).toEqual([]);
    }
  });

  it('resolves every link under the root base path', async () => {
    const result = await crawl(server.url);
    expect(result.broken).toEqual([]);
    expect(result.visited.get(`${server.url}reports/chenxi-2021-fazhi-zhengfu/`)).toBe(200);
  });
});

describe('moving between reports, and the metrics on a phone', () => {
  it('links each report to the next and previous of its type, its figures over the years and the top of the page', async () => {
    const page = await visit('reports/chenxi-2022-fazhi-zhengfu/');
    const pager = await page.$$eval('.report-pager a', (as) => as.map((a) => [a.getAttribute('rel'), a.getAttribute('href'), a.textContent]));
    expect(pager).toEqual([['next', '/reports/chenxi-2021-fazhi-zhengfu/', '下一篇辰溪县人民政府关于法治政府建设工作情况汇报（2021年）']]);
    expect(await page.$eval('.back-to-top a', (a) => document.getElementById(a.getAttribute('href')!.slice(1))?.className)).toBe('site-header');
    const history = await page.$eval('.series-years a[href^="/metrics/"]', (a) => a.getAttribute('href'));
    expect(history).toBe('/metrics/fazhi-zhengfu/sifaju/');
    await Promise.all([page.waitForNavigation(), page.click('.report-pager a[rel="next"]')]);
    expect(await page.$$eval('.report-pager a', (as) => as.map((a) => [a.getAttribute('rel'), a.getAttribute('href')]))).toEqual([['prev', '/reports/chenxi-2022-fazhi-zhengfu/']]);
    await page.goto(server.url + history!.slice(1), { waitUntil: 'load' });
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('辰溪县司法局：法治政府建设年度报告历年数据');
    // The type's list of series leads back to it.
    await page.goto(server.url + 'metrics/fazhi-zhengfu/', { waitUntil: 'load' });
    expect(await page.$$eval('.series-list a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([['辰溪县司法局', '/metrics/fazhi-zhengfu/sifaju/']]);
  });

  it('prints with the print button, which stays hidden without JavaScript', async () => {
    const page = (await openPage(chromium.browser)).page;
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    // The button's script is a deferred module: it has run when 'load' fires (no idle wait needed).
    await page.goto(server.url + 'reports/chenxi-sifaju-2022-xinxi-gongkai/', { waitUntil: 'load' });
    await page.click('.print-button');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.setJavaScriptEnabled(false);
    await page.reload({ waitUntil: 'load' });
    expect(await page.$eval('.print-button', (b) => b.getClientRects().length)).toBe(0);
    expect(await page.$eval('main', (m) => (m as HTMLElement).innerText)).toContain('收到和处理政府信息公开申请情况');
    await page.close();
  });

  it('keeps the labels of a metrics table with two years in view on a phone, scrolled to its right end', async () => {
    const { page } = await openPage(chromium.browser, 390, 844);
    await page.bringToFront();
    await page.evaluateOnNewDocument(() => localStorage.setItem('nianbao-reading-modes', JSON.stringify({ large: true })));
    await page.goto(server.url + 'metrics/fazhi-zhengfu/sifaju/', { waitUntil: 'load' });
    const found = await layoutFindings(page);
    expect(found.problems).toEqual([]);
    expect(found.scrolledRegions).toBeGreaterThan(0);
    expect(found.stickyLabels).toBeGreaterThan(20);
    await page.close();
  });
});

describe('search over several years', () => {
  it('finds the reports of every year: one index per year, merged by the search page', async () => {
    const page = await visit('search/?q=人民调解');
    await page.waitForSelector('#search-results li');
    const hrefs = await page.$$eval('#search-results > li h2 a', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['/reports/chenxi-2022-fazhi-zhengfu/', '/reports/chenxi-2021-fazhi-zhengfu/']));
  });
});
