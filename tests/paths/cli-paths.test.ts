import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyFolderProblem } from '../../src/cli/commands/keygen.ts';
import { runCli } from '../helpers/cli.ts';
import { BASE } from '../helpers/content-fixtures.ts';
import { treeSnapshot } from '../helpers/tree-snapshot.ts';

const sandbox = mkdtempSync(path.join(tmpdir(), 'nianbao-cli-paths-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const project = path.join(sandbox, 'project');
cpSync(BASE, project, { recursive: true });
mkdirSync(path.join(sandbox, 'papers'));
writeFileSync(path.join(sandbox, 'papers', 'thesis.docx'), 'not nianbao output');

describe('build and merge --out never replace the project or a folder of other files', () => {
  it.each([
    ['build', () => ['build', project, '--out', project], '包含它'],
    ['build', () => ['build', project, '--out', sandbox], '包含它'],
    ['build', () => ['build', project, '--out', path.join(project, 'content', 'dist')], 'content/'],
    ['build', () => ['build', project, '--out', path.join(sandbox, 'papers')], '其他文件'],
    ['merge', () => ['merge', path.join(sandbox, 'shard-1'), '--project', project, '--out', project], '包含它'],
  ])('%s %#: exit 2, message, nothing changed', (_, args, reason) => {
    const before = treeSnapshot(sandbox);
    const r = runCli(args(), { cwd: sandbox });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(reason);
    expect(r.stderr).toContain('没有改动任何文件');
    expect(treeSnapshot(sandbox)).toEqual(before);
  });
});

describe('keygen --out keeps the private key out of published folders', () => {
  it('refuses content/, dist/ and public/ of the project it runs in, allows a folder outside', () => {
    expect(keyFolderProblem(path.join(project, 'content'), project)).toContain('content/');
    expect(keyFolderProblem(path.join(project, 'dist', 'keys'), project)).toContain('dist/');
    expect(keyFolderProblem(path.join(project, 'public'), project)).toContain('public/');
    expect(keyFolderProblem(path.join(sandbox, 'keys'), project)).toBeUndefined();
  });

  it('exits 2 without writing a key into content/', () => {
    const before = treeSnapshot(sandbox);
    const r = runCli(['keygen', '--out', 'content/keys'], { cwd: project });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('私钥不能放在那里');
    expect(treeSnapshot(sandbox)).toEqual(before);
  });
});
