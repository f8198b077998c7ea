/**
 * What a reader finds on the report pages of the samples, in real Chromium: every number as the
 * one formatting function writes it, charts with names and the right numbers, the publication
 * metadata, and pages that work without JavaScript.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent, type ContentModel } from '../../src/content/index.ts';
import { formatMetric } from '../../src/metrics/format.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { launchBrowser, openPage, type TestBrowser } from '../helpers/browser.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';

const BASE = '/fzzfjs/';
const FAZHI = 'reports/chenxi-2022-fazhi-zhengfu/';
const XINXI = 'reports/chenxi-sifaju-2022-xinxi-gongkai/';

let dist: string;
let server: StaticServer;
let chromium: TestBrowser;
let model: ContentModel;

beforeAll(async () => {
  // The run's shared build of the two samples under /fzzfjs/ (only read here), and their model.
  const shared = await sharedBuild('fzzfjs');
  const loaded = loadContent(shared.project, { basePath: BASE });
  if (!loaded.ok) throw new Error('samples do not load');
  model = loaded.model;
  dist = shared.dist;
  server = await serveStatic(dist, BASE);
  chromium = await launchBrowser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

async function visit(rel: string) {
  const { page } = await openPage(chromium.browser);
  // The pages are static: 'load' has every stylesheet and script applied (no idle wait needed).
  await page.goto(server.url + rel, { waitUntil: 'load' });
  return page;
}

describe('metric values', () => {
  for (const slug of ['chenxi-2022-fazhi-zhengfu', 'chenxi-sifaju-2022-xinxi-gongkai']) {
    it(`shows every metric of ${slug} exactly as formatMetric writes it`, async () => {
      const report = model.reports.find((r) => r.slug === slug)!;
      const page = await visit(`reports/${slug}/`);
      const text = await page.$eval('article', (a) => a.textContent ?? '');
      const marked = await page.$$eval('article [data-metric]:not(tspan)', (els) => els.map((e) => ({ id: e.getAttribute('data-metric')!, text: e.textContent ?? '' })));
      for (const metric of Object.values(report.metrics)) {
        expect(text).toContain(formatMetric(metric));
        const shown = marked.filter((m) => m.id === metric.id);
        expect(shown.length, metric.id).toBeGreaterThan(0);
        for (const s of shown) expect(s.text, metric.id).toBe(formatMetric(metric));
      }
      // The prose references, in order, are the loader's formatted texts.
      const refs = await page.$$eval('article .report-body span.metric', (els) => els.map((e) => [e.getAttribute('data-metric'), e.textContent]));
      expect(refs.length).toBeGreaterThan(0);
      for (const [id, t] of refs) expect(t).toBe(formatMetric(report.metrics[id!]!));
      await page.close();
    });
  }
});

describe('charts', () => {
  it('draws the wholes with their parts as SVG with an accessible name and the metrics’ numbers', async () => {
    const report = model.reports.find((r) => r.slug === 'chenxi-2022-fazhi-zhengfu')!;
    const page = await visit(FAZHI);
    const charts = await page.$$('#maodun-jiufen ~ figure svg.chart, .report-section:has(#maodun-jiufen) svg.chart');
    expect(charts.length).toBe(2);
    for (const svg of charts) {
      const ax = await page.accessibility.snapshot({ root: svg, interestingOnly: false });
      expect(ax?.role).toBe('image');
      const title = await svg.$eval('title', (t) => t.textContent);
      expect(ax?.name).toContain(title);
      expect(ax?.name).toMatch(/人民调解员/);
      const values = await svg.$$eval('tspan[data-metric]', (ts) => ts.map((t) => [t.getAttribute('data-metric')!, t.textContent!.trim()]));
      const widths = await svg.$$eval('rect.chart-bar', (rs) => rs.map((r) => parseFloat(r.getAttribute('width')!)));
      const total = values.reduce((s, [id]) => s + (report.metrics[id!]!.value as { number: number }).number, 0);
      expect(total).toBe(1054);
      values.forEach(([id, text], i) => {
        const metric = report.metrics[id!]!;
        expect(text).toBe(formatMetric(metric));
        expect(widths[i]).toBeCloseTo(((metric.value as { number: number }).number / total) * 100, 1);
      });
      const desc = await svg.$eval('desc', (d) => d.textContent);
      for (const [, text] of values) expect(desc).toContain(text);
    }
    // The data table behind each chart.
    const fallback = await page.$$eval('.report-section:has(#maodun-jiufen) .chart-data table', (ts) => ts.map((t) => t.textContent));
    expect(fallback[0]).toContain('392人');
    expect(fallback[0]).toContain('662人');
    expect(fallback[0]).toContain('1054名');
    await page.close();
  });

  it('charts the outcome of applications of the 信息公开 report from its official table', async () => {
    const report = model.reports.find((r) => r.slug === 'chenxi-sifaju-2022-xinxi-gongkai')!;
    const page = await visit(XINXI);
    const values = await page.$$eval('.report-section:has(#shenqing-chuli) svg.chart tspan[data-metric]', (ts) => ts.map((t) => [t.getAttribute('data-metric')!, t.textContent!.trim()]));
    expect(values.length).toBeGreaterThan(5);
    for (const [id, text] of values) expect(text).toBe(formatMetric(report.metrics[id!]!));
    const sum = values.reduce((s, [id]) => s + (report.metrics[id!]!.value as { number: number }).number, 0);
    expect(sum).toBe((report.metrics['shenqing.jieguo-zongji.zongji']!.value as { number: number }).number);
    await page.close();
  });
});

describe('official tables of the 信息公开 report', () => {
  it('lays out tables 二, 三 and 四 as the 2021 format prints them', async () => {
    const page = await visit(XINXI);
    const t2 = await page.$eval('#zhudong-gongkai ~ .official-table table', (t) => [...t.querySelectorAll('th.block-title')].map((th) => th.textContent));
    expect(t2).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    const t3 = await page.$eval('#t-shenqing', (t) => ({
      band: t.querySelector('thead th[colspan="7"]')?.textContent,
      group: t.querySelector('thead th[colspan="5"]')?.textContent,
      results: [...t.querySelectorAll('tbody th[scope="rowgroup"]')].map((th) => [th.textContent, th.getAttribute('rowspan')]),
      cells: t.querySelectorAll('tbody td').length,
      headersOfFirst: t.querySelector('tbody td')!.getAttribute('headers')!.split(' ').map((id) => document.getElementById(id)!.textContent),
    }));
    expect(t3.band).toBe('申请人情况');
    expect(t3.group).toBe('法人或其他组织');
    expect(t3.results[0]).toEqual(['三、本年度办理结果', '22']);
    expect(t3.results.map((r) => r[0])).toEqual(['三、本年度办理结果', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理']);
    expect(t3.cells).toBe(25 * 7);
    expect(t3.headersOfFirst).toEqual(['一、本年新收政府信息公开申请数量', '申请人情况', '自然人']);
    const t4 = await page.$eval('#t-fuyi-susong', (t) => ({
      rows: t.querySelectorAll('tbody tr').length,
      cells: [...t.querySelectorAll('tbody td')].map((td) => td.textContent),
      bands: [...t.querySelectorAll('thead tr:first-child th')].map((th) => th.textContent),
    }));
    expect(t4.rows).toBe(1);
    expect(t4.cells).toEqual(['1件', '1件', '0件', '0件', '2件', '1件', '0件', '0件', '1件', '2件', '0件', '0件', '0件', '0件', '0件']);
    expect(t4.bands).toEqual(['行政复议', '行政诉讼']);
    // The number shows as the table prints it; the unit is for screen readers.
    const shown = await page.$eval('#t-fuyi-susong tbody td', (td) => ({ number: td.firstChild!.textContent, unit: td.querySelector('span')!.getBoundingClientRect().width }));
    expect(shown).toEqual({ number: '1', unit: 1 });
    await page.close();
  });
});

describe('publication metadata', () => {
  it('carries the sample’s real values in the page-spec meta tags and the disclosure block', async () => {
    const page = await visit(FAZHI);
    const meta = Object.fromEntries(await page.$$eval('meta[name]', (ms) => ms.map((m) => [m.getAttribute('name'), m.getAttribute('content')])));
    expect(meta).toMatchObject({
      SiteName: '辰溪县人民政府门户网站',
      SiteDomain: 'www.chenxi.gov.cn',
      SiteIDCode: '4312230001',
      ColumnName: '法治政府建设年度报告',
      ColumnType: '法治政府建设',
      ArticleTitle: '辰溪县人民政府关于法治政府建设工作情况汇报（2022年）',
      PubDate: '2023-01-04 11:30',
      ContentSource: '辰溪县司法局',
      Keywords: '法治政府建设,依法行政,人民调解,行政执法',
      Author: '辰溪县司法局',
      Url: 'https://www.chenxi.gov.cn/fzzfjs/reports/chenxi-2022-fazhi-zhengfu/',
    });
    expect(meta.Description).toMatch(/^近年来，我县全面深化行政审批制度改革措施/);
    const disclosure = Object.fromEntries(await page.$$eval('.disclosure > div', (ds) => ds.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])));
    expect(disclosure).toEqual({
      索引号: '11431223MB1C44906X/2023-00001',
      发布机构: '辰溪县司法局',
      信息来源: '辰溪县司法局',
      成文日期: '2023-01-04',
      发布日期: '2023-01-04 11:30',
      文号: '无',
      主题分类: '政务公开',
    });
    expect(await page.$eval('link[rel="canonical"]', (l) => l.getAttribute('href'))).toBe(meta.Url);
    expect(await page.$eval('html', (h) => h.getAttribute('lang'))).toBe('zh-CN');
    const footer = await page.$$eval('.site-footer a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(footer).toContainEqual(['湘ICP备05005138号', 'https://beian.miit.gov.cn/']);
    expect(await page.$eval('.site-footer', (f) => f.textContent)).toContain('网站标识码：4312230001');
    await page.close();
  });

  it('lists the pages in sitemap.xml with their canonical URLs', () => {
    const xml = readFileSync(path.join(dist, 'sitemap.xml'), 'utf8');
    expect(xml).toContain('<loc>https://www.chenxi.gov.cn/fzzfjs/reports/chenxi-2022-fazhi-zhengfu/</loc><lastmod>2023-01-04</lastmod>');
    expect(xml).toContain('<loc>https://www.chenxi.gov.cn/fzzfjs/</loc>');
    // Home, the data page and the site map, two type pages and their two metrics pages, one series page each
    // (both reports are 司法局's), two reports, a page per issuer and per issuer kind.
    const kinds = new Set(model.issuers.map((i) => i.kind)).size;
    expect(xml.match(/<url>/g)?.length).toBe(3 + 2 * 2 + 2 + 2 + model.issuers.length + kinds);
    expect(xml).toContain('<loc>https://www.chenxi.gov.cn/fzzfjs/metrics/xinxi-gongkai/sifaju/</loc>');
    expect(xml).toContain('<loc>https://www.chenxi.gov.cn/fzzfjs/issuers/sifaju/</loc><lastmod>2023-01-20</lastmod>');
  });
});

describe('machine-readable data', () => {
  it('publishes each report’s metrics as JSON and as CSV with a byte-order mark', async () => {
    for (const report of model.reports) {
      const json = (await (await fetch(`${server.url}data/${report.slug}.json`)).json()) as { metrics: { id: string; text: string }[] };
      expect(json.metrics.map((m) => m.id).sort()).toEqual(Object.keys(report.metrics).sort());
      for (const m of json.metrics) expect(m.text).toBe(formatMetric(report.metrics[m.id]!));
      const csv = new Uint8Array(await (await fetch(`${server.url}data/${report.slug}.csv`)).arrayBuffer());
      expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(csv).split('\r\n').length).toBe(Object.keys(report.metrics).length + 2);
    }
  });
});

describe('reading modes and scripts', () => {
  it('keeps large text and high contrast from page to page', async () => {
    const page = await visit('');
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await page.click('label[for="nb-mode-large"]');
    await page.click('label[for="nb-mode-contrast"]');
    await Promise.all([page.waitForNavigation(), page.click(`a[href="${BASE}${FAZHI}"]`)]);
    const after = await page.evaluate(() => ({
      size: parseFloat(getComputedStyle(document.documentElement).fontSize),
      background: getComputedStyle(document.body).backgroundColor,
      checked: [(document.getElementById('nb-mode-large') as HTMLInputElement).checked, (document.getElementById('nb-mode-contrast') as HTMLInputElement).checked],
    }));
    expect(after.size).toBeCloseTo(before * (4 / 3), 1);
    expect(after.background).toBe('rgb(0, 0, 0)');
    expect(after.checked).toEqual([true, true]);
    await page.click('label[for="nb-mode-large"]');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains('nb-large'))).toBe(false);
    await page.close();
  });

  it('shows focus and offers a skip link to the main content', async () => {
    const page = await visit(FAZHI);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { text: el.textContent, top: el.getBoundingClientRect().top, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(skip).toMatchObject({ text: '跳到正文', outline: 'solid' });
    expect(skip.top).toBeGreaterThanOrEqual(0);
    expect(skip.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('reads fully with JavaScript disabled, reading modes included', async () => {
    const noJs = await launchBrowser({ javaScript: false });
    try {
      const { page } = await openPage(noJs.browser);
      await page.setJavaScriptEnabled(false);
      await page.goto(server.url, { waitUntil: 'load' });
      expect(await page.$$eval('.report-list a', (as) => as.length)).toBe(2);
      await page.goto(server.url + FAZHI, { waitUntil: 'load' });
      const text = await page.$eval('main', (m) => (m as HTMLElement).innerText);
      expect(text).toContain('人民调解员1054名');
      expect(await page.$$eval('svg.chart', (s) => s.length)).toBeGreaterThan(0);
      const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      await page.click('label[for="nb-mode-large"]');
      const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      expect(after).toBeCloseTo(before * (4 / 3), 1);
      await page.goto(`${server.url}search/`, { waitUntil: 'load' });
      expect(await page.$eval('main', (m) => (m as HTMLElement).innerText)).toContain('搜索需要浏览器启用 JavaScript');
    } finally {
      await noJs.close();
    }
  });
});
