/** Jobs run a window at a time, results taken in order (src/pipeline/in-order.ts). */
import { describe, expect, it } from 'vitest';
import { runInOrder } from '../../src/pipeline/in-order.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runInOrder', () => {
  it('takes every result in the items’ order, however the jobs finish', async () => {
    const taken: number[] = [];
    await runInOrder([30, 5, 20, 1, 10, 2], 3, async (ms) => (await sleep(ms), ms), (ms) => void taken.push(ms));
    expect(taken).toEqual([30, 5, 20, 1, 10, 2]);
  });

  it('never has more than the window out, counting results not yet taken', async () => {
    let out = 0;
    let most = 0;
    // The first job is the slowest: the ones after it finish and must wait, still counted.
    await runInOrder(
      Array.from({ length: 40 }, (_, i) => (i === 0 ? 40 : 1)),
      4,
      async (ms) => {
        most = Math.max(most, ++out);
        await sleep(ms);
      },
      () => void out--,
    );
    expect(most).toBe(4);
    expect(out).toBe(0);
  });

  it('stops at the first failure in order, starting nothing more', async () => {
    const started: number[] = [];
    const taken: number[] = [];
    const run = runInOrder(
      [0, 1, 2, 3, 4, 5, 6, 7],
      2,
      async (i) => {
        started.push(i);
        if (i === 2) throw new Error('第 3 份失败');
        return i;
      },
      (i) => void taken.push(i),
    );
    await expect(run).rejects.toThrow('第 3 份失败');
    expect(taken).toEqual([0, 1]);
    expect(Math.max(...started)).toBeLessThanOrEqual(3);
  });
});
