/**
 * Peak memory of a process and everything it started (Chromium's renderers included), sampled
 * from /proc every 200 ms: the sum of the proportional set sizes (PSS: shared pages divided among
 * the processes sharing them, so Chromium's shared libraries count once) of the tree at each
 * moment, the highest sum kept. Linux only; elsewhere it reports nothing rather than a wrong figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { processTree } from '../../src/build/cpu-time.ts';

function rssBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // Gone already.
    }
  }
  return total;
}

/** Starts sampling `pid`'s tree; `stop()` returns the peak in bytes (undefined off Linux). */
export function watchPeakMemory(pid: number): { stop(): number | undefined } {
  if (!existsSync('/proc/self/smaps_rollup')) return { stop: () => undefined };
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, rssBytes([...processTree(pid).keys()]));
  };
  const timer = setInterval(sample, 200);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
