import { describe, expect, it } from 'vitest';
import { expandRule } from '../../src/content/rules.ts';
import { parseYamlSource } from '../../src/content/yaml-source.ts';
import { parseChineseNumeral, suggestIsoDate } from '../../src/metrics/chinese-numeral.ts';
import { chineseOrdinal, headingNumber, OutlineCounter } from '../../src/markdown/numbering.ts';
import { parseMarkdown } from '../../src/markdown/parse.ts';

describe('Chinese numerals in hints', () => {
  it.each([
    ['一千零五十四', 1054],
    ['九十五点四', 95.4],
    ['二〇二二', 2022],
    ['十二', 12],
    ['三万二千', 32000],
    ['百分之百', 100],
    ['abc', undefined],
  ])('%s → %s', (text, n) => expect(parseChineseNumeral(text)).toBe(n));

  it('suggests ISO dates for the formats editors type', () => {
    expect(suggestIsoDate('2023年1月4日', false)).toBe('2023-01-04');
    expect(suggestIsoDate('2023/1/4 11:30', true)).toBe('2023-01-04 11:30');
    expect(suggestIsoDate('2023.01.04', false)).toBe('2023-01-04');
    expect(suggestIsoDate('20230104', false)).toBe('2023-01-04');
    expect(suggestIsoDate('上周五', false)).toBeUndefined();
  });
});

describe('official heading numbers', () => {
  it('numbers four levels the GB/T 9704 way', () => {
    expect([1, 2, 3, 4].map((l) => headingNumber(l, 3))).toEqual(['三、', '（三）', '3.', '（3）']);
    expect([10, 11, 20, 35].map(chineseOrdinal)).toEqual(['十', '十一', '二十', '三十五']);
  });
  it('restarts lower levels under each new heading', () => {
    const c = new OutlineCounter();
    expect([c.next(1), c.next(2), c.next(2), c.next(3), c.next(1), c.next(2), c.next(3)]).toEqual(['一、', '（一）', '（二）', '1.', '二、', '（一）', '1.']);
  });
});

describe('YAML with positions', () => {
  it('points at the line and column of a value', () => {
    const r = parseYamlSource('title: 标题\nmetrics:\n  - id: a\n    value: 3\n', 'x.yaml', 5);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.source.positionOf(['metrics', 0, 'value'])).toEqual({ file: 'x.yaml', line: 8, column: 12 });
  });
  it('explains a full-width colon instead of a generic syntax error', () => {
    const r = parseYamlSource('title：标题\n', 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => d.rule)).toEqual(['yaml.fullwidth-colon']);
  });
});

describe('metric references in Markdown', () => {
  it('turns :m[id] into a metricRef node at the right line, and leaves other colons alone', () => {
    const { tree, problems } = parseMarkdown('共有人民调解员:m[tiaojieyuan]。\n\n时间 11:30，比例 3:1。\n', 10);
    const para = tree.children[0] as { children: { type: string; id?: string; position?: { start: { line: number } } }[] };
    const ref = para.children.find((c) => c.type === 'metricRef');
    expect(ref?.id).toBe('tiaojieyuan');
    expect(ref?.position?.start.line).toBe(10);
    expect(problems).toEqual([]);
  });
});

describe('rules with placeholders', () => {
  it('expands each combination and names it in the description', () => {
    const rules = expandRule({
      rule: { type: 'sum', total: 't.$row.all', parts: ['t.$row.a', 't.$row.b'], each: { row: ['x', 'y'] }, description: '「$row」行' },
      labels: { x: '第一行' },
    });
    expect(rules.map((r) => r.description)).toEqual(['「第一行」行', '「y」行']);
    expect(rules[1]).toMatchObject({ total: ['t.y.all'], parts: ['t.y.a', 't.y.b'] });
  });
});
