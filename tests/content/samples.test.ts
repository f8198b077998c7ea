import { readFileSync } from 'node:fs';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { loadContent, type ReportModel } from '../../src/content/index.ts';
import { formatMetric } from '../../src/metrics/format.ts';
import { plainText } from '../../src/markdown/plain-text.ts';
import { REPO } from '../helpers/cli.ts';

const SEED = '/work/shared/seed/chenxi-2022-fazhi-zhengfu.txt';
const loaded = loadContent(REPO);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 1));
const { model } = loaded;
// The two original 辰溪 samples (the county year's reports are checked by county.browser.test.ts and cli.test.ts).
const ORIGINAL: Record<string, string> = { 'fazhi-zhengfu': 'chenxi-2022-fazhi-zhengfu', 'xinxi-gongkai': 'chenxi-sifaju-2022-xinxi-gongkai' };
const report = (type: string) => model.reports.find((r) => r.slug === ORIGINAL[type])!;
const text = (r: ReportModel) => r.sections.map((s) => `${s.number}${s.title}\n${plainText(s.body)}`).join('\n');
const numbers = (s: string): string[] => [...(s.match(/\d+(?:\.\d+)?/g) ?? [])].sort();

describe('the sample content', () => {
  it('passes every check with no error and no warning', () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(Object.values(ORIGINAL).map((slug) => model.reports.find((r) => r.slug === slug)?.meta.type)).toEqual(['fazhi-zhengfu', 'xinxi-gongkai']);
    // The county year: a 信息公开 report for every issuer in 2022, and past years in the 2019 and archive formats.
    const xinxi2022 = new Set(model.reports.filter((r) => r.meta.type === 'xinxi-gongkai' && r.meta.year === 2022).map((r) => r.issuer.id));
    expect(model.issuers.every((i) => xinxi2022.has(i.id))).toBe(true);
    expect(model.reports.filter((r) => r.meta.type === 'xinxi-gongkai').map((r) => r.template.version).sort()).toEqual(expect.arrayContaining(['2008', '2019', '2021']));
  });

  describe('法治政府建设年度报告 (the cleaned seed)', () => {
    const fz = report('fazhi-zhengfu');
    const body = text(fz);

    it('keeps the seed outline: 一、 with 9 parts, 二、 with 4, 三、 with 5', () => {
      const outline = fz.sections.map((s) => `${s.level}:${s.number}`);
      expect(outline.filter((o) => o.startsWith('1:'))).toEqual(['1:一、', '1:二、', '1:三、']);
      const counts = [0, 0, 0];
      let part = -1;
      for (const s of fz.sections) s.level === 1 ? part++ : counts[part]!++;
      expect(counts).toEqual([9, 4, 5]);
      expect(fz.sections.find((s) => s.number === '（九）')?.title).toBe('全面加强法治建设的组织领导');
    });

    it('carries the publication metadata of the real page', () => {
      expect(fz.meta.publishedAt).toBe('2023-01-04 11:30');
      expect(fz.meta.source).toBe('辰溪县司法局');
    });

    it('has no injected term, and the four injected places read 今年 again', () => {
      expect(readFileSync(SEED, 'utf8').match(/娱乐老虎机/g)).toHaveLength(4);
      expect(body).not.toContain('娱乐老虎机');
      for (const phrase of ['今年帮助审查企业用工合同', '今年发布的县人民政府规范性文件', '今年共县审查政府合同草案', '今年共排查、调处各类矛盾纠纷']) {
        expect(body).toContain(phrase);
      }
    });

    it('prints every figure of the seed, and only those (二0三五 is written 二〇三五)', () => {
      const seedNumbers = numbers(readFileSync(SEED, 'utf8'));
      const sampleNumbers = numbers(`${fz.meta.title}\n${fz.meta.publishedAt}\n${body}`);
      const zeroOf2035 = seedNumbers.indexOf('0');
      seedNumbers.splice(zeroOf2035, 1);
      // The seed's header line carries the publication date; the sample keeps it in report.yaml.
      expect(sampleNumbers).toEqual(seedNumbers);
    });

    it('writes every quantity as a metric referenced from the text', () => {
      const literal: string[] = [];
      for (const s of fz.sections) {
        visit(s.body, 'text', (t) => {
          literal.push(...numbers(t.value));
        });
      }
      // What is left in the prose are dates, years and names, not measurements.
      expect([...new Set(literal)].sort()).toEqual(['1', '12345', '2020', '2022', '31'].sort());
      const referenced = new Set<string>();
      for (const s of fz.sections) visit(s.body, 'metricRef', (r) => void referenced.add(r.id));
      expect([...referenced].sort()).toEqual(Object.keys(fz.metrics).sort());
    });

    it('renders metric references through the one formatting function', () => {
      for (const s of fz.sections) {
        visit(s.body, 'metricRef', (r) => {
          expect(r.text).toBe(formatMetric(fz.metrics[r.id]!));
        });
      }
      for (const shown of ['1054名', '392人', '662人', '95.4%', '20余条', '1600余份', '3%以上', '1—2次', '5个工作日内', '100个以上']) {
        expect(body).toContain(shown);
      }
    });

    it('checks the real consistency rules of the report', () => {
      const described = fz.rules.map((r) => r.description);
      expect(described).toContain('人民调解员总数 = 专职 + 兼职');
      expect(described).toContain('人民调解员总数 = 乡镇 + 村社区 + 专业性行业性');
      expect(described).toContain('调处率 = 调解件数 ÷ 排查调处件数');
      expect(fz.metrics['tiaojieyuan']!.value).toEqual({ kind: 'exact', number: 1054 });
    });
  });

  describe('政府信息公开工作年度报告 (2021 format)', () => {
    const xx = report('xinxi-gongkai');

    it('has the six fixed sections in order', () => {
      expect(xx.sections.map((s) => `${s.number}${s.title}`)).toEqual([
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ]);
    });

    it('holds the three tables as metrics, with every rule of the format checked', () => {
      const cells = Object.values(xx.metrics).filter((m) => m.cell);
      expect(cells).toHaveLength(6 + 1 + 2 + 1 + 25 * 7 + 3 * 5);
      expect(xx.metrics['zhudong-guizhang.guizhang.zhifa']!.value).toEqual({ kind: 'na' });
      // 7 column identities, 25 row totals, 7 result totals, 3 appeal/lawsuit totals
      expect(xx.rules).toHaveLength(7 + 25 + 7 + 3);
      expect(xx.tables.map((t) => t.table.id)).toEqual(['zhudong-guizhang', 'zhudong-xuke', 'zhudong-chufa', 'zhudong-shoufei', 'shenqing', 'fuyi-susong']);
    });

    it('keeps the numbers in the prose equal to the table cells', () => {
      const s1 = xx.sections[0]!;
      expect(plainText(s1.body)).toContain(`新收政府信息公开申请${formatMetric(xx.metrics['shenqing.xinshou.zongji']!)}`);
    });
  });

  it('names a real file for every section, relative to the project', () => {
    for (const r of model.reports) for (const s of r.sections) expect(readFileSync(path.join(REPO, s.file), 'utf8')).toContain(s.title);
  });
});
