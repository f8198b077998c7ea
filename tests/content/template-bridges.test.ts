import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTemplates, translateCell } from '../../src/content/index.ts';
import { loadTemplates } from '../../src/content/templates.ts';
import { REPO } from '../helpers/cli.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('bridges between format versions', () => {
  const registry = findTemplates(REPO);
  const v2019 = registry.find('xinxi-gongkai', '2019')!.template;
  const v2021 = registry.find('xinxi-gongkai', '2021')!.template;

  it('translates the cells a bridge names, in either direction, and nothing else', () => {
    expect(translateCell(v2019, v2021, 'shenqing.jiezhuan-xianian.shangye')).toBe('shenqing.jiezhuan-xianian.shangye');
    expect(translateCell(v2019, v2021, 'zhudong-guizhang.guizhang.xinzhizuo')).toBe('zhudong-guizhang.guizhang.zhifa');
    expect(translateCell(v2021, v2019, 'zhudong-guizhang.guizhang.zhifa')).toBe('zhudong-guizhang.guizhang.xinzhizuo');
    expect(translateCell(v2021, v2019, 'zhudong-guizhang.guizhang.youxiao')).toBeUndefined();
    expect(translateCell(v2019, v2021, 'zhudong-guizhang.guizhang.gongkai-zongshu')).toBeUndefined();
    expect(translateCell(v2019, v2021, 'shenqing.qita-chuli.zongji')).toBeUndefined();
    expect(translateCell(v2021, v2021, 'anything')).toBe('anything');
    const fazhi = registry.find('fazhi-zhengfu')!.template;
    expect(translateCell(fazhi, v2021, 'shenqing.xinshou.zongji')).toBeUndefined();
  });

  it('reports a bridge or continuity rule that names a cell no table has, in the template file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-templates-'));
    made.push(dir);
    cpSync(path.join(REPO, 'templates'), dir, { recursive: true });
    const file = path.join(dir, 'xinxi-gongkai/2019/template.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text
        .replace('metrics: { zhudong-guizhang.$row.xinzhizuo: zhudong-guizhang.$row.zhifa }', 'metrics: { zhudong-guizhang.$row.xinzhizuo: zhudong-guizhang.$row.zhifaa }')
        .replace('previous: shenqing.jiezhuan-xianian.$col', 'previous: shenqing.jiezhuan-xianan.$col')
        .replace('  - version: "2021"\n    description: 表四', '  - version: "2030"\n    description: 表四'),
    );
    const { diagnostics } = loadTemplates(dir, dir);
    const rules = diagnostics.map((d) => d.rule).sort();
    expect(rules).toContain('template.bridge-cell');
    expect(rules).toContain('template.continuity-cell');
    const bridge = diagnostics.find((d) => d.rule === 'template.bridge-cell')!;
    expect(bridge.file).toBe('xinxi-gongkai/2019/template.yaml');
    expect(bridge.message).toContain('zhudong-guizhang.guizhang.zhifaa（2021 版没有这个格子）');
    expect(diagnostics.find((d) => d.rule === 'template.continuity-cell')!.message).toContain('shenqing.jiezhuan-xianan.ziranren');
    expect(diagnostics.find((d) => d.rule === 'template.bridge-version')!.message).toBe('bridges 指向的版本 2030 不是 xinxi-gongkai 的另一个版本。');
  });
});
