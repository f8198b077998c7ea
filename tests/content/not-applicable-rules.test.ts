import { describe, expect, it } from 'vitest';
import { checkRules } from '../../src/content/rules.ts';
import { exactNumber } from '../../src/metrics/format.ts';
import type { Metric, MetricValue } from '../../src/schema/metric.ts';
import { notApplicableAllowed, Template } from '../../src/schema/template.ts';

const metric = (id: string, value: MetricValue): Metric => ({ id, label: id, unit: '件', value, section: 's', source: { file: 'f.md', line: 3, column: 1 } });
const exact = (n: number): MetricValue => ({ kind: 'exact', number: n });

describe('a "/" is never read as 0 by a consistency rule', () => {
  it('exactNumber says na, not 0', () => {
    expect(exactNumber({ kind: 'na' })).toBe('na');
  });

  it('a sum whose total is "/" is not checked and says so (no "= 0" while showing "/")', () => {
    const metrics = { zongji: metric('zongji', { kind: 'na' }), a: metric('a', exact(0)), b: metric('b', exact(0)) };
    const { checked, diagnostics } = checkRules([{ rule: { type: 'sum', total: 'zongji', parts: ['a', 'b'] } }], metrics);
    expect(checked).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: 'rule.not-applicable', severity: 'warning' });
    expect(diagnostics[0]!.message).toContain('zongji');
    expect(diagnostics[0]!.message).not.toMatch(/= 0/);
  });

  it('a part written "/" does not count as 0 either', () => {
    const metrics = { zongji: metric('zongji', exact(5)), a: metric('a', exact(5)), b: metric('b', { kind: 'na' }) };
    const { checked, diagnostics } = checkRules([{ rule: { type: 'sum', total: 'zongji', parts: ['a', 'b'] } }], metrics);
    expect(checked).toEqual([]);
    expect(diagnostics.map((d) => d.rule)).toEqual(['rule.not-applicable']);
  });
});

describe('template tables say where "/" is allowed', () => {
  const table = Template.parse({
    id: 't',
    version: '1',
    name: 'T',
    tables: [
      { id: 'a', title: 'A', element: 'e', notApplicable: 'allowed', columns: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y', notApplicable: 'forbidden' }], rows: [{ id: 'r', label: 'R' }] },
      { id: 'b', title: 'B', element: 'e', columns: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y', notApplicable: 'allowed' }], rows: [{ id: 'r', label: 'R' }] },
    ],
  }).tables;
  it('per table, overridden per column; forbidden unless the template says so', () => {
    expect(notApplicableAllowed(table[0]!, table[0]!.columns[0]!)).toBe(true);
    expect(notApplicableAllowed(table[0]!, table[0]!.columns[1]!)).toBe(false);
    expect(notApplicableAllowed(table[1]!, table[1]!.columns[0]!)).toBe(false);
    expect(notApplicableAllowed(table[1]!, table[1]!.columns[1]!)).toBe(true);
  });
});

describe('a cell the source left blank is never read as 0 either', () => {
  const at = { file: 'content/reports/x/03-shenqing.md', line: 6, column: 42 };
  const blanks = new Map([['zongji', { name: '表三“一、本年新收”的“总计”', at }]]);
  it('a sum over a blank is listed as not checked, with the value the blank must have', () => {
    const metrics = { a: metric('a', exact(14)), b: metric('b', exact(3)) };
    const { checked, diagnostics } = checkRules([{ rule: { type: 'sum', description: '总计 = 各列之和', total: 'zongji', parts: ['a', 'b'] } }], metrics, (id) => id === 'zongji', blanks);
    expect(checked).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: 'rule.blank-cell', severity: 'warning' });
    expect(diagnostics[0]!.message).toContain('总计 = 各列之和');
    expect(diagnostics[0]!.message).toContain('表三“一、本年新收”的“总计”[zongji]');
    expect(diagnostics[0]!.message).toContain('这一格应为 17');
  });

  it('a blank part: the value is what the total leaves; two blanks: no value is guessed', () => {
    const one = checkRules([{ rule: { type: 'sum', description: 'd', total: 't', parts: ['zongji', 'b'] } }], { t: metric('t', exact(10)), b: metric('b', exact(4)) }, () => true, blanks);
    expect(one.diagnostics[0]!.message).toContain('这一格应为 6');
    const two = checkRules([{ rule: { type: 'sum', description: 'd', total: 't', parts: ['zongji', 'b'] } }], { t: metric('t', exact(10)) }, () => true, new Map([...blanks, ['b', { name: 'B', at }]]));
    expect(two.diagnostics[0]!.rule).toBe('rule.blank-cell');
    expect(two.diagnostics[0]!.message).not.toContain('应为');
    // Every cell of the rule blank (a column the source left empty): shown at the first blank cell, not at no place.
    const all = checkRules([{ rule: { type: 'sum', description: 'd', total: 'zongji', parts: ['b'] } }], {}, () => true, new Map([...blanks, ['b', { name: 'B', at }]]));
    expect(all.diagnostics[0]).toMatchObject({ rule: 'rule.blank-cell', file: at.file, line: 6, column: 42 });
  });
});
