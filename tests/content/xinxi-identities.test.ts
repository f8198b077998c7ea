import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { copySample } from '../integrity/sample-project.ts';

// The real sample, not a fixture: every cell of tables 三 and 四 takes part in an identity of the
// 2021 format, so changing any one of them must be reported with the rule, the cells and values.
// The 信息公开 sample alone (not the county year): each case loads the whole project again.
const project = copySample('nianbao-identities-', ['chenxi-sifaju-2022-xinxi-gongkai']);
afterAll(() => rmSync(project, { recursive: true, force: true }));
const dir = path.join(project, 'content/reports/chenxi-sifaju-2022-xinxi-gongkai');

interface Cell {
  file: string;
  lineIndex: number;
  table: string;
  row: string;
  index: number;
  value: number;
}

function cellsOf(file: string, table: string): Cell[] {
  const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
  const cells: Cell[] = [];
  lines.forEach((line, lineIndex) => {
    const m = /^ {4}([a-z-]+): \[(.*)\]$/.exec(line);
    if (!m) return;
    m[2]!.split(', ').forEach((v, index) => cells.push({ file, lineIndex, table, row: m[1]!, index, value: Number(v) }));
  });
  return cells;
}

const COLUMNS: Record<string, string[]> = {
  shenqing: ['ziranren', 'shangye', 'keyan', 'gongyi', 'falv', 'qita', 'zongji'],
  'fuyi-susong': ['weichi', 'jiuzheng', 'qita-jieguo', 'weishenjie', 'zongji'],
};
const cells = [...cellsOf('03-shenqing-chuli.md', 'shenqing'), ...cellsOf('04-fuyi-susong.md', 'fuyi-susong')];

describe('changing any single number of the 信息公开 tables breaks an identity that names it', () => {
  it('finds all 190 cells of tables 三 and 四', () => {
    expect(cells).toHaveLength(25 * 7 + 3 * 5);
  });

  it.each(cells.map((c) => [`${c.table}.${c.row}.${COLUMNS[c.table]![c.index]}`, c] as const))('%s', (id, cell) => {
    const file = path.join(dir, cell.file);
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n');
    const values = /\[(.*)\]/.exec(lines[cell.lineIndex]!)![1]!.split(', ');
    const changed = cell.value + 1;
    values[cell.index] = String(changed);
    lines[cell.lineIndex] = lines[cell.lineIndex]!.replace(/\[.*\]/, `[${values.join(', ')}]`);
    writeFileSync(file, lines.join('\n'));
    try {
      const result = loadContent(project);
      expect(result.ok).toBe(false);
      const broken = result.diagnostics.filter((d) => d.rule === 'rule.sum');
      expect(broken.length).toBeGreaterThan(0);
      // The message names the rule, and lists the changed cell with its new value.
      const naming = broken.find((d) => d.message.includes(`[${id}] ${changed}件`));
      expect(naming, JSON.stringify(broken.map((d) => d.message))).toBeDefined();
      expect(naming!.message).toMatch(/^一致性规则不成立：表[三四]/);
      expect(naming!.file).toBe(`content/reports/chenxi-sifaju-2022-xinxi-gongkai/${cell.file}`);
    } finally {
      writeFileSync(file, original);
    }
  });
});
