import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { checkContinuity } from '../../src/content/continuity.ts';
import { editFile, pastFormatsProject } from '../helpers/past-formats.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const R2022 = 'content/reports/chenxi-sifaju-2022-xinxi-gongkai';
const R2021 = 'content/reports/chenxi-sifaju-2021-xinxi-gongkai';
const R2020 = 'content/reports/chenxi-sifaju-2020-xinxi-gongkai';
const continuityErrors = (dir: string) => loadContent(dir).diagnostics.filter((d) => d.rule === 'continuity');

describe('continuity across years (same issuer, same type, consecutive years)', () => {
  it('holds for the samples: 2020 (2019 format) → 2021 → 2022, and is really compared', () => {
    const result = loadContent(pastFormatsProject(made));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { checked } = checkContinuity(result.ok ? result.model.reports : []);
    const pairs = (slug: string) => checked.filter((c) => c.report === slug).map((c) => c.description);
    // 2021 against 2020: 上年结转 through the 2019 template's bridges, 7 columns; 现行有效件数 has no
    // counterpart in the 2019 format (对外公开总数量 is another quantity), so it is not compared.
    expect(pairs('chenxi-sifaju-2021-xinxi-gongkai')).toHaveLength(7);
    expect(pairs('chenxi-sifaju-2021-xinxi-gongkai')[6]).toBe('表三「总计」列：本年“二、上年结转” = 上年“四、结转下年度继续办理”');
    // 2022 against 2021: 7 columns of 上年结转 and 现行有效件数 of 行政规范性文件 (规章 is "/": skipped).
    expect(pairs('chenxi-sifaju-2022-xinxi-gongkai')).toEqual([
      ...['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].map((c) => `表三「${c}」列：本年“二、上年结转” = 上年“四、结转下年度继续办理”`),
      '表二「行政规范性文件」：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数',
    ]);
    // The archive report of 2010 has no successor in 2011: nothing to compare.
    expect(checked.some((c) => c.previous === 'chenxi-sifaju-2010-xinxi-gongkai')).toBe(false);
  });

  it('names both years’ cells, files, lines and values when a department’s 上年结转 changes', () => {
    const dir = pastFormatsProject(made);
    // 上年结转 (自然人) 2 → 3, with 新收 one less so that the year's own table still adds up.
    const file = path.join(dir, R2022, '03-shenqing-chuli.md');
    editFile(file, 'xinshou: [36, 3, 0, 0, 2, 1, 42]\n    jiezhuan: [2, 0, 0, 0, 0, 0, 2]', 'xinshou: [35, 3, 0, 0, 2, 1, 41]\n    jiezhuan: [3, 0, 0, 0, 0, 0, 3]');
    const result = loadContent(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'continuity')).toEqual([]);
    expect(result.ok).toBe(false);
    const found = continuityErrors(dir);
    expect(found.map((d) => d.message.split('\n')[0])).toEqual([
      '与上一年度报告不衔接：表三「自然人」列：本年“二、上年结转” = 上年“四、结转下年度继续办理”。2022年度是 3，而按 2021年度的 2 应为 2（相差 1）。',
      '与上一年度报告不衔接：表三「总计」列：本年“二、上年结转” = 上年“四、结转下年度继续办理”。2022年度是 3，而按 2021年度的 2 应为 2（相差 1）。',
    ]);
    const [first] = found;
    expect(first!.file).toBe(`${R2022}/03-shenqing-chuli.md`);
    expect(first!.line).toBe(7);
    expect(first!.message.split('\n').slice(1)).toEqual([
      `  2022年度 ${R2022}/03-shenqing-chuli.md:7  收到和处理政府信息公开申请情况：二、上年结转政府信息公开申请数量（自然人）[shenqing.jiezhuan.ziranren] 3件`,
      `  2021年度 ${R2021}/03-shenqing-chuli.md:30  收到和处理政府信息公开申请情况：四、结转下年度继续办理（自然人）[shenqing.jiezhuan-xianian.ziranren] 2件`,
    ]);
    expect(first!.hint).toContain('chenxi-sifaju-2022-xinxi-gongkai 与 chenxi-sifaju-2021-xinxi-gongkai');
  });

  it('compares a 2021-format year with a 2019-format year through the bridges', () => {
    const dir = pastFormatsProject(made);
    // 2020 carries 3 (not 2) into 2021; its own table still adds up (新收 one more).
    editFile(path.join(dir, R2020, '03-shenqing-chuli.md'), 'xinshou: [22, 2, 0, 0, 1, 0, 25]', 'xinshou: [23, 2, 0, 0, 1, 0, 26]');
    editFile(path.join(dir, R2020, '03-shenqing-chuli.md'), 'jiezhuan-xianian: [2, 0, 0, 0, 0, 0, 2]', 'jiezhuan-xianian: [3, 0, 0, 0, 0, 0, 3]');
    const found = continuityErrors(dir);
    expect(found.map((d) => d.file)).toEqual([`${R2021}/03-shenqing-chuli.md`, `${R2021}/03-shenqing-chuli.md`]);
    expect(found[0]!.message).toContain('2021年度是 2，而按 2020年度的 3 应为 3');
    expect(found[0]!.message).toContain(`2020年度 ${R2020}/03-shenqing-chuli.md:28  收到和处理政府信息公开申请情况：四、结转下年度继续办理（自然人）[shenqing.jiezhuan-xianian.ziranren] 3件`);
  });

  it('checks 现行有效件数 = last year’s + 制发 − 废止, and skips "/" instead of reading it as 0', () => {
    const dir = pastFormatsProject(made);
    const table二 = path.join(dir, R2021, '02-zhudong-gongkai.md');
    editFile(table二, 'guifanxing-wenjian: [1, 0, 14]', 'guifanxing-wenjian: [1, 0, 13]');
    const found = continuityErrors(dir);
    expect(found).toHaveLength(1);
    expect(found[0]!.message.split('\n')[0]).toBe(
      '与上一年度报告不衔接：表二「行政规范性文件」：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数。2022年度是 15，而按 2021年度的 13 + 2 − 1 应为 14（相差 1）。',
    );
    expect(found[0]!.message).toContain(`2021年度 ${R2021}/02-zhudong-gongkai.md:7  第二十条第（一）项：行政规范性文件（现行有效件数）[zhudong-guizhang.guifanxing-wenjian.youxiao] 13件`);

    editFile(table二, 'guifanxing-wenjian: [1, 0, 13]', 'guifanxing-wenjian: [1, 0, /]');
    expect(continuityErrors(dir)).toEqual([]);
  });

  it('does not compare cells the bridges do not join (2019 对外公开总数量 ≠ 2021 现行有效件数)', () => {
    const dir = pastFormatsProject(made);
    editFile(path.join(dir, R2020, '02-zhudong-gongkai.md'), 'guifanxing-wenjian: [1, 1, 14]', 'guifanxing-wenjian: [1, 1, 99]');
    expect(continuityErrors(dir)).toEqual([]);
  });

  it('only compares the same issuer’s reports', () => {
    const dir = pastFormatsProject(made);
    editFile(path.join(dir, R2021, 'report.yaml'), 'issuer: sifaju', 'issuer: xianzhengfu');
    editFile(path.join(dir, R2022, '03-shenqing-chuli.md'), 'xinshou: [36, 3, 0, 0, 2, 1, 42]\n    jiezhuan: [2, 0, 0, 0, 0, 0, 2]', 'xinshou: [35, 3, 0, 0, 2, 1, 41]\n    jiezhuan: [3, 0, 0, 0, 0, 0, 3]');
    expect(continuityErrors(dir)).toEqual([]);
  });
});
