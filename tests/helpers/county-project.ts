import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyProject } from './content-fixtures.ts';

/**
 * The base fixture grown into a small county year: 辰溪县司法局 (sifaju, the base's xx-2022) and
 * 辰溪县财政局 (caizhengju, a copy of it) publish 信息公开 reports; 辰溪县人民政府 (xianzhengfu)
 * publishes one whose tables are the sum of the two departments' (every table number doubled),
 * declared as a roll-up of the departments (测试县司法局, which has no such report, excluded).
 */
export function countyProject(): string {
  const dir = copyProject();
  const reports = path.join(dir, 'content/reports');
  appendFileSync(
    path.join(dir, 'content/issuers.yaml'),
    [
      '  - id: caizhengju',
      '    name: 辰溪县财政局',
      '    kind: department',
      '    creditCode: 11431223MB1C450152',
      '    reports: [xinxi-gongkai]',
      '  - id: xianzhengfu',
      '    name: 辰溪县人民政府',
      '    kind: government',
      '    creditCode: "114312230061245067"',
      '    reports: [xinxi-gongkai]',
      '',
    ].join('\n'),
  );
  const copy = (to: string, issuer: string, name: string, double: boolean, extra = '') => {
    const target = path.join(reports, to);
    cpSync(path.join(reports, 'xx-2022'), target, { recursive: true });
    const meta = path.join(target, 'report.yaml');
    writeFileSync(
      meta,
      readFileSync(meta, 'utf8')
        .replace('issuer: sifaju', `issuer: ${issuer}`)
        .replaceAll('辰溪县司法局', name)
        .replace(/^indexNumber: .*\n/m, '') + extra,
    );
    if (!double) return;
    for (const file of readdirSync(target).filter((f) => f.endsWith('.md'))) {
      const abs = path.join(target, file);
      const text = readFileSync(abs, 'utf8').replace(/^(\s+[a-z0-9-]+: \[)(.*)\]$/gm, (_, head: string, cells: string) =>
        `${head}${cells.split(',').map((c) => (c.trim() === '/' ? ' /' : ` ${Math.round(Number(c) * 2 * 10) / 10}`)).join(',').trim()}]`,
      );
      writeFileSync(abs, text);
    }
  };
  copy('xx-caizheng-2022', 'caizhengju', '辰溪县财政局', false);
  copy(
    'xx-county-2022',
    'xianzhengfu',
    '辰溪县人民政府',
    true,
    [
      'rollup:',
      '  - description: 全县合计 = 各部门',
      '    tables: [zhudong-guizhang, zhudong-xuke, shenqing, fuyi-susong]',
      '    issuers: { kinds: [department], exclude: [ceshi-sifaju] }',
      '',
    ].join('\n'),
  );
  return dir;
}

/** Replaces text in a project file; throws when it is not there (the test would prove nothing). */
export function replaceInFile(dir: string, file: string, find: string | RegExp, replace: string): void {
  const abs = path.join(dir, file);
  const text = readFileSync(abs, 'utf8');
  const next = text.replace(find, replace);
  if (next === text) throw new Error(`${String(find)} not found in ${file}`);
  writeFileSync(abs, next);
}
