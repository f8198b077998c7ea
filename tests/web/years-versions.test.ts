/**
 * The metrics-over-years page across format versions: a 2019-format year (2020) and 2021-format
 * years line up where the 2019 template's bridges say two cells hold the same quantity.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent, type ContentModel } from '../../src/content/index.ts';
import { formatMetric } from '../../src/metrics/format.ts';
import { typeHistory } from '../../src/web/years.ts';
import { astroBuild } from '../helpers/astro-cli.ts';
import { pastFormatsProject } from '../helpers/past-formats.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const project = pastFormatsProject(made);
const loaded = loadContent(project);
const model = (loaded.ok ? loaded.model : undefined) as ContentModel;

const sifaju = (m: ContentModel) => typeHistory(m, 'xinxi-gongkai').find((s) => s.organ === '辰溪县司法局')!;
const row = (m: ContentModel, id: string) => sifaju(m).groups.flatMap((g) => g.rows).find((r) => r.id === id);
const shown = (m: ContentModel, id: string) => row(m, id)?.values.map((v) => (v ? formatMetric(v) : '—'));

describe('metrics over years across the 2019 and 2021 formats (model)', () => {
  it('puts the archive, the 2019-format and the 2021-format years in one series', () => {
    expect(loaded.ok).toBe(true);
    expect(sifaju(model).years).toEqual([2010, 2020, 2021, 2022]);
  });

  it('shows the 申请 totals of 2020 (2019 format) on the same row as 2021 and 2022', () => {
    expect(shown(model, 'shenqing.xinshou.zongji')).toEqual(['—', '25件', '36件', '42件']);
    expect(shown(model, 'shenqing.jiezhuan-xianian.zongji')).toEqual(['—', '2件', '2件', '1件']);
    expect(shown(model, 'fuyi-susong.xingzheng-fuyi.zongji')).toEqual(['—', '1件', '2件', expect.any(String)]);
    // 本年新制作数量 (2019) is 本年制发件数 (2021): one row, named as the newest report names it.
    expect(shown(model, 'zhudong-guizhang.guifanxing-wenjian.zhifa')).toEqual(['—', '1件', '1件', '2件']);
    expect(row(model, 'zhudong-guizhang.guifanxing-wenjian.zhifa')!.label).toBe('行政规范性文件（本年制发件数）');
  });

  it('keeps cells without a bridge on rows of their own, marked with their version', () => {
    expect(shown(model, '2019/zhudong-guizhang.guifanxing-wenjian.gongkai-zongshu')).toEqual(['—', '14件', '—', '—']);
    expect(shown(model, 'zhudong-guizhang.guifanxing-wenjian.youxiao')).toEqual(['—', '—', '14件', '15件']);
    expect(shown(model, '2019/shenqing.qita-chuli.zongji')).toEqual(['—', '1件', '—', '—']);
  });

  it('joins nothing across versions when the template has no bridge', () => {
    const unbridged: ContentModel = {
      ...model,
      reports: model.reports.map((r) => (r.template.version === '2019' ? { ...r, template: { ...r.template, bridges: [] } } : r)),
    };
    expect(shown(unbridged, 'shenqing.xinshou.zongji')).toEqual(['—', '—', '36件', '42件']);
    expect(shown(unbridged, '2019/shenqing.xinshou.zongji')).toEqual(['—', '25件', '—', '—']);
    // An editor's own metric keeps its id across versions, as before.
    expect(shown(unbridged, 'zhudong-gongkai-xinxi')).toEqual(['86条', '260条', '300条', '326条']);
  });
});

describe('the built site', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'nianbao-astro-')), 'dist');
  made.push(path.dirname(out));
  const build = astroBuild(out, { NIANBAO_ROOT: project, NIANBAO_BASE: '/' });
  const page = (rel: string) => readFileSync(path.join(out, rel), 'utf8');
  const cellsOfRow = (html: string, label: string) => {
    const m = new RegExp(`<th scope="row"[^>]*>${label}</th>((?:\\s*<td[^>]*>.*?</td>)+)`).exec(html);
    return m ? [...m[1]!.matchAll(/<td class="num"[^>]*>(.*?)<\/td>/g)].map((c) => c[1]) : undefined;
  };

  it('builds', () => {
    expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
  });

  it('shows the 申请 totals across a 2019-format and a 2021-format year in one row of the metrics page', () => {
    const html = page('metrics/xinxi-gongkai/sifaju/index.html');
    expect(html).toMatch(/<th scope="col"[^>]*>2020年<\/th>\s*<th scope="col"[^>]*>2021年<\/th>/);
    expect(cellsOfRow(html, '一、本年新收政府信息公开申请数量（总计）')).toEqual(['—', '25件', '36件', '42件']);
  });

  it('marks the archive report 历史年报 on its page and in the lists', () => {
    expect(page('reports/chenxi-sifaju-2010-xinxi-gongkai/index.html')).toMatch(/<p class="report-kind"[^>]*><span class="report-badge"[^>]*>历史年报<\/span>政府信息公开工作年度报告<\/p>/);
    expect(page('reports/chenxi-sifaju-2020-xinxi-gongkai/index.html')).not.toContain('report-badge');
    for (const list of ['index.html', 'types/xinxi-gongkai/index.html']) {
      const html = page(list);
      const item = /<li[^>]*>\s*<a href="\/reports\/chenxi-sifaju-2010-xinxi-gongkai\/"[^>]*>.*?<\/li>/s.exec(html)?.[0];
      expect(item, list).toMatch(/<span class="report-badge"[^>]*>历史年报<\/span>/);
      expect(html.match(/report-badge/g)).toHaveLength(1);
    }
  });

  it('draws the 2019 table 二 from its own rows and columns on the report page', () => {
    const html = page('reports/chenxi-sifaju-2020-xinxi-gongkai/index.html');
    for (const text of ['本年新制作数量', '对外公开总数量', '其他对外管理服务事项', '政府集中采购', '采购总金额', '（六）其他处理']) expect(html).toContain(text);
    expect(html).not.toContain('本年制发件数');
  });
});
