/**
 * The Word stage's worker threads. Loading the renderer's code takes a worker some 0.6 s of CPU
 * (more on a busy machine), so a build starts them before it reads the content, which keeps one
 * core busy: they are ready when the stage begins. Idle workers do not keep the process alive.
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { threadPool, type ThreadNeeds } from '../pipeline/worker-threads.ts';
import type { DocxJob } from './worker.ts';

/**
 * Reports a worker holds at once: while one waits for its charts' PNGs (rasterised on libuv's
 * threads), the worker builds the next, and it has work queued while the main thread, rendering
 * too, cannot hand it any.
 */
export const TASKS_PER_WORKER = 2;

/** Below this many reports, starting worker threads costs more than it saves: the main thread renders alone. */
export const WORKERS_FROM = 8;

/** A report's Word file keeps tens of MB alive (its model, the document tree, the zip); the charts' PNGs are made outside the heap. */
export const DOCX_THREAD: ThreadNeeds = { heapMb: 256, youngMb: 32, otherMb: 64 };

export type DocxWorkers = Piscina<DocxJob, Uint8Array>;

/** Workers started ahead of the stage, and how many. */
let ready: { pool: DocxWorkers; count: number } | undefined;

const startPool = (count: number): DocxWorkers => threadPool<DocxJob, Uint8Array>(new URL('./worker.ts', import.meta.url), count, DOCX_THREAD, TASKS_PER_WORKER);

/** Workers the stage renders with beside the main thread: one fewer than the cores. */
export const defaultWorkerCount = (): number => availableParallelism() - 1;

/**
 * Starts the stage's workers ahead of it, unless some are waiting already, the machine has one core
 * or the content has too few reports for the stage to use them (each would load the renderer for nothing).
 */
export function startDocxWorkers(reports: number): void {
  const count = defaultWorkerCount();
  if (!ready && count > 0 && reports >= WORKERS_FROM) ready = { pool: startPool(count), count };
}

/** `count` workers for a stage, which destroys them when it is done: those started ahead when they are as many. */
export function takeDocxWorkers(count: number): DocxWorkers {
  if (ready?.count === count) {
    const { pool } = ready;
    ready = undefined;
    return pool;
  }
  return startPool(count);
}
