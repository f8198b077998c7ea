/**
 * Many jobs (one per report) run a few at a time, their results taken in the reports' order.
 * Only a window of jobs is out at once — running, or done and waiting for an earlier one to be
 * taken — so a thousand reports' files are never all in memory together, as they were when every
 * job was queued at the start and each result kept until the last was written.
 */
export async function runInOrder<T, R>(
  items: readonly T[],
  /** Jobs out at once: enough to keep every worker busy while an earlier one finishes. */
  window: number,
  work: (item: T, index: number) => Promise<R>,
  take: (result: R, item: T, index: number) => void | Promise<void>,
): Promise<void> {
  type Settled = { value: R } | { error: unknown };
  const out: (Promise<Settled> | undefined)[] = new Array(items.length);
  let next = 0;
  const start = () => {
    if (next >= items.length) return;
    const i = next++;
    out[i] = work(items[i]!, i).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
  };
  for (let k = 0; k < Math.max(1, window); k++) start();
  for (let i = 0; i < items.length; i++) {
    const done = (await out[i])!;
    // Taken: this result is no longer held here, and the window moves on.
    out[i] = undefined;
    if ('error' in done) throw done.error;
    await take(done.value, items[i]!, i);
    start();
  }
}
