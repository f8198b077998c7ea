/**
 * The README's commands as a user types them: `npx nianbao …` through the system's own npm and Node
 * (Node 20 on these machines), with a fresh npm cache as on a new machine. npm prints no
 * "npm warn EBADENGINE" before nianbao speaks, and nianbao itself still refuses a Node that is too old.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO } from '../helpers/cli.ts';

// `npm test` and `npx vitest` put the project's node_modules/.bin (and its Node 24) first on PATH;
// a user's shell does not have it.
const systemPath = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((d) => d && !d.split(path.sep).includes('node_modules'))
  .join(path.delimiter);
const which = (name: string) => systemPath.split(path.delimiter).map((d) => path.join(d, name)).find((f) => existsSync(f));
const systemNode = which('node');
const systemNodeVersion = systemNode ? spawnSync(systemNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
const [major = 0, minor = 0] = systemNodeVersion.split('.').map(Number);
const tooOld = major < 22 || (major === 22 && minor < 12);

const caches: string[] = [];
afterAll(() => caches.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A user's environment: no variables of the npm run that started the tests, a fresh npm cache. */
function userEnv(): NodeJS.ProcessEnv {
  const cache = mkdtempSync(path.join(tmpdir(), 'nianbao-npm-cache-'));
  caches.push(cache);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|VITEST|NODE_OPTIONS$)/i.test(k)));
  // Offline: the project's own package needs nothing from the registry.
  return { ...env, PATH: systemPath, npm_config_cache: cache, npm_config_offline: 'true', NO_COLOR: '1' };
}

describe('npx nianbao with the system npm', () => {
  it('finds a system npm and Node to run', () => {
    expect(which('npx'), `no npx on ${systemPath}`).toBeTruthy();
    expect(systemNodeVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints the version and no engine warnings, on a fresh npm cache (first run) and again', () => {
    const env = userEnv();
    const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
    for (const run of ['first', 'second']) {
      const r = spawnSync(which('npx')!, ['nianbao', '--version'], { cwd: REPO, env, encoding: 'utf8', timeout: 300_000 });
      expect(r.status, `${run} run: ${r.stderr}`).toBe(0);
      expect(r.stdout.trim()).toBe(version);
      expect(r.stderr, `${run} run`).not.toContain('EBADENGINE');
      expect(r.stderr, `${run} run`).not.toMatch(/npm warn/i);
    }
  });

  it('runs nianbao check from a content subfolder without engine warnings', () => {
    const r = spawnSync(which('npx')!, ['nianbao', 'check'], { cwd: path.join(REPO, 'content'), env: userEnv(), encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).not.toContain('EBADENGINE');
    expect(r.stdout).toContain('没有发现问题');
  });

  it('installs with scripts/npm-ci.sh (setup.sh and the CI example) without engine warnings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-npm-ci-'));
    caches.push(dir);
    for (const f of ['package.json', 'package-lock.json', 'scripts/npm-ci.sh']) cpSync(path.join(REPO, f), path.join(dir, f));
    // The user's npm cache (setup.sh has filled it), no install: npm works out the whole tree and its checks.
    const env: NodeJS.ProcessEnv = { ...userEnv(), npm_config_cache: process.env.npm_config_cache ?? path.join(process.env.HOME ?? tmpdir(), '.npm') };
    delete env.npm_config_offline;
    const r = spawnSync('bash', ['scripts/npm-ci.sh', '--dry-run', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/added \d+ packages/);
    expect(r.stderr).not.toContain('EBADENGINE');
  });

  it.runIf(tooOld)('bin/nianbao.mjs run directly on the old system Node refuses with its Chinese message', () => {
    const r = spawnSync(systemNode!, [BIN, '--version'], { cwd: REPO, env: userEnv(), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`nianbao 需要 Node.js 22.12 或更新版本，当前是 ${systemNodeVersion}`);
  });
});
