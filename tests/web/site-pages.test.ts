import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupByYear, reportTypes } from '../../src/web/catalogue.ts';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';
import { availableDownloads, downloadsHtml, formatBytes, refreshDownloadLinks } from '../../src/web/downloads.ts';
import { articleMeta, disclosureItems } from '../../src/web/page-meta.ts';
import { sitemapXml } from '../../src/web/sitemap.ts';
import { chineseDate, reportSummary } from '../../src/web/text.ts';
import { absoluteUrl, portalPaths } from '../../src/web/urls.ts';
import { sampleModel, sampleReport } from './sample-model.ts';

describe('addresses', () => {
  it('puts every page under the base path', () => {
    const p = portalPaths('/a/b/');
    expect([p.home, p.report('x'), p.type('t'), p.metrics('t'), p.search, p.dataCsv('x'), p.download('downloads/x.pdf')]).toEqual([
      '/a/b/',
      '/a/b/reports/x/',
      '/a/b/types/t/',
      '/a/b/metrics/t/',
      '/a/b/search/',
      '/a/b/data/x.csv',
      '/a/b/downloads/x.pdf',
    ]);
    expect(absoluteUrl('www.chenxi.gov.cn', '/a/b/')).toBe('https://www.chenxi.gov.cn/a/b/');
    expect(absoluteUrl(undefined, '/a/b/')).toBeUndefined();
  });
});

describe('home page catalogue', () => {
  it('groups reports by year, newest first, then by type, then by kind of issuer in issuers.yaml order; filters by type and kind', () => {
    const model = sampleModel();
    const groups = groupByYear(model);
    expect(groups.map((g) => g.year)).toEqual([...new Set(model.reports.map((r) => r.meta.year))].sort((a, b) => b - a));
    const listed = groups.flatMap((g) => g.types.flatMap((t) => t.kinds.flatMap((k) => k.reports.map((r) => r.slug))));
    expect(listed.sort()).toEqual(model.reports.map((r) => r.slug).sort());
    const order = model.issuers.map((i) => i.id);
    const kinds = ['government', 'department', 'township', 'other'];
    for (const t of groups.flatMap((g) => g.types)) {
      expect(t.kinds.map((k) => kinds.indexOf(k.kind))).toEqual([...t.kinds.map((k) => kinds.indexOf(k.kind))].sort((a, b) => a - b));
      for (const k of t.kinds) {
        expect(k.reports.every((r) => r.issuer.kind === k.kind && r.template.id === t.type.id)).toBe(true);
        const at = k.reports.map((r) => order.indexOf(r.issuer.id));
        expect(at).toEqual([...at].sort((a, b) => a - b));
      }
    }
    const slugs = (gs: ReturnType<typeof groupByYear>) => gs.flatMap((g) => g.types.flatMap((t) => t.reports.map((r) => r.slug))).sort();
    expect(slugs(groupByYear(model, { typeId: 'fazhi-zhengfu' }))).toEqual(model.reports.filter((r) => r.template.id === 'fazhi-zhengfu').map((r) => r.slug).sort());
    expect(slugs(groupByYear(model, { kind: 'township' }))).toEqual(model.reports.filter((r) => r.issuer.kind === 'township').map((r) => r.slug).sort());
    expect(groupByYear(model, { kind: 'township' })).toBe(groupByYear(model, { kind: 'township' }));
    const count = (type: string) => model.reports.filter((r) => r.template.id === type).length;
    expect(Object.fromEntries(reportTypes(model).map((t) => [t.name, t.count]))).toEqual({ 政府信息公开工作年度报告: count('xinxi-gongkai'), 法治政府建设年度报告: count('fazhi-zhengfu') });
  });
});

