import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCorpus } from '../../scripts/lib/corpus.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { countyProject, replaceInFile } from '../helpers/county-project.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const project = () => {
  const dir = countyProject();
  made.push(dir);
  return dir;
};

describe('issuers in the content model', () => {
  it('resolves each report’s issuer and keeps issuers.yaml’s order', () => {
    const r = loadContent(project());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.issuers.map((i) => i.id)).toEqual(['ceshi-sifaju', 'sifaju', 'caizhengju', 'xianzhengfu']);
    const county = r.model.reports.find((x) => x.slug === 'xx-county-2022')!;
    expect(county.issuer).toMatchObject({ id: 'xianzhengfu', name: '辰溪县人民政府', kind: 'government', indexPattern: '{creditCode}/{year}-{serial:5}' });
  });

  it('checks drafts like the others but never publishes them', () => {
    const dir = project();
    replaceInFile(dir, 'content/reports/xx-county-2022/report.yaml', 'validity: 有效', 'validity: 有效\nstatus: draft');
    const r = loadContent(dir);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.reports.map((x) => x.slug)).not.toContain('xx-county-2022');
    expect(r.model.drafts.map((x) => x.slug)).toEqual(['xx-county-2022']);
    expect(r.model.drafts[0]!.rollups).toHaveLength(4); // still checked
  });

  it('lints issuers.yaml like every other published text', () => {
    const dir = project();
    replaceInFile(dir, 'content/issuers.yaml', 'name: 辰溪县财政局', 'name: 辰溪县财政局娱乐老虎机');
    const found = loadContent(dir).diagnostics.filter((d) => d.rule === 'lint.injected-term');
    expect(found.map((d) => d.file)).toEqual(['content/issuers.yaml']);
  });

  it('lists failing reports with their metadata and error counts for status', () => {
    const dir = project();
    replaceInFile(dir, 'content/reports/xx-caizheng-2022/02-zhudong-gongkai.md', 'xingzheng-qiangzhi: [3]', 'xingzheng-qiangzhi: [三]');
    const r = loadContent(dir);
    expect(r.ok).toBe(false);
    const entry = r.entries.find((e) => e.slug === 'xx-caizheng-2022')!;
    const own = r.diagnostics.filter((d) => d.severity === 'error' && d.file.startsWith('content/reports/xx-caizheng-2022/'));
    expect(own.length).toBeGreaterThan(0);
    expect(entry).toMatchObject({ file: 'content/reports/xx-caizheng-2022/report.yaml', errors: own.length });
    expect(entry.meta?.issuer).toBe('caizhengju');
    expect(entry.report).toBeUndefined();
    // Its roll-up partner does not also call it missing: the report exists, it has its own error.
    expect(r.diagnostics.filter((d) => d.rule === 'rollup.missing-report')).toEqual([]);
  });
});

describe('the benchmark corpus', () => {
  it('names its issuers by id, with valid credit codes, and checks clean', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-corpus-'));
    made.push(dir);
    writeCorpus(dir, { reports: 70 });
    const r = loadContent(dir);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (!r.ok) return;
    expect(r.model.reports).toHaveLength(70);
    expect(r.model.issuers.length).toBeGreaterThan(30);
    expect(new Set(r.model.reports.map((x) => x.indexNumber)).size).toBe(70);
  });
});
