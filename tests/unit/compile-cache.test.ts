/**
 * Node's compile cache in what a build starts (src/pipeline/compile-cache.ts): a stage's worker
 * threads have it on from their first module, in the folder the build's process uses, and nothing
 * sets it when it is turned off. (The portal's process: tests/build/portal-warm.test.ts.)
 */
import module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheEnv } from '../../src/pipeline/compile-cache.ts';
import { threadPool } from '../../src/pipeline/worker-threads.ts';

const WORKER = new URL('../fixtures/compile-cache-worker.ts', import.meta.url);
const NEEDS = { heapMb: 64, youngMb: 8, otherMb: 16 };

describe('the compile cache of what a build starts', () => {
  it('names the folder this process uses, Node’s default when it uses none, and nothing when turned off', () => {
    const own = module.getCompileCacheDir?.();
    expect(compileCacheEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', NODE_COMPILE_CACHE: own ?? path.join(tmpdir(), 'node-compile-cache') });
    expect(compileCacheEnv({ NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({ NODE_DISABLE_COMPILE_CACHE: '1' });
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
