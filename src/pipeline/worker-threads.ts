/**
 * Worker threads for a per-report stage (DOCX, OFD, page snapshots): how many, and how much heap
 * each may take. Each thread is a whole V8 heap of its own, and V8 grows an unbounded heap far
 * past what a job keeps alive (a DOCX thread reached some 300 MB for a report that needs tens), and
 * the pages a thread used stay with the process after it ends. So every stage states what one job
 * needs (`ThreadNeeds`), the threads run under that limit (`resourceLimits`), and there are no more
 * of them than the cores, nor than half the memory the system has free allows at that limit.
 */
import { availableParallelism, freemem } from 'node:os';
import { Piscina } from 'piscina';
import { compileCacheEnv } from './compile-cache.ts';

export interface ThreadNeeds {
  /** V8's old generation, in MB: what a job keeps alive, with a wide margin (a job above it fails with an out-of-memory error). */
  heapMb: number;
  /**
   * V8's young generation, in MB, as V8 sizes it (counted, not limited: at 8 MB the OFD threads
   * spent some 15% more CPU in collections, measured on a sample report's conversion).
   */
  youngMb: number;
  /** Memory outside the heap (buffers, fonts read, the thread's own start), in MB. */
  otherMb: number;
  /**
   * The limit V8 is given, in MB, when it must be above `heapMb` (which then only counts threads).
   * V8 grows a heap in smaller steps the lower its limit, so a thread that allocates much short-lived
   * data collects more often under a tight one: the OFD threads (about 20 MB live) made 166 full
   * collections for 200 reports under 384 MB and 26 under 2048 MB, and used a third less CPU.
   */
  limitMb?: number;
}

/** Share of the free memory the threads of one stage may take at their limits. */
const MEMORY_SHARE = 0.5;

/**
 * Threads for `jobs` jobs: none under `from` jobs (starting threads would cost more than they
 * save), else one per core, no more than jobs, and no more than MEMORY_SHARE of the free memory
 * holds at their limits (at least one: the work is done either way, a thread at a time).
 */
export function threadCount(jobs: number, needs: ThreadNeeds, from: number, cores = availableParallelism(), freeBytes = freemem()): number {
  if (jobs < from) return 0;
  const perThread = (needs.heapMb + needs.youngMb + needs.otherMb) * 1024 * 1024;
  const byMemory = Math.floor((freeBytes * MEMORY_SHARE) / perThread);
  return Math.max(1, Math.min(cores, jobs, byMemory));
}

/**
 * A pool of `threads` threads running `filename`'s default export, each under `needs`' heap limits
 * and holding up to `tasksPerThread` jobs at once (for jobs that wait on other threads meanwhile).
 */
export function threadPool<J, R>(filename: URL, threads: number, needs: ThreadNeeds, tasksPerThread = 1): Piscina<J, R> {
  return new Piscina<J, R>({
    filename: filename.href,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: tasksPerThread,
    resourceLimits: { maxOldGenerationSizeMb: needs.limitMb ?? needs.heapMb },
    env: compileCacheEnv(),
  });
}
