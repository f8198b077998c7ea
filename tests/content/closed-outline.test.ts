import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { REPO } from '../helpers/cli.ts';

// A six-part 信息公开 report has exactly its six level-1 parts.
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function withSection(name: string, title: string) {
  const root = mkdtempSync(path.join(tmpdir(), 'nianbao-closed-'));
  dirs.push(root);
  cpSync(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true });
  writeFileSync(path.join(root, 'content/reports/chenxi-sifaju-2022-xinxi-gongkai', name), `---\ntitle: ${title}\nlevel: 1\n---\n\n正文。\n`);
  return loadContent(root).diagnostics.filter((d) => d.rule === 'element.extra');
}

describe('the parts of a 信息公开 report', () => {
  it('the sample has no extra part', () => {
    expect(loadContent(REPO).diagnostics.filter((d) => d.rule === 'element.extra')).toEqual([]);
  });
  it('a seventh level-1 section is an error', () => {
    const found = withSection('07-fujia.md', '工作亮点');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: 'content/reports/chenxi-sifaju-2022-xinxi-gongkai/07-fujia.md' });
    expect(found[0]!.message).toContain('不是规定的部分之一');
  });
  it('a table row read as a level-1 heading repeats a part: an error too', () => {
    const found = withSection('035-xinshou.md', '本年新收政府信息公开申请数量 36 3 0 0 2 1 42');
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('重复了「收到和处理政府信息公开申请情况」')]);
  });
});
