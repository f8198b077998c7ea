/**
 * Snapshots of many pages at once. Parsing a report page takes some 15 ms, so a thousand-report
 * site is parsed in worker threads, one per core as memory allows, in batches; a handful of pages on this thread.
 * The workers read the pages themselves and only a few batches are out at a time: a thousand
 * pages' HTML (hundreds of MB as strings) is never held in memory at once.
 */
import { readFileSync } from 'node:fs';
import { snapshotPage, type PageSnapshot } from './page-snapshot.ts';
import { mapLimited } from '../store/files.ts';
import { threadCount, threadPool, type ThreadNeeds } from '../pipeline/worker-threads.ts';

const THREADS_FROM = 64;
const BATCH = 32;
/** A batch of pages parsed (the metrics pages run to tens of MB of HTML). */
const SNAPSHOT_THREAD: ThreadNeeds = { heapMb: 384, youngMb: 32, otherMb: 64 };

/** Snapshots of the pages in `files` (absolute paths), in their order. */
export async function snapshotPages(files: readonly string[]): Promise<PageSnapshot[]> {
  const threads = Math.min(threadCount(files.length, SNAPSHOT_THREAD, THREADS_FROM), Math.ceil(files.length / BATCH));
  if (threads < 2) return files.map((f) => snapshotPage(readFileSync(f, 'utf8')));
  const pool = threadPool<string[], PageSnapshot[]>(new URL('./snapshot-worker.ts', import.meta.url), threads, SNAPSHOT_THREAD);
  try {
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
    // One batch waiting for each busy thread keeps them all fed.
    return (await mapLimited(batches, threads * 2, (batch) => pool.run(batch))).flat();
  } finally {
    await pool.destroy();
  }
}
