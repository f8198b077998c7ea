// First: it sets NO_COLOR before anything loads picocolors.
import { runInProcess } from '../helpers/in-process-cli.ts';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { BIN, REPO, runCli } from '../helpers/cli.ts';
import { copyProject } from '../helpers/content-fixtures.ts';

const made: string[] = [];
const project = () => {
  const dir = copyProject();
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Each behaviour of check and new keeps a run of the real CLI (exit status, commander's parsing,
// what a process prints); its other cases call the same command's function in this process, where
// a process would cost seconds on a loaded machine.
const REAL_CLI = 'real CLI';
const nianbao = (via: string, args: string[]) => (via === REAL_CLI ? runCli(args) : runInProcess(args));

describe('nianbao check', () => {
  it('accepts the samples with exit code 0', () => {
    const r = runCli(['check']);
    expect(r.code).toBe(0);
    // The two original samples and the county year (scripts/county-samples.ts).
    expect(r.stdout).toContain('检查了 26 份报告，没有发现问题');
  });

  it('reports every problem in one run, not just the first', () => {
    const dir = project();
    const report = path.join(dir, 'content/reports/fz-2022/report.yaml');
    writeFileSync(report, readFileSync(report, 'utf8').replace('writtenDate: 2023-01-04', 'writtenDate: 2023年1月4日').replace('topic: 政务公开', 'topic: ""'));
    const section = path.join(dir, 'content/reports/xx-2022/04-fuyi-susong.md');
    writeFileSync(section, readFileSync(section, 'utf8').replace('zhijie-qisu: [1, 0, 0, 1, 2]', 'zhijie-qisu: [1, 0, 0, 1, 3]'));
    const r = runCli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('content/reports/fz-2022/report.yaml:7:');
    expect(r.stdout).toContain('content/reports/fz-2022/report.yaml:10:');
    expect(r.stdout).toContain('content/reports/xx-2022/04-fuyi-susong.md:7:');
    expect(r.stdout).toMatch(/发现 3 个错误/);
  });

  it('prints machine-readable diagnostics with --json', () => {
    const dir = project();
    rmSync(path.join(dir, 'content/site.yaml'));
    const r = runCli(['check', dir, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; diagnostics: { rule: string; file: string }[] };
    expect(out.ok).toBe(false);
    expect(out.diagnostics).toContainEqual(expect.objectContaining({ rule: 'site.missing', file: 'content/site.yaml' }));
  });

  it('accepts a UTF-8 BOM and Windows line endings silently', () => {
    const dir = project();
    const file = path.join(dir, 'content/reports/fz-2022/02-maodun-jiufen.md');
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8').replace(/\n/g, '\r\n')}`);
    const result = loadContent(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  // Exit status 1 through the real CLI: 'reports every problem in one run'.
  it('never rewrites a content file (in process)', async () => {
    const dir = project();
    const file = path.join(dir, 'content/reports/fz-2022/02-maodun-jiufen.md');
    const gbk = Buffer.from('2d2d2d0a7469746c653a20cfc2d2bbb2bd0a2d2d2d0a', 'hex');
    writeFileSync(file, gbk);
    expect((await runInProcess(['check', dir])).code).toBe(1);
    expect(readFileSync(file).equals(gbk)).toBe(true);
  });
});

describe('the Node version check', () => {
  it('refuses a too-old Node with a Chinese explanation, before loading anything else', () => {
    const fakeOld = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.11.0"})';
    const r = spawnSync(process.execPath, ['--import', fakeOld, BIN, 'check'], { cwd: REPO, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nianbao 需要 Node.js 22.12 或更新版本，当前是 20.11.0');
    expect(r.stderr).toContain('npx nianbao');
  });
});

describe('nianbao new', () => {
  it.each([
    ['fazhi-zhengfu', REAL_CLI],
    ['xinxi-gongkai', 'in process'],
    ['gongzuo-baogao', 'in process'],
  ])('creates a %s report from its template skeleton (%s)', async (type, via) => {
    const dir = project();
    const r = await nianbao(via, ['new', type, `ceshi-2024-${type}`, '--year', '2024', '--issuer', '测试县司法局', '--content', dir]);
    expect(r.code, r.output).toBe(0);
    const folder = path.join(dir, 'content/reports', `ceshi-2024-${type}`);
    const meta = readFileSync(path.join(folder, 'report.yaml'), 'utf8');
    expect(meta).toContain('year: 2024');
    expect(meta).toContain('issuer: ceshi-sifaju'); // the name given, written as the issuer's id
    expect(meta).not.toContain('{{');
    expect(readdirSync(folder).filter((f) => f.endsWith('.md')).length).toBeGreaterThan(0);
    // The skeleton is a valid report of its type: the project still checks clean.
    const result = loadContent(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const created = result.ok ? result.model.reports.find((x) => x.slug === `ceshi-2024-${type}`) : undefined;
    expect(created?.template.id).toBe(type);
  });

  it.each([
    ['2019', '2020', REAL_CLI],
    ['2008', '2010', 'in process'],
  ])('creates a xinxi-gongkai %s-format report (year %s) that checks against its own version (%s)', async (version, year, via) => {
    const dir = project();
    const slug = `ceshi-${year}-xinxi-gongkai`;
    const r = await nianbao(via, ['new', 'xinxi-gongkai', slug, '--type-version', version, '--year', year, '--issuer', '测试县司法局', '--content', dir]);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain(`（${version} 版）`);
    const result = loadContent(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const created = result.ok ? result.model.reports.find((x) => x.slug === slug) : undefined;
    expect(created?.template.version).toBe(version);
    expect(created?.tables.map((t) => t.table.id)).toEqual(version === '2019' ? ['zhudong-guizhang', 'zhudong-xuke', 'zhudong-chufa', 'zhudong-shoufei', 'zhudong-caigou', 'shenqing', 'fuyi-susong'] : []);
  });

  it('without --type-version, takes the format version of the report’s year (in process)', async () => {
    const dir = project();
    const r = await runInProcess(['new', 'xinxi-gongkai', 'ceshi-2020-xinxi', '--year', '2020', '--issuer', '测试县司法局', '--content', dir]);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain('（2019 版）');
    expect(readFileSync(path.join(dir, 'content/reports/ceshi-2020-xinxi/report.yaml'), 'utf8')).toContain('typeVersion: "2019"');
  });

  // A refusal's exit status through the real CLI: 'explains an unknown type'.
  it('never overwrites an existing report folder (in process)', async () => {
    const dir = project();
    const before = readFileSync(path.join(dir, 'content/reports/fz-2022/report.yaml'), 'utf8');
    const r = await runInProcess(['new', 'fazhi-zhengfu', 'fz-2022', '--content', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('已经存在');
    expect(readFileSync(path.join(dir, 'content/reports/fz-2022/report.yaml'), 'utf8')).toBe(before);
    expect(existsSync(path.join(dir, 'content/reports/fz-2022/01-zhuyao-jucuo.md'))).toBe(false);
  });

  it('explains an unknown type and lists the known ones', () => {
    const r = runCli(['new', 'nianbao-xyz', 'x-2024', '--content', project()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('fazhi-zhengfu');
    expect(r.stderr).toContain('xinxi-gongkai');
  });
});

describe('nianbao --help', () => {
  it('is in Chinese', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法：');
    expect(r.stdout).toContain('命令：');
    expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:/);
  });

  it('translates argument errors', () => {
    const r = runCli(['new', 'fazhi-zhengfu']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('缺少参数');
  });
});
