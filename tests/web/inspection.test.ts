/**
 * What the provincial and national website inspections read: SiteName as registered, the column
 * of each page (ColumnName, ColumnType per report type), a 网站地图 linking every page, and the
 * 党政机关 mark linked to the site's certificate page. On the run's shared build under /fzzfjs/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SiteConfig } from '../../src/schema/site.ts';
import { columnOf } from '../../src/web/page-meta.ts';
import { partyGovMarkView } from '../../src/web/party-gov-mark.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { sampleModel } from './sample-model.ts';

const BASE = '/fzzfjs/';
let dist: string;
const read = (rel: string) => readFileSync(path.join(dist, rel), 'utf8');
const pages = () =>
  readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .sort();
const metaOf = (html: string) => Object.fromEntries([...html.matchAll(/<meta name="([^"]+)" content="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const linksOf = (html: string) => new Set([...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')));

beforeAll(async () => {
  dist = (await sharedBuild('fzzfjs')).dist;
});

describe('page-spec meta tags', () => {
  it('names the site as registered (siteName) on every page', () => {
    for (const page of pages()) expect(metaOf(read(page)).SiteName, page).toBe('辰溪县人民政府门户网站');
  });

  it('gives each report type its column from site.yaml, and the other pages the site’s', () => {
    const expected: Record<string, [string, string]> = {
      'index.html': ['信息公开年报', '信息公开年报'],
      'search/index.html': ['信息公开年报', '信息公开年报'],
      'types/xinxi-gongkai/index.html': ['政府信息公开年报', '信息公开年报'],
      'metrics/xinxi-gongkai/index.html': ['政府信息公开年报', '信息公开年报'],
      'metrics/xinxi-gongkai/sifaju/index.html': ['政府信息公开年报', '信息公开年报'],
      'reports/chenxi-sifaju-2022-xinxi-gongkai/index.html': ['政府信息公开年报', '信息公开年报'],
      'types/fazhi-zhengfu/index.html': ['法治政府建设年度报告', '法治政府建设'],
      'metrics/fazhi-zhengfu/index.html': ['法治政府建设年度报告', '法治政府建设'],
      'metrics/fazhi-zhengfu/sifaju/index.html': ['法治政府建设年度报告', '法治政府建设'],
      'reports/chenxi-2022-fazhi-zhengfu/index.html': ['法治政府建设年度报告', '法治政府建设'],
    };
    for (const [page, [name, type]] of Object.entries(expected)) {
      const meta = metaOf(read(page));
      expect([meta.ColumnName, meta.ColumnType], page).toEqual([name, type]);
    }
  });

  it('falls back to the type’s name and the site’s column type for a type site.yaml does not list', () => {
    const model = sampleModel();
    const bare = { ...model, site: { ...model.site, columns: {} } };
    expect(columnOf(bare, 'fazhi-zhengfu')).toEqual({ name: '法治政府建设年度报告', type: '信息公开年报' });
    expect(columnOf(bare)).toEqual({ name: '信息公开年报', type: '信息公开年报' });
  });
});

describe('网站地图', () => {
  it('links every page of the site, and sitemap.xml lists the same pages but search', () => {
    const map = read('sitemap/index.html');
    const links = linksOf(map);
    const all = pages().filter((p) => p !== '404.html' && p !== 'sitemap/index.html');
    expect(all.length).toBeGreaterThan(20);
    for (const page of all) expect(links.has(`${BASE}${page.replace(/index\.html$/, '')}`), page).toBe(true);
    const xml = [...read('sitemap.xml').matchAll(/<loc>https:\/\/www\.chenxi\.gov\.cn([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(new Set(xml)).toEqual(new Set([...all.map((p) => `${BASE}${p.replace(/index\.html$/, '')}`), `${BASE}sitemap/`].filter((u) => u !== `${BASE}search/`)));
  });

  it('is linked from the footer of every page, as the data page is', () => {
    for (const page of pages()) {
      const links = linksOf(read(page));
      expect(links.has(`${BASE}sitemap/`), page).toBe(true);
      expect(links.has(`${BASE}data/`), page).toBe(true);
    }
  });
});

describe('党政机关网站标识', () => {
  it('links the footer mark to the site’s certificate page on bszs.conac.cn', () => {
    for (const page of ['index.html', 'reports/chenxi-2022-fazhi-zhengfu/index.html']) {
      const mark = /<p class="party-gov-mark">(.*?)<\/p>/s.exec(read(page))![1]!;
      expect(mark).toContain('<a href="https://bszs.conac.cn/sitename?method=show&amp;id=0123456789ABCDEF0123456789ABCDEF">');
      expect(mark).toContain('党政机关');
    }
  });

  it('shows the issued image when site.yaml names one, published under the base path', () => {
    const site = SiteConfig.parse({
      name: '网站',
      government: '辰溪县人民政府',
      basePath: '/ndbg/',
      footer: { sponsor: '办公室', partyGovMark: true, partyGovMarkId: 'abcdef0123456789abcdef0123456789', partyGovMarkImage: 'biaoshi/red.PNG' },
    });
    expect(partyGovMarkView(site)).toEqual({
      href: 'https://bszs.conac.cn/sitename?method=show&id=ABCDEF0123456789ABCDEF0123456789',
      image: '/ndbg/dangzheng-jiguan-biaoshi.png',
      label: '党政机关 辰溪县人民政府网站',
    });
    expect(partyGovMarkView({ ...site, footer: { ...site.footer, partyGovMark: false } })).toBeUndefined();
  });
});
