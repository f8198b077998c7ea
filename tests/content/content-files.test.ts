import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listContentFiles } from '../../src/content/content-files.ts';
import { loadContent } from '../../src/content/index.ts';
import { BASE } from '../helpers/content-fixtures.ts';

const sandbox = mkdtempSync(path.join(tmpdir(), 'nianbao-content-files-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe('listContentFiles: nothing a glob would skip goes unsaid', () => {
  const content = path.join(sandbox, 'content');
  mkdirSync(path.join(content, 'reports', 'a'), { recursive: true });
  mkdirSync(path.join(sandbox, 'outside'));
  writeFileSync(path.join(content, 'reports', 'a', 'report.yaml'), 'x');
  writeFileSync(path.join(content, 'reports', '.gitkeep'), '');
  writeFileSync(path.join(content, 'reports', 'a', '.notes.md'), 'x');
  mkdirSync(path.join(content, 'reports', '.b'));
  writeFileSync(path.join(content, 'reports', '.b', 'report.yaml'), 'x');
  symlinkSync(path.join(content, 'reports', 'a'), path.join(content, 'reports', 'alias'));
  symlinkSync(path.join(sandbox, 'outside'), path.join(content, 'reports', 'out'));
  symlinkSync(path.join(sandbox, 'nowhere'), path.join(content, 'dangling.md'));

  it('lists files (following links that stay inside), hidden entries and links that leave', () => {
    const r = listContentFiles(content);
    expect(r.files).toEqual([path.join('reports', 'a', 'report.yaml'), path.join('reports', 'alias', 'report.yaml')]);
    expect(r.hidden).toEqual([path.join('reports', '.b'), path.join('reports', 'a', '.notes.md'), path.join('reports', 'alias', '.notes.md')]);
    expect(r.outside).toEqual(['dangling.md', path.join('reports', 'out')]);
  });
});

describe('loadContent reports hidden files and outside links', () => {
  it('a hidden folder in a report folder is a warning, a hidden section file an error (once), a link out of content/ an error', () => {
    const project = path.join(sandbox, 'project');
    cpSync(BASE, project, { recursive: true });
    mkdirSync(path.join(project, 'content', 'reports', 'fz-2022', '.drafts'));
    writeFileSync(path.join(project, 'content', 'reports', 'fz-2022', '.drafts', '06-x.md'), '---\ntitle: 草稿\n---\n');
    let r = loadContent(project);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ rule: 'content.hidden-file', severity: 'warning', file: 'content/reports/fz-2022/.drafts' }));
    writeFileSync(path.join(project, 'content', 'reports', 'fz-2022', '.06-draft.md'), '---\ntitle: 草稿\n---\n');
    r = loadContent(project);
    expect(r.diagnostics.filter((d) => d.file === 'content/reports/fz-2022/.06-draft.md').map((d) => d.rule)).toEqual(['section.file-name']);
    rmSync(path.join(project, 'content', 'reports', 'fz-2022', '.06-draft.md'));
    symlinkSync(path.join(sandbox, 'outside'), path.join(project, 'content', 'reports', 'elsewhere'));
    r = loadContent(project);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ rule: 'content.path-outside', severity: 'error', file: 'content/reports/elsewhere' }));
  });

  it('an image outside the project is an error at its line', () => {
    const project = path.join(sandbox, 'project-image');
    cpSync(BASE, project, { recursive: true });
    const file = path.join(project, 'content', 'reports', 'fz-2022', '05-xiayibu.md');
    writeFileSync(file, `${'---\ntitle: 下一步\nlevel: 1\n---\n'}\n![图](../../../../etc/passwd.png)\n`);
    const r = loadContent(project);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ rule: 'content.path-outside', severity: 'error', file: 'content/reports/fz-2022/05-xiayibu.md', line: 6 }));
  });
});
