import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent, type ReportModel } from '../../src/content/index.ts';
import { importReport } from '../../src/import/import-report.ts';
import { REPO, runCli } from '../helpers/cli.ts';
import { copyProject } from '../helpers/content-fixtures.ts';

const SEED = '/work/shared/seed/chenxi-2022-fazhi-zhengfu.txt';
const project = copyProject();
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Figures in reading order, as printed: the same whether a figure is one metric used twice or two. */
function figures(report: ReportModel): string[] {
  const out: string[] = [];
  for (const s of report.sections) visit(s.body, 'metricRef', (r) => void out.push(r.text!));
  return out;
}

const sample = (() => {
  const r = loadContent(REPO);
  if (!r.ok) throw new Error('samples must load');
  return r.model.reports.find((x) => x.slug === 'chenxi-2022-fazhi-zhengfu')!;
})();

describe('importing the tampered seed text', async () => {
  const result = await importReport(SEED, { project, slug: 'chenxi-2022-import' });
  const dir = result.dir;

  it('reports all four injected 娱乐老虎机, with their source lines', () => {
    const injected = result.notices.filter((n) => n.severity === 'error' && n.message.includes('娱乐老虎机'));
    expect(injected).toHaveLength(4);
    expect(injected.map((n) => /原文第 (\d+) 行/.exec(n.message)?.[1])).toEqual(['9', '11', '11', '19']);
  });

  it('reports what the source lacks instead of inventing it', () => {
    // No 索引号 in the source: none is invented, the issuer's pattern numbers it (see index-numbers).
    expect(result.notices.some((n) => n.message.includes('索引号'))).toBe(true);
    expect(readFileSync(path.join(dir, 'report.yaml'), 'utf8')).toMatch(/^# indexNumber:/m);
    expect(result.diagnostics.filter((d) => d.message.includes('indexNumber'))).toEqual([]);
    // The 发布机构 named in the source is written as its id in issuers.yaml.
    expect(readFileSync(path.join(dir, 'report.yaml'), 'utf8')).toMatch(/^issuer: sifaju$/m);
  });

  it('gives a folder that check accepts once the editor fixes only what import reported', () => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('娱乐老虎机', '今年'));
    }
    const r = runCli(['check', project]);
    expect(r.code, r.stdout).toBe(0);
  });

  it('matches the hand-made sample: same sections, same headings, same figures', () => {
    const loaded = loadContent(project);
    expect(loaded.ok).toBe(true);
    const imported = loaded.ok ? loaded.model.reports.find((x) => x.slug === 'chenxi-2022-import')! : undefined;
    expect(imported).toBeDefined();
    expect(imported!.sections.map((s) => [s.level, s.number, s.title])).toEqual(sample.sections.map((s) => [s.level, s.number, s.title]));
    expect(figures(imported!)).toEqual(figures(sample));
    expect(imported!.meta).toMatchObject({ year: 2022, publishedAt: '2023-01-04 11:30', source: '辰溪县司法局', signature: '辰溪县人民政府' });
  });

  it('never overwrites an existing folder unless asked', async () => {
    const before = readFileSync(path.join(dir, 'report.yaml'), 'utf8');
    await expect(importReport(SEED, { project, slug: 'chenxi-2022-import' })).rejects.toThrow('已经存在');
    expect(readFileSync(path.join(dir, 'report.yaml'), 'utf8')).toBe(before);
    const r = runCli(['import', SEED, '--slug', 'chenxi-2022-import', '--content', project]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--force');
  });
});
