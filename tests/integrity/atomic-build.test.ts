/**
 * A build replaces dist/ only when every stage succeeded: a failing stage, a killed process or a
 * cut-off swap leaves the previous dist/ as it was, and the next build cleans up after the dead one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import { stages } from '../../src/build/stages.ts';
import { digestBytes, listFiles } from '../../src/store/files.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { REPO } from './sample-project.ts';

let project: string;
let dist: string;

/** Every file of dist/ with its hash: "unchanged" means this is equal before and after. */
const fingerprintOf = (dir: string) => listFiles(dir).map((f) => `${f} ${digestBytes(readFileSync(path.join(dir, f))).sha256}`);
const leftovers = () => readdirSync(project).filter((n) => n.startsWith('.nianbao-'));
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

/**
 * A build child that is certainly in the middle of its work when the test acts: its "Chromium" is a
 * script that says it started and then hangs, so the build sits in its PDF stage (after the web and
 * Word stages wrote into the staging folder) until it is killed. No guessing how long a build takes.
 */
async function buildStuckInPdfStage(): Promise<{ child: ReturnType<typeof spawn>; stopBrowser(): void }> {
  const marker = path.join(project, '..', `${path.basename(project)}-browser-started`);
  const browser = path.join(project, '..', `${path.basename(project)}-hanging-browser.sh`);
  rmSync(marker, { force: true });
  writeFileSync(browser, `#!/bin/sh\necho $$ > "${marker}.tmp" && mv "${marker}.tmp" "${marker}"\nexec sleep infinity\n`);
  chmodSync(browser, 0o755);
  // --no-cache: the content is unchanged since the last build, and a cached build would not print.
  const child = spawn(process.execPath, [path.join(REPO, 'bin/nianbao.mjs'), 'build', project, '--no-cache'], {
    stdio: 'ignore',
    env: { ...process.env, CHROME_PATH: browser },
  });
  const started = new Promise<void>((resolve, reject) => {
    const look = () => {
      if (existsSync(marker)) return resolve();
      if (child.exitCode !== null) return reject(new Error(`the build ended (${child.exitCode}) before it reached the PDF stage`));
      setTimeout(look, 20);
    };
    look();
  });
  await started;
  expect(leftovers().some((n) => n.startsWith('.nianbao-tmp-'))).toBe(true);
  return {
    child,
    stopBrowser() {
      try {
        process.kill(Number(readFileSync(marker, 'utf8')), 'SIGKILL');
      } catch {
        // gone with the build
      }
      rmSync(marker, { force: true });
      rmSync(browser, { force: true });
    },
  };
}

const failingPdf: BuildStage = {
  id: 'pdf',
  label: '生成 PDF',
  async run({ outDir }) {
    writeFileSync(path.join(outDir, 'half-written.pdf'), '%PDF-1.7\n');
    throw new Error('Chromium 意外退出');
  },
};

// A copy of the run's shared build of the samples, with its dist/ and build cache.
beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'nianbao-atomic-'));
  cpSync((await sharedBuild('ndbg')).project, project, { recursive: true });
  dist = path.join(project, 'dist');
}, 300_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

// The tests run in this order, on one copy: each before the SIGKILL test finds the whole dist/ of the copied build.
describe('atomic builds', () => {
  it('leaves dist/ unchanged when a stage fails half way (the PDF step)', async () => {
    const before = fingerprintOf(dist);
    // The real Word and web stages write into the staging folder; the PDF stage then fails.
    const failing = stages.filter((s) => s.id !== 'ofd').map((s) => (s.id === 'pdf' ? failingPdf : s));
    const result = await build({ target: project, stages: failing });
    expect(result).toMatchObject({ ok: false, error: { stage: '生成 PDF', message: 'Chromium 意外退出' } });
    expect(fingerprintOf(dist)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('cleans up and stops on SIGTERM, leaving dist/ as it was', async () => {
    const before = fingerprintOf(dist);
    const { child, stopBrowser } = await buildStuckInPdfStage();
    child.kill('SIGTERM');
    const signal = await new Promise<string | null>((r) => child.once('exit', (_, s) => r(s)));
    stopBrowser();
    expect(signal).toBe('SIGTERM');
    expect(leftovers()).toEqual([]);
    expect(fingerprintOf(dist)).toEqual(before);
  });

  it('puts the previous dist/ back when a build died between the two renames of the swap', async () => {
    const before = fingerprintOf(dist);
    renameSync(dist, path.join(project, `.nianbao-old-${deadPid()}-dist`));
    const result = await build({ target: project, stages: [failingPdf] });
    expect(result.ok).toBe(false);
    expect(existsSync(dist)).toBe(true);
    expect(fingerprintOf(dist)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('leaves dist/ unchanged when the build process is killed (SIGKILL), and the next build cleans up', async () => {
    const before = fingerprintOf(dist);
    // Kill it while it is writing into its staging folder.
    const { child, stopBrowser } = await buildStuckInPdfStage();
    child.kill('SIGKILL');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    stopBrowser();
    expect(leftovers().some((n) => n.startsWith('.nianbao-tmp-'))).toBe(true);
    expect(fingerprintOf(dist)).toEqual(before);

    const log: string[] = [];
    // The dist/ of the manifest alone from here on: the tests that compare a whole dist/ come before this one.
    const next = await build({ target: project, stages: [manifestStage], log: (m) => log.push(m) });
    expect(next.ok).toBe(true);
    expect(log.some((l) => l.includes('已清理上一次被中断的构建'))).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a second build into the same dist/ while one runs, and takes over a dead build’s lock', async () => {
    const lock = path.join(project, '.nianbao-lock-dist');
    const sleeper = spawn('sleep', ['infinity']);
    try {
      writeFileSync(lock, String(sleeper.pid));
      const refused = await build({ target: project, stages: [manifestStage] });
      expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining(`另一个构建（进程 ${sleeper.pid}）`) } });
    } finally {
      sleeper.kill();
    }
    writeFileSync(lock, String(deadPid()));
    expect((await build({ target: project, stages: [manifestStage] })).ok).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });
});
