/**
 * Work a build does ahead of the stage that needs it, on its own thread, once that thread waits on
 * another process (the portal's, rendering the pages): loading pdf.js and reading the font files
 * for a handful of prints and conversions. Begun as soon as the content was read, the same work
 * made the Word stage before the portal 0.9 s longer after one edit at a thousand reports, and
 * everything after it waited. Work the build never gets to is dropped when the build ends: each
 * stage loads what it needs itself anyway.
 */
import { whenBuildEnds } from './build-end.ts';

interface Queued {
  work: () => Promise<void>;
  settle: () => void;
  forget: () => void;
}

const queue: Queued[] = [];

/** Queues `work` for when the build's thread waits; the promise settles once it has run, or when the build ends without running it. It never rejects. */
export function whileWaiting(work: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const item: Queued = { work, settle: () => resolve(), forget: () => {} };
    item.forget = whenBuildEnds(async () => {
      const at = queue.indexOf(item);
      if (at >= 0) queue.splice(at, 1);
      resolve();
    });
    queue.push(item);
  });
}

/** The build's thread now waits on another process: the queued work runs, one piece after another. */
export function nowWaiting(): void {
  const items = queue.splice(0);
  if (!items.length) return;
  void (async () => {
    for (const item of items) {
      item.forget();
      await item.work().catch(() => {});
      item.settle();
    }
  })();
}
