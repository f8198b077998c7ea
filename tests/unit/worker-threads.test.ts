/** How many worker threads a per-report stage starts (src/pipeline/worker-threads.ts). */
import { describe, expect, it } from 'vitest';
import { threadCount, threadPool, type ThreadNeeds } from '../../src/pipeline/worker-threads.ts';

const GB = 1024 ** 3;
// 512 MB a thread at its limits.
const NEEDS: ThreadNeeds = { heapMb: 384, youngMb: 8, otherMb: 120 };

describe('threadCount', () => {
  it('starts none for a handful of jobs', () => {
    expect(threadCount(7, NEEDS, 8, 16, 64 * GB)).toBe(0);
  });

  it('starts one a core when memory is plenty, never more than the jobs', () => {
    expect(threadCount(1000, NEEDS, 8, 2, 20 * GB)).toBe(2);
    expect(threadCount(1000, NEEDS, 8, 64, 64 * GB)).toBe(64);
    expect(threadCount(10, NEEDS, 8, 64, 64 * GB)).toBe(10);
  });

  it('starts no more than half the free memory holds at their limits, and at least one', () => {
    // 4 GB free: 2 GB for threads of 512 MB.
    expect(threadCount(1000, NEEDS, 8, 16, 4 * GB)).toBe(4);
    expect(threadCount(1000, NEEDS, 8, 16, 1.5 * GB)).toBe(1);
    expect(threadCount(1000, NEEDS, 8, 16, 0.2 * GB)).toBe(1);
  });
});

describe('threadPool', () => {
  it('runs its threads under limitMb when given, else under heapMb', async () => {
    const limitOf = async (needs: ThreadNeeds) => {
      const pool = threadPool<void, number>(new URL('./fixtures/heap-limit-worker.ts', import.meta.url), 1, needs);
      try {
        return await pool.run();
      } finally {
        await pool.destroy();
      }
    };
    // V8's limit also holds the young generation: a little above the old generation's.
    const tight = await limitOf(NEEDS);
    const loose = await limitOf({ ...NEEDS, limitMb: 2048 });
    expect(tight).toBeGreaterThanOrEqual(384);
    expect(tight).toBeLessThan(600);
    expect(loose).toBeGreaterThanOrEqual(2048);
    expect(loose).toBeLessThan(2400);
  });

  it('counts threads by what a job needs, not by the limit', () => {
    expect(threadCount(1000, { ...NEEDS, limitMb: 4096 }, 8, 16, 4 * GB)).toBe(threadCount(1000, NEEDS, 8, 16, 4 * GB));
  });
});
