/**
 * CPU seconds used by this process and everything it started (Chromium and its renderers, Astro's
 * workers, LibreOffice), from /proc: for each live process of the tree its own time plus that of
 * the children it has reaped, so a browser that already closed still counts. Compared with the
 * wall time and the number of cores it says whether a stage keeps the machine busy. Linux only;
 * elsewhere undefined rather than a wrong figure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Linux's USER_HZ, the unit of the times in /proc/<pid>/stat, on every architecture it runs. */
const TICKS = 100;

interface ProcStat {
  ppid: number;
  ticks: number;
}

/** Fields after the command name (which may hold spaces and parentheses): state, ppid, … utime(14) stime cutime cstime. */
export function parseProcStat(stat: string): ProcStat | undefined {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (rest.length < 15) return undefined;
  const n = (field: number) => Number(rest[field - 3]);
  return { ppid: n(4), ticks: n(14) + n(15) + n(16) + n(17) };
}

export function treeCpuSeconds(root: number = process.pid): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (stat) stats.set(Number(name), stat);
    } catch {
      // The process ended while we looked; its parent counts it once reaped.
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let ticks = 0;
  const walk = (pid: number) => {
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return ticks / TICKS;
}

/** CPU seconds over what the cores could have done in `wall` seconds, 0–1. */
export function utilisation(cpu: number, wall: number, cores = availableParallelism()): number {
  return wall > 0 ? Math.min(1, cpu / (wall * cores)) : 0;
}
