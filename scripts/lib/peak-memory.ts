/**
 * Peak memory of a process and everything it started (Chromium's renderers included), sampled
 * from /proc every 200 ms: the sum of the proportional set sizes (PSS: shared pages divided among
 * the processes sharing them, so Chromium's shared libraries count once) of the tree at each
 * moment, the highest sum kept. Linux only; elsewhere it reports nothing rather than a wrong figure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

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
    peak = Math.max(peak, rssBytes(tree(pid)));
  };
  const timer = setInterval(sample, 200);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
