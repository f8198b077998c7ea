import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { askForNew } from '../../src/cli/commands/new.ts';
import { BIN, REPO, runCli } from '../helpers/cli.ts';
import { copyProject } from '../helpers/content-fixtures.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('guided nianbao new', () => {
  it('asks for what is missing and offers the template names and defaults', async () => {
    const project = copyProject();
    made.push(project);
    const asked: string[] = [];
    const answers = ['xinxi-gongkai', '', '测试县司法局', ''];
    const result = await askForNew({ content: project }, async (question, options) => {
      asked.push(`${question}|${options?.default ?? ''}|${options?.choices?.map((c) => c.label).join('/') ?? ''}`);
      return answers.shift() || options?.default || '';
    });
    const lastYear = String(new Date().getFullYear() - 1);
    expect(result).toMatchObject({ type: 'xinxi-gongkai', year: lastYear, issuer: '测试县司法局', slug: `${lastYear}-xinxi-gongkai` });
    expect(asked[0]).toContain('政府信息公开工作年度报告（xinxi-gongkai）');
    expect(asked[2]).toContain('|ceshi-sifaju|'); // the default comes from issuers.yaml (no 本级政府 there: the first)
    expect(asked[2]).toContain('测试县司法局（ceshi-sifaju）/辰溪县司法局（sifaju）');
  });

  it('runs as a dialogue in a real terminal', () => {
    const project = copyProject();
    made.push(project);
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.CI;
    // `script` gives the command a pseudo-terminal; the answers are typed into it.
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" new --content "${project}"`, '/dev/null'], {
      input: '1\n2023\n1\nceshi-2023-fz\n',
      encoding: 'utf8',
      env,
      cwd: REPO,
      timeout: 300_000,
    });
    expect(r.stdout).toContain('报告类型（输入序号）');
    expect(r.stdout).toContain('已新建 法治政府建设年度报告');
    const meta = readFileSync(path.join(project, 'content/reports/ceshi-2023-fz/report.yaml'), 'utf8');
    expect(meta).toContain('year: 2023');
    expect(meta).toContain('issuer: ceshi-sifaju');
    expect(meta).toContain('signature: 测试县司法局');
  });

  it('never asks in scripts: missing arguments are an error', () => {
    const r = runCli(['new', '--content', REPO], { env: { CI: 'true' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('缺少参数');
  });
});
