import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { copySample, FAZHI, HOSTILE_SECTION, REPO, replaceIn } from '../integrity/sample-project.ts';

const made: string[] = [];
const sample = () => {
  const dir = copySample('nianbao-lint-');
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('lint inside loadContent', () => {
  it('passes the clean samples with no lint error and no lint warning', () => {
    const result = loadContent(REPO);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.rule.startsWith('lint.'))).toEqual([]);
  });

  it('refuses the 法治政府 sample with the four injected terms of the seed page put back', () => {
    const dir = sample();
    const places = [
      ['03-yingshang-huanjing.md', '今年帮助审查'],
      ['04-zhidu-tixi.md', '今年发布的县人民政府'],
      ['04-zhidu-tixi.md', '今年共县审查'],
      ['08-maodun-jiufen.md', '今年共排查'],
    ] as const;
    for (const [file, text] of places) replaceIn(dir, `${FAZHI}/${file}`, text, text.replace('今年', '娱乐老虎机'));
    const result = loadContent(dir);
    expect(result.ok).toBe(false);
    const found = result.diagnostics.filter((d) => d.rule === 'lint.injected-term');
    expect(found.map((d) => d.file)).toEqual(places.map(([f]) => `${FAZHI}/${f}`));
    for (const d of found) {
      const line = readFileSync(path.join(dir, d.file), 'utf8').split('\n')[d.line - 1]!;
      expect(line.slice(d.column - 1)).toMatch(/^娱乐老虎机/);
    }
  });

  it('lints report metadata and site.yaml', () => {
    const dir = sample();
    replaceIn(dir, `${FAZHI}/report.yaml`, 'keywords: [法治政府建设', 'keywords: [澳门新葡京');
    replaceIn(dir, 'content/site.yaml', 'contact: 0745-5222000', 'contact: 0745-5222000 裸聊');
    const found = loadContent(dir).diagnostics.filter((d) => d.rule === 'lint.injected-term');
    expect(found.map((d) => [d.file, d.value])).toEqual([
      ['content/reports/chenxi-2022-fazhi-zhengfu/report.yaml', '澳门新葡京'],
      ['content/site.yaml', '裸聊'],
    ]);
  });

  it('refuses hostile raw HTML in Markdown before anything is built', () => {
    const dir = sample();
    writeFileSync(path.join(dir, FAZHI, '22-qita-qingkuang.md'), HOSTILE_SECTION);
    const result = loadContent(dir);
    expect(result.ok).toBe(false);
    const rules = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule));
    expect([...rules].sort()).toEqual(['lint.hidden-content', 'lint.injected-term', 'lint.link-domain', 'lint.unsafe-html', 'lint.unsafe-url']);
  });

  it('applies the site’s lint settings', () => {
    const dir = sample();
    replaceIn(dir, `${FAZHI}/08-maodun-jiufen.md`, '今年共排查', '今年共,排查');
    expect(loadContent(dir).diagnostics.filter((d) => d.rule === 'lint.halfwidth-punctuation')).toHaveLength(1);
    replaceIn(dir, 'content/site.yaml', 'disclosureFields:', 'lint:\n  levels:\n    lint.halfwidth-punctuation: off\ndisclosureFields:');
    const quiet = loadContent(dir);
    expect(quiet.ok).toBe(true);
    expect(quiet.diagnostics.filter((d) => d.rule.startsWith('lint.'))).toEqual([]);
  });

  it('points at a misspelt rule id in site.yaml', () => {
    const dir = sample();
    replaceIn(dir, 'content/site.yaml', 'disclosureFields:', 'lint:\n  levels:\n    lint.halfwidth: off\ndisclosureFields:');
    const line = readFileSync(path.join(dir, 'content/site.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('lint.halfwidth')) + 1;
    const found = loadContent(dir).diagnostics.filter((d) => d.rule === 'lint.unknown-rule');
    expect(found).toMatchObject([{ file: 'content/site.yaml', line, column: 5, severity: 'error', value: 'lint.halfwidth' }]);
  });
});
