/**
 * The README's CI examples (GitLab `parallel:` and a GitHub Actions matrix, N = 3) run as
 * written: their commands are read from the README, expanded as each CI system would for every
 * job, and run by bash in a copy of the project; the merged dist/ must carry the manifest of an
 * unsharded build, byte for byte, and the four builds run at once (the unsharded one from an
 * unrelated working folder) must make the same portal, file for file. The install step is the one
 * command not run (this machine is set up already); it is checked to be exactly the install-only setup.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeShards } from '../../src/build/merge.ts';
import { BIN, REPO } from '../helpers/cli.ts';
import { hashes, manifestOf, projectWithYears } from './projects.ts';

const INSTALL = 'bash scripts/setup.sh --no-build';

/** The ```yaml blocks of the README's CI section. */
function ciExamples(): { gitlab: Record<string, any>; github: Record<string, any> } {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('**CI 矩阵'), readme.indexOf('合并时缺少哪个分片'));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!));
  expect(blocks).toHaveLength(2);
  return { gitlab: blocks[0], github: blocks[1] };
}

/** GitLab: every job's script, once per `parallel:` index, with the variables GitLab sets. */
function gitlabCommands(config: Record<string, any>): string[][] {
  const jobs: string[][] = [];
  for (const job of Object.values(config)) {
    const total = job.parallel ?? 1;
    for (let index = 1; index <= total; index++) {
      const vars: Record<string, string> = job.parallel ? { CI_NODE_INDEX: String(index), CI_NODE_TOTAL: String(total) } : {};
      jobs.push((job.script as string[]).map((line) => line.replace(/\$(\w+)/g, (m, name: string) => vars[name] ?? m)));
    }
  }
  return jobs;
}

/** GitHub Actions: every job's `run:` steps, once per matrix value, with `${{ matrix.x }}` filled in. */
function githubCommands(config: Record<string, any>): string[][] {
  const jobs: string[][] = [];
  for (const job of Object.values(config.jobs as Record<string, any>)) {
    const matrix = (job.strategy?.matrix ?? {}) as Record<string, unknown[]>;
    const keys = Object.keys(matrix);
    expect(keys.length).toBeLessThanOrEqual(1);
    const values = keys.length ? matrix[keys[0]!]! : [undefined];
    for (const value of values) {
      const runs = (job.steps as { run?: string }[]).filter((s) => s.run).map((s) => s.run!);
      jobs.push(runs.map((line) => line.replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (m, key: string) => (key === keys[0] ? String(value) : m))));
    }
  }
  return jobs;
}

let project: string;
beforeAll(() => {
  project = projectWithYears('nianbao-ci-matrix-');
  // nianbao installed in the project, as `npm ci` leaves it: `npx nianbao` finds it without the network.
  mkdirSync(path.join(project, 'node_modules/.bin'), { recursive: true });
  symlinkSync(BIN, path.join(project, 'node_modules/.bin/nianbao'));
  writeFileSync(path.join(project, 'package.json'), '{ "private": true }\n');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the README’s CI examples', () => {
  it('give three shard jobs and one merge job, the same commands on both systems', () => {
    const { gitlab, github } = ciExamples();
    const lab = gitlabCommands(gitlab);
    const hub = githubCommands(github);
    expect(lab).toEqual(hub);
    expect(lab).toHaveLength(4);
    for (const job of lab) expect(job[0]).toBe(INSTALL);
    expect(lab.slice(0, 3).map((job) => job.slice(1))).toEqual([1, 2, 3].map((i) => [`npx nianbao build --shard ${i}/3 --out dist-${i}`]));
  });

  it('build, sharded and merged as listed, the manifest of an unsharded build', async () => {
    const jobs = gitlabCommands(ciExamples().gitlab);
    // The node the tests run on first in PATH, for the nianbao bin and npx alike.
    const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1', CI: 'true' };
    const run = (command: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn('bash', ['-euc', command], { cwd: project, env });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command}：退出码 ${code}\n${output}`))));
      });
    const job = (commands: string[]) => commands.slice(1).reduce((done, c) => done.then(() => run(c)), Promise.resolve());
    // As in CI: the shard jobs side by side (with the unsharded build for comparison), then the merge job.
    // The unsharded build is started from an unrelated working folder: nianbao builds from anywhere.
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'nianbao-cwd-'));
    const whole = new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'build', project, '--out', path.join(project, 'whole')], { cwd: elsewhere, env });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`unsharded build: ${code}\n${output}`))));
    });
    try {
      await Promise.all([...jobs.slice(0, -1).map(job), whole]);
      // Nothing of Astro's is left in the folder the build was started from.
      expect(readdirSync(elsewhere)).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    // Four builds at once made the whole portal each: byte for byte the same, but for the report
    // pages' download links (a shard links only the files it made; the merge links them all).
    const portal = (dir: string) =>
      Object.fromEntries(Object.entries(hashes(path.join(project, dir))).filter(([f]) => !f.startsWith('downloads/') && !/^reports\/[^/]+\/index\.html$/.test(f) && !f.startsWith('manifest')));
    const pages = portal('whole');
    expect(Object.keys(pages)).toEqual(expect.arrayContaining(['index.html', 'data/chenxi-2022-fazhi-zhengfu.csv', 'pagefind/shards.json', 'pagefind/2022/pagefind-entry.json']));
    for (const i of [1, 2, 3]) expect(portal(`dist-${i}`)).toEqual(pages);
    await job(jobs.at(-1)!);
    // Each shard printed its own third of the reports: 4 reports → 2, 1 and 1.
    const pdfs = (dir: string) => Object.keys(hashes(path.join(project, dir))).filter((f) => f.endsWith('.pdf'));
    expect([1, 2, 3].map((i) => pdfs(`dist-${i}`).length)).toEqual([2, 1, 1]);
    expect(manifestOf(path.join(project, 'dist'))).toBe(manifestOf(path.join(project, 'whole')));
    expect(pdfs('dist')).toHaveLength(4);
  });

  it('refuse to merge when a shard is missing or damaged, and leave the output as it was', async () => {
    const at = (dir: string) => path.join(project, dir);
    const before = manifestOf(at('dist'));
    const missing = await mergeShards({ target: project, from: [at('dist-1'), at('dist-2')], outDir: at('dist') });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error?.message).toMatch(/缺少 1 份报告的 (DOCX|PDF) 文件/);
    const docx = Object.keys(hashes(at('dist-2'))).find((f) => f.endsWith('.docx'))!;
    writeFileSync(path.join(at('dist-2'), docx), 'damaged');
    const damaged = await mergeShards({ target: project, from: [at('dist-1'), at('dist-2'), at('dist-3')], outDir: at('dist') });
    expect(!damaged.ok && damaged.error?.message).toContain('与该分片的清单不符');
    expect(manifestOf(at('dist'))).toBe(before);
  });
});
