import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportSlugProblem } from '../../src/content/report-slug.ts';
import { checkOutputFolder } from '../../src/paths/output-folder.ts';
import { physicalPath, resolveInside } from '../../src/paths/project-path.ts';

const sandbox = mkdtempSync(path.join(tmpdir(), 'nianbao-paths-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const project = path.join(sandbox, 'project');
const content = path.join(project, 'content');
mkdirSync(path.join(content, 'reports', 'a'), { recursive: true });
mkdirSync(path.join(sandbox, 'elsewhere'));
symlinkSync(path.join(sandbox, 'elsewhere'), path.join(content, 'reports', 'escape'));
symlinkSync(path.join(content, 'reports', 'a'), path.join(content, 'reports', 'alias'));
symlinkSync(path.join(sandbox, 'nowhere'), path.join(content, 'reports', 'dangling'));

describe('resolveInside: one decision for every path a user or content gives', () => {
  it.each([
    ['reports/a/x.png'],
    ['reports/new-report'],
    ['reports/a/../a/x'],
    ['reports/alias/x.png'], // a link that stays inside is fine
  ])('accepts %s', (given) => {
    const v = resolveInside(content, given);
    expect(v.ok).toBe(true);
    expect(v.path.startsWith(content)).toBe(true);
  });

  it.each([
    ['../x', '“..”'],
    ['reports/../../x', '“..”'],
    ['../../../../../../etc/passwd', '“..”'],
    ['/tmp/x', '绝对路径'],
    ['..\\x', '“..”'],
    ['reports\\..\\..\\x', '“..”'],
    ['C:\\Windows\\x', '绝对路径'],
    ['reports/escape/x', '符号链接'],
    ['reports/escape', '符号链接'],
    ['reports/dangling/x', '符号链接'],
    ['a\0b', '空字符'],
  ])('refuses %s with a Chinese reason', (given, reason) => {
    const v = resolveInside(content, given);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toContain(reason);
  });

  it('resolves relative to a base folder (an image next to its report)', () => {
    expect(resolveInside(project, 'tu.png', path.join(content, 'reports', 'a')).ok).toBe(true);
    expect(resolveInside(project, '../../../../x.png', path.join(content, 'reports', 'a')).ok).toBe(false);
  });

  it('finds the real place of a path that does not exist yet through its nearest existing ancestor', () => {
    expect(physicalPath(path.join(content, 'reports', 'escape', 'new', 'deeper'))).toBe(path.join(sandbox, 'elsewhere', 'new', 'deeper'));
    expect(physicalPath(path.join(content, 'reports', 'dangling', 'x'))).toBeUndefined();
  });
});

describe('reportSlugProblem: the one slug rule', () => {
  it.each(['chenxi-2023-fazhi-zhengfu', 'xx-2022', '2023'])('accepts %s', (slug) => expect(reportSlugProblem(slug)).toBeUndefined());
  it.each([
    ['../../x', '..'],
    ['/tmp/x', '/'],
    ['..\\x', '\\'],
    ['a b', '空格'],
    ['中文', '中文'],
    ['.hidden', '小写字母'],
    ['Chenxi', '小写字母'],
    ['-x', '小写字母'],
    ['', '小写字母'],
    ['x'.repeat(101), '太长'],
  ])('refuses %j', (slug, reason) => expect(reportSlugProblem(slug)).toContain(reason));
});

describe('checkOutputFolder: where build --out may replace a folder', () => {
  const proj = { root: project, contentDir: content };
  it('accepts the default dist/, a new folder elsewhere and a previous output', () => {
    expect(checkOutputFolder(path.join(project, 'dist'), proj).ok).toBe(true);
    expect(checkOutputFolder(path.join(sandbox, 'www', 'ndbg'), proj).ok).toBe(true);
    mkdirSync(path.join(sandbox, 'old-output'));
    writeFileSync(path.join(sandbox, 'old-output', 'manifest.json'), '{}');
    expect(checkOutputFolder(path.join(sandbox, 'old-output'), proj).ok).toBe(true);
  });
  it.each([
    ['the project itself', () => project, '包含它'],
    ['a folder holding the project', () => sandbox, '包含它'],
    ['the content folder', () => content, '包含它'],
    ['a folder inside content/', () => path.join(content, 'reports', 'out'), 'content/'],
    ['templates/', () => path.join(project, 'templates'), 'templates/'],
    ['a folder of other files', () => path.join(sandbox, 'elsewhere-full'), '其他文件'],
  ])('refuses %s', (_, out, reason) => {
    mkdirSync(path.join(sandbox, 'elsewhere-full'), { recursive: true });
    writeFileSync(path.join(sandbox, 'elsewhere-full', 'thesis.docx'), 'mine');
    const v = checkOutputFolder(out(), proj);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toContain(reason);
  });
});
