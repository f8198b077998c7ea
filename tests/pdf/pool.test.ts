/** The print pool's scheduling, with a pretend browser: tabs, parallelism, crash, restart, retry. */
import { describe, expect, it } from 'vitest';
import { PrintJobError, runPrintJobs, type PoolBrowser } from '../../src/pdf/pool.ts';

interface FakePage {
  id: number;
  browser: FakeBrowser;
  closed: boolean;
}

class FakeBrowser implements PoolBrowser<FakePage> {
  connected = true;
  closed = false;
  pages: FakePage[] = [];
  static count = 0;
  readonly id = ++FakeBrowser.count;
  async newPage(): Promise<FakePage> {
    if (!this.connected) throw new Error('Target closed');
    const page = { id: this.pages.length + 1, browser: this, closed: false };
    this.pages.push(page);
    return page;
  }
  async close() {
    this.closed = true;
    this.connected = false;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 2));

function harness() {
  const browsers: FakeBrowser[] = [];
  let running = 0;
  let peak = 0;
  const done: string[] = [];
  const log: string[] = [];
  return {
    browsers,
    done,
    log,
    get peak() {
      return peak;
    },
    launch: async () => {
      const b = new FakeBrowser();
      browsers.push(b);
      return b;
    },
    work: (fail?: (job: string, page: FakePage) => void) => async (job: string, page: FakePage) => {
      running += 1;
      peak = Math.max(peak, running);
      try {
        await tick();
        if (!page.browser.connected) throw new Error('Protocol error: Target closed');
        fail?.(job, page);
        done.push(job);
      } finally {
        running -= 1;
      }
    },
  };
}

const jobs = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('print pool', () => {
  it('prints up to `concurrency` reports at once with one browser, reusing each tab', async () => {
    const h = harness();
    const stats = await runPrintJobs(jobs, { launch: h.launch, concurrency: 2, run: h.work(), describe: (j) => j, closePage: async (p) => void (p.closed = true) });
    expect(h.done.sort()).toEqual(jobs);
    expect(h.peak).toBe(2);
    expect(h.browsers).toHaveLength(1);
    expect(h.browsers[0]!.pages).toHaveLength(2);
    expect(stats).toEqual({ launches: 1, retries: 0 });
    expect(h.browsers[0]!.closed).toBe(true);
  });

  it('opens no more tabs than there are reports', async () => {
    const h = harness();
    await runPrintJobs(['only'], { launch: h.launch, concurrency: 8, run: h.work(), describe: (j) => j });
    expect(h.browsers[0]!.pages).toHaveLength(1);
  });

  it('restarts a crashed browser once and prints the interrupted reports again', async () => {
    const h = harness();
    let crashed = false;
    const retried: string[] = [];
    const stats = await runPrintJobs(jobs, {
      launch: h.launch,
      concurrency: 2,
      describe: (j) => j,
      onRetry: (job, _e, died) => retried.push(`${job}:${died}`),
      run: h.work((job, page) => {
        if (job === 'c' && !crashed) {
          crashed = true;
          page.browser.connected = false; // the whole browser goes down, tabs and all
          throw new Error('Protocol error: Target closed');
        }
      }),
    });
    expect(h.done.sort()).toEqual(jobs);
    expect(stats.launches).toBe(2);
    expect(h.browsers).toHaveLength(2);
    expect(retried).toContain('c:true');
    expect(h.browsers.every((b) => b.closed)).toBe(true);
  });

  it('tries a failed report once more in a new tab, then gives up naming the report', async () => {
    const h = harness();
    const pagesTried: number[] = [];
    const failing = runPrintJobs(jobs, {
      launch: h.launch,
      concurrency: 1,
      describe: (j) => `报告 ${j}`,
      run: h.work((job, page) => {
        if (job === 'b') {
          pagesTried.push(page.id);
          throw new Error('打印超时');
        }
      }),
    });
    await expect(failing).rejects.toBeInstanceOf(PrintJobError);
    await expect(failing).rejects.toThrow('报告 b：打印超时');
    // The tab that printed `a` is reused for `b`; the retry gets a new one.
    expect(pagesTried).toEqual([1, 2]);
    expect(h.done).toEqual(['a']);
    expect(h.browsers[0]!.closed).toBe(true);
  });

  it('recovers when one retry succeeds after a failure that was not a crash', async () => {
    const h = harness();
    let first = true;
    const stats = await runPrintJobs(jobs, {
      launch: h.launch,
      concurrency: 3,
      describe: (j) => j,
      run: h.work((job) => {
        if (job === 'e' && first) {
          first = false;
          throw new Error('页面加载超时');
        }
      }),
    });
    expect(h.done.sort()).toEqual(jobs);
    expect(stats).toEqual({ launches: 1, retries: 1 });
  });

  it('fails with the launch error when the browser cannot start', async () => {
    await expect(
      runPrintJobs(['a'], {
        launch: async () => {
          throw new Error('浏览器无法启动');
        },
        concurrency: 1,
        describe: (j) => `报告 ${j}`,
        run: async () => {},
      }),
    ).rejects.toThrow('报告 a：浏览器无法启动');
  });
});
