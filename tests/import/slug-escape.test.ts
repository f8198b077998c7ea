// First: it sets NO_COLOR before anything loads picocolors.
import { runInProcess } from '../helpers/in-process-cli.ts';
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

// The first case of each command runs the real CLI (its exit status, commander's parsing of the
// slug, what a process prints); the others the same command's function in this process, in the
// same folder: a process costs seconds on a loaded machine and the refusal is the function's.
const REAL_CLI = 'real CLI';
const nianbao = (via: string, args: string[]) => (via === REAL_CLI ? runCli(args, { cwd: project }) : runInProcess(args, { cwd: project }));

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
    ['../../x', REAL_CLI, '..'],
    [path.join(sandbox, 'abs-x'), 'in process', '/'],
    ['..\\..\\x', 'in process', '\\'],
    ['a b', 'in process', '空格'],
    ['中文', 'in process', '中文'],
    ['.hidden', 'in process', '小写字母'],
  ])('refuses %j with a Chinese error, exit 1, nothing written, even with --force (%s)', async (slug, via, reason) => {
    // --force is the dangerous spelling: it removes an existing folder of that name before writing.
    mkdirSync(path.join(sandbox, 'x'), { recursive: true });
    writeFileSync(path.join(sandbox, 'x', 'keep.txt'), 'not a report');
    const before = treeSnapshot(sandbox);
    const r = await nianbao(via, ['import', source, '--slug', slug, '--content', project, '--force']);
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
  it.each([
    ['../../x', REAL_CLI],
    ['a b', 'in process'],
    ['中文', 'in process'],
    ['..\\x', 'in process'],
  ])('refuses %j, nothing written (%s)', async (slug, via) => {
    const before = treeSnapshot(sandbox);
    const r = await nianbao(via, ['new', 'fazhi-zhengfu', slug, '--year', '2023', '--content', project]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误：文件夹名');
    noStack(r.output);
    expect(treeSnapshot(sandbox)).toEqual(before);
  });
});
