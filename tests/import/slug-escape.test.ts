import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importReport } from '../../src/import/import-report.ts';
import { runCli } from '../helpers/cli.ts';
import { BASE } from '../helpers/content-fixtures.ts';
import { treeSnapshot } from '../helpers/tree-snapshot.ts';

// The project sits two folders deep in a sandbox, so that `../../x` would land inside the sandbox
// (where the test can see it) rather than somewhere on the machine.
const sandbox = mkdtempSync(path.join(tmpdir(), 'nianbao-slug-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const project = path.join(sandbox, 'a', 'b', 'project');
mkdirSync(project, { recursive: true });
cpSync(BASE, project, { recursive: true });
const source = path.join(sandbox, 'baogao.txt');
writeFileSync(
  source,
  ['某县司法局2022年法治政府建设年度报告', '一、主要举措', '全年办理案件36件。', '二、存在的不足', '人员不足。', '三、下一步安排', '继续努力。'].join('\n'),
);

const noStack = (output: string) => {
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(output).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError|Error):/);
};

describe('nianbao import --slug follows the one slug rule and never writes outside content/reports/', () => {
  it('accepts a valid slug (the fixture works at all)', async () => {
    const r = await importReport(source, { project, slug: 'mouxian-2022-import' });
    expect(r.dir).toBe(path.join(project, 'content', 'reports', 'mouxian-2022-import'));
    expect(existsSync(path.join(r.dir, 'report.yaml'))).toBe(true);
    rmSync(r.dir, { recursive: true });
  });

  it.each([
    ['../../x', '..'],
    [path.join(sandbox, 'abs-x'), '/'],
    ['..\\..\\x', '\\'],
    ['a b', '空格'],
    ['中文', '中文'],
    ['.hidden', '小写字母'],
  ])('refuses %j with a Chinese error, exit 1, nothing written, even with --force', (slug, reason) => {
    // --force is the dangerous spelling: it removes an existing folder of that name before writing.
    mkdirSync(path.join(sandbox, 'x'), { recursive: true });
    writeFileSync(path.join(sandbox, 'x', 'keep.txt'), 'not a report');
    const before = treeSnapshot(sandbox);
    const r = runCli(['import', source, '--slug', slug, '--content', project, '--force'], { cwd: project });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误：');
    expect(r.stderr).toContain(reason);
    expect(r.stderr).toContain('怎么办');
    noStack(r.output);
    expect(treeSnapshot(sandbox)).toEqual(before);
  });

  it('refuses a reports/ folder that is a symlink out of the project', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'nianbao-slug-link-'));
    const linked = path.join(sandbox, 'linked');
    try {
      mkdirSync(path.join(linked, 'content'), { recursive: true });
      cpSync(path.join(BASE, 'content', 'site.yaml'), path.join(linked, 'content', 'site.yaml'));
      symlinkSync(other, path.join(linked, 'content', 'reports'));
      await expect(importReport(source, { project: linked, slug: 'mouxian-2022' })).rejects.toThrow('符号链接');
      expect(treeSnapshot(other)).toEqual({});
    } finally {
      rmSync(other, { recursive: true, force: true });
      rmSync(linked, { recursive: true, force: true });
    }
  });
});

describe('nianbao new uses the same rule', () => {
  it.each(['../../x', 'a b', '中文', '..\\x'])('refuses %j, nothing written', (slug) => {
    const before = treeSnapshot(sandbox);
    const r = runCli(['new', 'fazhi-zhengfu', slug, '--year', '2023', '--content', project], { cwd: project });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误：文件夹名');
    noStack(r.output);
    expect(treeSnapshot(sandbox)).toEqual(before);
  });
});
