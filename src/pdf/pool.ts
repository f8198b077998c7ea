/**
 * Printing several reports with one browser: a few tabs at once (up to the CPU count), each tab
 * reused for the next report. When the browser dies mid-way (out of memory, killed), the next
 * attempt starts a new one, and a report that failed is printed once more before the build gives
 * up. Generic over the browser and the tab, so the scheduling is tested without Chromium.
 */

export interface PoolBrowser<P> {
  newPage(): Promise<P>;
  readonly connected: boolean;
  close(): Promise<void>;
}

export interface PrintPoolOptions<J, P> {
  launch(): Promise<PoolBrowser<P>>;
  /** Jobs running at the same time (tabs). */
  concurrency: number;
  run(job: J, page: P): Promise<void>;
  /** Set up a new tab once (request filters and the like). */
  preparePage?(page: P): Promise<void>;
  closePage?(page: P): Promise<void>;
  /** A job failed and is tried once more; `restarted` tells whether the browser had died. */
  onRetry?(job: J, error: Error, browserDied: boolean): void;
  describe(job: J): string;
}

export interface PoolStats {
  launches: number;
  retries: number;
}

export class PrintJobError extends Error {
  readonly job: string;
  constructor(job: string, cause: Error) {
    super(`${job}：${cause.message}`);
    this.job = job;
  }
}

export async function runPrintJobs<J, P>(jobs: readonly J[], options: PrintPoolOptions<J, P>): Promise<PoolStats> {
  const stats: PoolStats = { launches: 0, retries: 0 };
  let browser: PoolBrowser<P> | undefined;
  let launching: Promise<PoolBrowser<P>> | undefined;
  const retired: PoolBrowser<P>[] = [];

  // One browser for all tabs; whoever first sees it dead starts the next one, the others wait for it.
  const currentBrowser = async (): Promise<PoolBrowser<P>> => {
    if (browser?.connected) return browser;
    if (!launching) {
      if (browser) retired.push(browser);
      launching = options.launch().then(
        (b) => {
          stats.launches += 1;
          browser = b;
          launching = undefined;
          return b;
        },
        (e: unknown) => {
          launching = undefined;
          throw e;
        },
      );
    }
    return launching;
  };

  let next = 0;
  let failed = false;
  const worker = async () => {
    let tab: { page: P; browser: PoolBrowser<P> } | undefined;
    const freshTab = async () => {
      const b = await currentBrowser();
      if (tab && tab.browser === b && b.connected) return tab.page;
      const page = await b.newPage();
      await options.preparePage?.(page);
      tab = { page, browser: b };
      return page;
    };
    const dropTab = async () => {
      if (tab && tab.browser.connected) await options.closePage?.(tab.page).catch(() => {});
      tab = undefined;
    };
    try {
      while (!failed && next < jobs.length) {
        const job = jobs[next++]!;
        try {
          await options.run(job, await freshTab());
        } catch (first) {
          if (failed) return;
          const died = !tab?.browser.connected;
          stats.retries += 1;
          options.onRetry?.(job, first as Error, died);
          // A tab that failed may be in any state: print the retry in a new one.
          await dropTab();
          try {
            await options.run(job, await freshTab());
          } catch (second) {
            failed = true;
            throw new PrintJobError(options.describe(job), second as Error);
          }
        }
      }
    } finally {
      await dropTab();
    }
  };

  try {
    const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, () => worker());
    const results = await Promise.allSettled(workers);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    return stats;
  } finally {
    const open = [...retired, ...(browser ? [browser] : [])];
    await Promise.all(open.map((b) => b.close().catch(() => {})));
  }
}
