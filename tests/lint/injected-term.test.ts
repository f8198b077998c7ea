import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldForMatching } from '../../src/lint/normalize.ts';
import { lintMarkdown, lintYaml, ofRule } from './lint-helpers.ts';

const SEED = '/work/shared/seed/chenxi-2022-fazhi-zhengfu.txt';
const sentence = (term: string) => `每年开展律师服务民营企业“法治体检”公益活动，${term}帮助审查企业用工合同1600余份。`;
const injected = (md: string, settings = {}) => ofRule(lintMarkdown(md, settings), 'lint.injected-term');

describe('lint.injected-term', () => {
  it('finds the four injected 娱乐老虎机 of the seed page, at their lines', () => {
    const found = injected(readFileSync(SEED, 'utf8'));
    expect(found.map((d) => d.line)).toEqual([9, 11, 11, 19]);
    expect(found.every((d) => d.severity === 'error' && d.value === '娱乐老虎机')).toBe(true);
    expect(found[0]!.message).toContain('赌博');
    expect(found[0]!.hint).toContain('lint.allowTerms');
  });

  it.each([
    ['plain', '娱乐老虎机'],
    ['with spaces', '娱 乐 老 虎 机'],
    ['with ideographic spaces', '娱\u3000乐\u3000老虎机'],
    ['with zero-width characters', '娱\u200b乐\u200c老\u200d虎\u2060机\ufeff'],
    ['in traditional characters', '娛樂老虎機'],
    ['with symbols between the characters', '娱★乐·老-虎_机'],
    ['with dots and slashes', '娱.乐/老|虎*机'],
    ['half traditional, half spaced', '娛 乐 老 虎 機'],
    ['in pinyin', 'yulelaohuji'],
    ['in spaced pinyin with full-width letters', 'ｙｕｌｅ ｌａｏ ｈｕ ｊｉ'],
    ['in capital pinyin with dashes', 'YU-LE-LAO-HU-JI'],
  ])('catches the seed term %s', (_, variant) => {
    const found = injected(sentence(variant));
    expect(found).toHaveLength(1);
    expect(found[0]!.value).toBe(variant.trim());
    expect(found[0]!.column).toBe(sentence(variant).indexOf(variant) + 1);
  });

  it('catches it in a link title, a link URL, an image alt and raw HTML', () => {
    expect(injected('见[通知](/tongzhi/ "娱乐老虎机")。')).toHaveLength(1);
    expect(injected('见[通知](/tongzhi/ "娛 樂 老 虎 機")。')).toHaveLength(1);
    expect(injected('见[通知](https://www.yulelaohuji.com/)。')).toHaveLength(1);
    expect(injected('![娱乐老虎机](/img/a.png)')).toHaveLength(1);
    expect(injected('<div title="娱乐老虎机">文字</div>')).toHaveLength(1);
    expect(injected('<div>&#x5a31;&#x4e50;老虎机</div>')).toHaveLength(1);
    expect(injected('今年<span>娱乐</span>老虎机帮助')).toHaveLength(1);
  });

  it('catches it in report metadata, with the line of the field', () => {
    const found = ofRule(lintYaml('title: 辰溪县娱乐老虎机工作报告\nissuer: 辰溪县司法局\nkeywords: [法治, 百家樂]\n'), 'lint.injected-term');
    expect(found.map((d) => [d.line, d.value])).toEqual([
      [1, '娱乐老虎机'],
      [3, '百家樂'],
    ]);
  });

  it('covers each category of the list', () => {
    expect(injected('欢迎来到澳门新葡京').map((d) => d.message)).toEqual([expect.stringContaining('赌博')]);
    expect(injected('同城裸聊').map((d) => d.message)).toEqual([expect.stringContaining('色情')]);
    expect(injected('兼职刷单日结').map((d) => d.message)).toEqual([expect.stringContaining('诈骗')]);
    expect(injected('办假证请联系').map((d) => d.message)).toEqual([expect.stringContaining('违法服务')]);
  });

  it('does not read terms across Chinese sentence punctuation or inside ordinary words', () => {
    expect(injected('色彩、金色，博，彩')).toEqual([]);
    expect(injected('开展打击赌博违法犯罪专项行动，查处色情信息。')).toEqual([]);
    expect(injected('Java 程序设计培训；建成禁毒文化馆。')).toEqual([]);
  });

  it('lets a site allow a built-in term and add its own', () => {
    expect(injected('收缴老虎机12台', { allowTerms: ['老虎机'] })).toEqual([]);
    const own = injected('某某网址导航', { extraTerms: ['网址导航'] });
    expect(own).toHaveLength(1);
    expect(own[0]!.message).toContain('本网站设定');
  });
});

describe('foldForMatching', () => {
  it('maps every folded character back to the original text', () => {
    const original = '娛\u200b樂 ｙｕ';
    const folded = foldForMatching(original);
    expect(folded.text).toBe('娱乐 yu');
    expect(folded.start).toEqual([0, 2, 3, 4, 5]);
    expect(folded.end).toEqual([1, 3, 4, 5, 6]);
  });
});
