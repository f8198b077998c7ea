/**
 * Node's compile cache (src/pipeline/compile-cache.ts): the command line keeps it in the user's own
 * cache folder, not in the shared temporary folder; a stage's worker threads have it on from their
 * first module, in the folder the build's process uses; nothing sets it when it is turned off.
 * (The portal's process: tests/build/portal-warm.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir, compileCacheEnv, MAX_COMPILE_CACHE_ENTRIES } from '../../src/pipeline/compile-cache.ts';
import { threadPool } from '../../src/pipeline/worker-threads.ts';
import { BIN } from '../helpers/cli.ts';

const WORKER = new URL('../fixtures/compile-cache-worker.ts', import.meta.url);
const NEEDS = { heapMb: 64, youngMb: 8, otherMb: 16 };

/** The environment of a user whose home is `home`, with no cache settings of its own. */
function userEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, ...extra };
  for (const name of ['NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE', 'NIANBAO_USER_CACHE', 'XDG_CACHE_HOME']) if (!(name in extra)) delete env[name];
  return env;
}

/** Whether Node wrote compiled code into `dir` (it keeps each Node version's in a folder of its own). */
const holdsCode = (dir: string) => existsSync(dir) && readdirSync(dir).some((version) => readdirSync(path.join(dir, version)).length > 0);

describe('the compile cache', () => {
  it('is where the command line keeps it: the user’s cache folder, as NIANBAO_USER_CACHE or XDG_CACHE_HOME move it, and not the temporary folder', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'nianbao-compile-cache-'));
    try {
      const cases: [Record<string, string>, string | undefined][] = [
        [{}, path.join(home, '.cache/nianbao/node-compile-cache')],
        [{ XDG_CACHE_HOME: path.join(home, 'xdg') }, path.join(home, 'xdg/nianbao/node-compile-cache')],
        [{ NIANBAO_USER_CACHE: path.join(home, 'own') }, path.join(home, 'own/node-compile-cache')],
        [{ NIANBAO_USER_CACHE: 'off' }, undefined],
      ];
      for (const [extra, expected] of cases) {
        const env = userEnv(home, { ...extra, TMPDIR: path.join(home, 'tmp') });
        expect(compileCacheDir(env, home)).toBe(expected);
        const run = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        if (expected) expect(holdsCode(expected), JSON.stringify(extra)).toBe(true);
        // Never Node's default in the temporary folder.
        expect(existsSync(path.join(home, 'tmp/node-compile-cache'))).toBe(false);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('does not grow without end: a folder of far more entries than nianbao loads is emptied, and another Node version’s left for a month is removed', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'nianbao-compile-cache-'));
    try {
      const env = userEnv(home);
      const dir = path.join(home, '.cache/nianbao/node-compile-cache');
      const run = () => {
        const r = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
      };
      run();
      // The folder of this Node version, as Node names it.
      const [current] = readdirSync(dir);
      const folder = path.join(dir, current!);
      const limit = MAX_COMPILE_CACHE_ENTRIES;
      const leftOver = (count: number) => {
        for (let i = 0; i < count; i++) writeFileSync(path.join(folder, `left-over-${i}`), '');
      };
      const leftOvers = () => readdirSync(folder).filter((f) => f.startsWith('left-over-')).length;
      // Another Node version's folders: one untouched for 40 days, one in use.
      const stale = path.join(dir, 'v20.0.0-x64-00000000-0');
      const recent = path.join(dir, 'v26.0.0-x64-00000000-0');
      for (const other of [stale, recent]) {
        mkdirSync(other);
        writeFileSync(path.join(other, 'entry'), '');
      }
      const monthAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
      utimesSync(stale, monthAgo, monthAgo);

      // At the limit, nothing is removed from this version's folder.
      const filled = limit - readdirSync(folder).length;
      leftOver(filled);
      run();
      expect(leftOvers()).toBe(filled);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(recent)).toBe(true);

      // Over it, the folder is emptied and filled again with what the command loaded.
      leftOver(limit + 1);
      run();
      expect(leftOvers()).toBe(0);
      expect(holdsCode(dir)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual([current, path.basename(recent)].sort());
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('is handed on as this process’s folder, else the user’s; nothing is set when it is turned off', () => {
    const own = module.getCompileCacheDir?.();
    expect(compileCacheEnv({ PATH: '/bin', NIANBAO_USER_CACHE: '/srv/cache' })).toEqual({ PATH: '/bin', NIANBAO_USER_CACHE: '/srv/cache', NODE_COMPILE_CACHE: own ?? '/srv/cache/node-compile-cache' });
    expect(compileCacheEnv({ NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({ NODE_DISABLE_COMPILE_CACHE: '1' });
    if (!own) expect(compileCacheEnv({ NIANBAO_USER_CACHE: 'off' })).toEqual({ NIANBAO_USER_CACHE: 'off' });
  });

  it('is on in a stage’s worker threads from their first module', async () => {
    const pool = threadPool<void, string | undefined>(WORKER, 1, NEEDS);
    try {
      const dir = await pool.run();
      expect(dir).toBeTruthy();
      // Node keeps each version's entries in a folder of its own inside the one named.
      expect(path.dirname(dir!)).toBe(compileCacheEnv().NODE_COMPILE_CACHE);
    } finally {
      await pool.destroy();
    }
  });
});