describe('page metadata', () => {
  it('fills the disclosure block with the fields the site shows, 无 where a report has none', () => {
    const items = disclosureItems(sampleModel(), sampleReport('chenxi-2022-fazhi-zhengfu'));
    expect(items.map((i) => `${i.label}:${i.value}`)).toEqual([
      '索引号:11431223MB1C44906X/2023-00001',
      '发布机构:辰溪县司法局',
      '信息来源:辰溪县司法局',
      '成文日期:2023-01-04',
      '发布日期:2023-01-04 11:30',
      '文号:无',
      '主题分类:政务公开',
    ]);
    const fewer = { ...sampleModel(), site: { ...sampleModel().site, disclosureFields: ['publishedAt', 'keywords'] as const } };
    expect(disclosureItems(fewer as never, sampleReport('chenxi-2022-fazhi-zhengfu')).map((i) => i.value)).toEqual(['2023-01-04 11:30', '法治政府建设、依法行政、人民调解、行政执法']);
  });

  it('describes an article with the page-spec tags, its text as description', () => {
    const tags = Object.fromEntries(articleMeta(sampleModel(), sampleReport('chenxi-sifaju-2022-xinxi-gongkai'), 'https://x/y/').map((t) => [t.name, t.content]));
    expect(tags).toMatchObject({ ArticleTitle: '辰溪县司法局2022年政府信息公开工作年度报告', PubDate: '2023-01-20 09:30', ContentSource: '辰溪县司法局', Url: 'https://x/y/', Author: '辰溪县司法局', IndexNumber: '11431223MB1C44906X/2023-00003' });
    expect(tags.Description).toBe(reportSummary(sampleReport('chenxi-sifaju-2022-xinxi-gongkai')));
    expect([...tags.Description!]).toHaveLength(121);
    expect(tags.Description).toMatch(/^2022年，辰溪县司法局深入贯彻《中华人民共和国政府信息公开条例》.*…$/);
    expect(chineseDate('2023-01-04')).toBe('2023年1月4日');
  });

  it('lists pages in the sitemap only with the site’s domain, dated by publication', () => {
    const model = sampleModel();
    const xml = sitemapXml(model);
    expect(xml).toContain('<url><loc>https://www.chenxi.gov.cn/ndbg/reports/chenxi-sifaju-2022-xinxi-gongkai/</loc><lastmod>2023-01-20</lastmod></url>');
    const newest = model.reports.find((r) => r.issuer.id === 'xianzhengfu')!.meta.publishedAt.slice(0, 10);
    expect(xml).toContain(`<url><loc>https://www.chenxi.gov.cn/ndbg/issuers/xianzhengfu/</loc><lastmod>${newest}</lastmod></url>`);
    expect(xml).toContain('<url><loc>https://www.chenxi.gov.cn/ndbg/kinds/township/</loc></url>');
    const noDomain = sitemapXml({ ...model, site: { ...model.site, domain: undefined } });
    expect(noDomain).not.toContain('<url>');
  });
});

describe('downloads', () => {
  it('writes sizes as a reader expects them', () => {
    expect([formatBytes(300), formatBytes(356 * 1024 + 100), formatBytes(1.25 * 1024 * 1024)]).toEqual(['1 KB', '356 KB', '1.3 MB']);
  });

  it('lists the files that exist, and the PDF stage’s post-step adds those written later', () => {
    const model = sampleModel();
    const out = mkdtempSync(path.join(tmpdir(), 'nianbao-downloads-'));
    const slug = 'chenxi-2022-fazhi-zhengfu';
    mkdirSync(path.join(out, 'downloads'));
    writeFileSync(path.join(out, `downloads/${slug}.docx`), Buffer.alloc(2048));
    const page = path.join(out, `reports/${slug}/index.html`);
    mkdirSync(path.dirname(page), { recursive: true });
    const before = downloadsHtml(slug, availableDownloads(out, slug, model.site.basePath, OUTPUT_FORMATS));
    expect(before).toBe(
      `<div class="downloads" data-downloads="${slug}" data-pagefind-ignore><p class="downloads-label">下载本报告：</p><ul><li><a href="/ndbg/downloads/${slug}.docx" download>Word 版（DOCX，2 KB）</a></li></ul></div>`,
    );
    writeFileSync(page, `<main>${before}<p>正文</p></main>`);
    writeFileSync(path.join(out, `downloads/${slug}.pdf`), Buffer.alloc(5 * 1024));
    refreshDownloadLinks(out, model, OUTPUT_FORMATS);
    const after = readFileSync(page, 'utf8');
    expect(after).toContain(`<li><a href="/ndbg/downloads/${slug}.pdf" download>PDF 版（5 KB）</a></li><li><a href="/ndbg/downloads/${slug}.docx" download>Word 版（DOCX，2 KB）</a></li></ul></div><p>正文</p></main>`);
    expect(downloadsHtml('x', [])).toBe('<div class="downloads" data-downloads="x" data-pagefind-ignore></div>');
    rmSync(out, { recursive: true, force: true });
  });
});
