/**
 * Report types are data: a folder under templates/ is a new type, with no change to nianbao's code.
 * A scratch project with one report: the 法治政府 template copied under a new id (人大代表建议办理),
 * the report moved to that type, then offered, recognised and built like the shipped types.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTemplates } from '../../src/content/index.ts';
import { guessType } from '../../src/import/import-report.ts';
import { runCli, runCliParallel } from '../helpers/cli.ts';
import { copySample, replaceIn } from '../integrity/sample-project.ts';

const TYPE = 'renda-jianyi';
const NAME = '人大代表建议办理工作报告';
const SLUG = `chenxi-2022-${TYPE}`;
let root: string;

beforeAll(() => {
  root = copySample('nianbao-new-type-', ['chenxi-2022-fazhi-zhengfu']);
  cpSync(path.join(root, 'templates/fazhi-zhengfu'), path.join(root, `templates/${TYPE}`), { recursive: true });
  const template = `templates/${TYPE}/2019/template.yaml`;
  replaceIn(root, template, 'id: fazhi-zhengfu', `id: ${TYPE}`);
  replaceIn(root, template, 'name: 法治政府建设年度报告', `name: ${NAME}`);
  replaceIn(root, template, 'titles: ["法治政府"]', 'titles: ["人大代表建议"]');
  renameSync(path.join(root, 'content/reports/chenxi-2022-fazhi-zhengfu'), path.join(root, `content/reports/${SLUG}`));
  replaceIn(root, `content/reports/${SLUG}/report.yaml`, 'type: fazhi-zhengfu', `type: ${TYPE}`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a report type added as a folder under templates/', () => {
  it('is offered by nianbao new and recognised by import, from its template alone', () => {
    const help = runCli(['new', '--help'], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`可用的类型[^\\n]*${TYPE}`));
    const newest = [...findTemplates(root).byType.values()].map((v) => v[v.length - 1]!.template);
    expect(guessType(`辰溪县2022年度${NAME}`, [], newest)).toEqual({ type: TYPE, reason: '标题含“人大代表建议”', sure: true });
  });

  it('builds its report: checked, its pages, Word file and PDF, with the type’s own name', async () => {
    const run = await runCliParallel(['build', root]);
    expect(run.output).toContain('构建完成');
    expect(run.code).toBe(0);
    const dist = path.join(root, 'dist');
    const typePage = readFileSync(path.join(dist, `types/${TYPE}/index.html`), 'utf8');
    expect(typePage).toContain(`<title>${NAME} - `);
    expect(typePage).toContain(`reports/${SLUG}/`);
    const reportPage = readFileSync(path.join(dist, `reports/${SLUG}/index.html`), 'utf8');
    expect(reportPage).toContain(NAME);
    expect(reportPage).toContain(`downloads/${SLUG}.pdf`);
    expect(reportPage).toContain(`downloads/${SLUG}.docx`);
    expect(JSON.parse(readFileSync(path.join(dist, `data/${SLUG}.json`), 'utf8')).type).toEqual({ id: TYPE, name: NAME, version: '2019' });
    expect(existsSync(path.join(dist, `data/${TYPE}/2022.json`))).toBe(true);
    const text = execFileSync('pdftotext', ['-l', '1', path.join(dist, `downloads/${SLUG}.pdf`), '-'], { encoding: 'utf8' });
    expect(text).toContain('法治政府建设工作情况汇报（2022年）');
  });
});
