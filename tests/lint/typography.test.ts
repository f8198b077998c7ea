import { describe, expect, it } from 'vitest';
import { enumerationGap, leadingNumber } from '../../src/lint/rules/heading-numbering.ts';
import { halfwidthInChinese } from '../../src/lint/rules/halfwidth-punctuation.ts';
import { quoteProblem } from '../../src/lint/rules/quote-marks.ts';
import { lintMarkdown, ofRule } from './lint-helpers.ts';

describe('lint.halfwidth-punctuation', () => {
  it('finds the half-width punctuation the seed copy lost its full-width forms to', () => {
    const text = '近年来,我县全面深化改革;推行(三源共治)模式:营造法治化营商环境.保护民营企业发展';
    expect(halfwidthInChinese(text).map((i) => text[i])).toEqual([',', ';', '(', ')', ':', '.']);
  });

  it('leaves numbers, times, URLs and English alone', () => {
    expect(halfwidthInChinese('成功率达95.4%，共1,054人，11:30发布，见https://www.chenxi.gov.cn/，PDF (A4) 格式')).toEqual([]);
  });

  it('leaves inline code alone, while the term check still reads it', () => {
    const d = lintMarkdown('引用指标写 `:m[指标编号]`，不要写 `娱乐老虎机`。');
    expect(ofRule(d, 'lint.halfwidth-punctuation')).toEqual([]);
    expect(ofRule(d, 'lint.injected-term')).toMatchObject([{ line: 1, column: 23 }]);
  });

  it('is a warning, one per paragraph, counting the places', () => {
    const found = ofRule(lintMarkdown('第一段,有两处;问题。\n\n第二段没有问题。'), 'lint.halfwidth-punctuation');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 1, column: 4 });
    expect(found[0]!.message).toContain('2 处');
  });
});

describe('lint.quote-marks', () => {
  it('finds straight quotes, unpaired and reversed quotes', () => {
    expect(quoteProblem('落实"谁执法谁普法"制度')?.message).toContain('半角引号');
    expect(quoteProblem('落实“谁执法谁普法制度')?.message).toContain('不成对');
    expect(quoteProblem('落实”谁执法谁普法“制度')?.message).toContain('方向反了');
    expect(quoteProblem('落实“谁执法谁普法”“以案释法”制度，‘双随机’')).toBeUndefined();
  });

  it('reports a file that mixes “” and 「」', () => {
    const found = ofRule(lintMarkdown('实行“局队合一”。\n\n推行「三源共治」。'), 'lint.quote-marks');
    expect(found.map((d) => [d.line, d.message])).toEqual([[3, '同一个文件里混用了“ ”和「 」两种引号。']]);
  });
});

describe('lint.heading-numbering', () => {
  it('reads hand-written outline numbers', () => {
    expect(leadingNumber('一、所做的工作')).toEqual({ level: 1, n: 1, written: '一、' });
    expect(leadingNumber('（十二）其他')).toEqual({ level: 2, n: 12, written: '（十二）' });
    expect(leadingNumber('3.加强培训')).toEqual({ level: 3, n: 3, written: '3.' });
    expect(leadingNumber('(2)完善制度')).toEqual({ level: 4, n: 2, written: '(2)' });
    expect(leadingNumber('1.5万人参加')).toBeUndefined();
  });

  it('finds gaps in 一是、二是', () => {
    expect(enumerationGap('一是加强领导；二是完善制度；四是强化监督。')).toMatchObject({ expected: 3, written: '四是' });
    expect(enumerationGap('一是加强领导；二是完善制度，这就是统一是非。')).toBeUndefined();
  });

  it('warns about numbered titles and paragraphs out of sequence', () => {
    const found = ofRule(lintMarkdown('### 1.加强培训\n\n（一）第一项。\n\n（二）第二项。\n\n（四）第四项。\n\n一是甲；三是丙。'), 'lint.heading-numbering');
    expect(found.map((d) => [d.line, d.severity])).toEqual([
      [1, 'warning'],
      [7, 'warning'],
      [9, 'warning'],
    ]);
    expect(found[1]!.message).toContain('（三）');
  });
});

describe('lint.numeral-zero', () => {
  it('suggests 〇 for a 0 or O among Chinese numerals', () => {
    const found = ofRule(lintMarkdown('第十四个五年规划和二0三五年远景目标，二O二三年'), 'lint.numeral-zero');
    expect(found.map((d) => d.hint)).toEqual(['写成“二〇三五”（〇 是汉字零），或全部用阿拉伯数字。', '写成“二〇二三”（〇 是汉字零），或全部用阿拉伯数字。']);
  });
});

describe('lint.invisible-char', () => {
  it('warns about zero-width characters', () => {
    const found = ofRule(lintMarkdown('依法\u200b行政'), 'lint.invisible-char');
    expect(found).toMatchObject([{ severity: 'warning', column: 3 }]);
  });
});
