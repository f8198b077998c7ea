/**
 * Snapshots of many pages at once. Parsing a report page takes some 15 ms, so a thousand-report
 * site is parsed in worker threads, one per CPU, in batches; a handful of pages on this thread.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { snapshotPage, type PageSnapshot } from './page-snapshot.ts';

const THREADS_FROM = 64;
const BATCH = 32;

export async function snapshotPages(htmls: readonly string[]): Promise<PageSnapshot[]> {
  const threads = Math.min(availableParallelism(), Math.ceil(htmls.length / BATCH));
  if (htmls.length < THREADS_FROM || threads < 2) return htmls.map(snapshotPage);
  const pool = new Piscina<string[], PageSnapshot[]>({ filename: new URL('./snapshot-worker.ts', import.meta.url).href, minThreads: threads, maxThreads: threads });
  try {
    const batches: Promise<PageSnapshot[]>[] = [];
    for (let i = 0; i < htmls.length; i += BATCH) batches.push(pool.run(htmls.slice(i, i + BATCH)));
    return (await Promise.all(batches)).flat();
  } finally {
    await pool.destroy();
  }
}
