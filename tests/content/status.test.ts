import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { indicatorValue, type PublicationStatus } from '../../src/content/status.ts';
import type { Metric } from '../../src/schema/metric.ts';
import { runCli } from '../helpers/cli.ts';
import { countyProject, replaceInFile } from '../helpers/county-project.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const project = () => {
  const dir = countyProject();
  made.push(dir);
  return dir;
};
const status = (dir: string, today: string, ...args: string[]) => {
  const r = runCli(['status', dir, '--year', '2022', '--today', today, '--json', ...args]);
  return { code: r.code, json: JSON.parse(r.stdout) as PublicationStatus & { ok: boolean } };
};
const row = (s: PublicationStatus, issuer: string, type = 'xinxi-gongkai') => s.rows.find((r) => r.issuer.id === issuer && r.type === type)!;

describe('nianbao status', () => {
  it('lists every issuer and report type it must publish, on time, with the check result', () => {
    const dir = project();
    const { code, json } = status(dir, '2023-02-10');
    expect(code).toBe(0);
    expect(json.rows.map((r) => [r.issuer.id, r.type, r.state, r.timeliness])).toEqual([
      ['ceshi-sifaju', 'fazhi-zhengfu', 'published', 'on-time'],
      ['sifaju', 'xinxi-gongkai', 'published', 'on-time'],
      ['caizhengju', 'xinxi-gongkai', 'published', 'on-time'],
      ['xianzhengfu', 'xinxi-gongkai', 'published', 'on-time'],
    ]);
    expect(row(json, 'sifaju').deadline).toEqual({ date: '2023-01-31', source: '《中华人民共和国政府信息公开条例》第四十九条' });
    expect(row(json, 'xianzhengfu').deadline).toEqual({ date: '2023-03-31', source: '《中华人民共和国政府信息公开条例》第五十条' });
    expect(row(json, 'ceshi-sifaju', 'fazhi-zhengfu').deadline!.date).toBe('2023-03-31');
    expect(row(json, 'sifaju')).toMatchObject({ errors: 0, slug: 'xx-2022', publishedAt: '2023-01-20 09:30' });
  });

  it('reports a department that published after 31 January as late, and exits non-zero', () => {
    const dir = project();
    replaceInFile(dir, 'content/reports/xx-caizheng-2022/report.yaml', 'publishedAt: 2023-01-20 09:30', 'publishedAt: 2023-02-05 10:00');
    const { code, json } = status(dir, '2023-02-10');
    expect(code).toBe(1);
    expect(row(json, 'caizhengju')).toMatchObject({ timeliness: 'late', days: 5, problems: ['逾期 5 天发布（期限 2023-01-31）'] });
    expect(json.rows.filter((r) => r.problems.length).map((r) => r.issuer.id)).toEqual(['caizhengju']);
    // The same on a terminal: a table, the late issuer named.
    const text = runCli(['status', dir, '--year', '2022', '--today', '2023-02-10']);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/辰溪县财政局 +政府部门 +政府信息公开工作年度报告 +已发布 +2023-02-05 10:00 +2023-01-31 +逾期 5 天/);
    expect(text.stdout).toContain('✗ 辰溪县财政局 政府信息公开工作年度报告：逾期 5 天发布（期限 2023-01-31）（《中华人民共和国政府信息公开条例》第四十九条）');
  });

  it('tells a draft and a missing report from a published one, due or overdue by the given day', () => {
    const dir = project();
    replaceInFile(dir, 'content/reports/xx-county-2022/report.yaml', 'validity: 有效', 'validity: 有效\nstatus: draft');
    rmSync(`${dir}/content/reports/xx-caizheng-2022`, { recursive: true });
    const early = status(dir, '2023-01-10').json;
    expect(row(early, 'xianzhengfu')).toMatchObject({ state: 'draft', timeliness: 'not-due', days: 80 });
    expect(row(early, 'caizhengju')).toMatchObject({ state: 'missing', timeliness: 'not-due', days: 21 });
    const late = status(dir, '2023-04-03');
    expect(late.code).toBe(1);
    // Its roll-up now misses 财政局's report: a check error besides the lateness.
    expect(row(late.json, 'xianzhengfu')).toMatchObject({ state: 'draft', timeliness: 'overdue', days: 3, problems: ['仍是草稿，已过期限 2023-03-31 3 天', '检查有 1 个错误'] });
    expect(row(late.json, 'caizhengju')).toMatchObject({ state: 'missing', timeliness: 'overdue', days: 62 });
  });

  it('counts a report with check errors as failing', () => {
    const dir = project();
    replaceInFile(dir, 'content/reports/xx-caizheng-2022/02-zhudong-gongkai.md', 'xingzheng-xuke: [128]', 'xingzheng-xuke: [129]');
    const { code, json } = status(dir, '2023-02-10');
    expect(code).toBe(1);
    // The roll-up error sits in the county report: that is the one that fails.
    expect(row(json, 'xianzhengfu')).toMatchObject({ errors: 1, problems: ['检查有 1 个错误'] });
  });

  it('shows 公开率 and 复议纠错率, flagged against the thresholds in site.yaml', () => {
    const dir = project();
    replaceInFile(dir, 'content/site.yaml', 'disclosureFields:', 'status:\n  thresholds:\n    gongkaiLv: { min: 70 }\n    fuyiJiucuoLv: { max: 20 }\ndisclosureFields:');
    const { code, json } = status(dir, '2023-02-10');
    expect(code).toBe(0); // a flag for the office, not a failure
    const indicators = row(json, 'sifaju').indicators;
    expect(indicators.map((i) => [i.id, i.flagged])).toEqual([
      ['gongkaiLv', true],
      ['fuyiJiucuoLv', true],
    ]);
    expect(indicators[0]).toMatchObject({ label: '公开率', min: 70 });
  });
});

describe('indicators', () => {
  const m = (id: string, value: Metric['value']): [string, Metric] => [id, { id, label: id, unit: '件', value, section: 's', source: { file: 'f', line: 1, column: 1 } }];
  const ind = { id: 'fuyiJiucuoLv', label: '复议纠错率', numerator: ['j'], denominator: ['t'], denominatorMinus: ['w'] };
  it('divides by the total less the pending, one decimal; nothing to divide gives no value', () => {
    expect(indicatorValue(ind, Object.fromEntries([m('j', { kind: 'exact', number: 1 }), m('t', { kind: 'exact', number: 4 }), m('w', { kind: 'exact', number: 1 })]))).toBe(33.3);
    expect(indicatorValue(ind, Object.fromEntries([m('j', { kind: 'exact', number: 0 }), m('t', { kind: 'exact', number: 1 }), m('w', { kind: 'exact', number: 1 })]))).toBeNull();
    expect(indicatorValue(ind, Object.fromEntries([m('j', { kind: 'na' }), m('t', { kind: 'exact', number: 4 }), m('w', { kind: 'exact', number: 1 })]))).toBeNull();
  });
});
