/**
 * What new memory costs on this machine, for reading the benchmark's ratios to pandoc and Hugo.
 * Both start a fresh process for their work (pandoc one per report), and a fresh process pays the
 * kernel for every page of memory it first writes; nianbao's build is one long-lived process. On
 * one virtual machine a first write cost about 11 µs a page, on another 1.4 µs, and pandoc took
 * 159–234 ms a report on the first and 42–46 ms on the second: the ratio moves with the machine
 * more than with either program. The benchmark prints both figures beside the ratio.
 */
import { CLOCK_TICKS, procStat, statNumbers } from '../../src/pipeline/procs.ts';

/** What the children this process has waited for used, all together. */
export interface ChildrenUsage {
  /** Minor page faults: pages first touched (cminflt). */
  faults: number;
  /** CPU seconds, user and system (cutime + cstime). */
  cpu: number;
}

/** cminflt (field 11), cutime (16) and cstime (17) of a /proc/<pid>/stat line; fields after the command name, which may hold spaces and parentheses. */
export function parseChildrenUsage(stat: string): ChildrenUsage | undefined {
  const n = statNumbers(stat, 17);
  if (!n) return undefined;
  const usage = { faults: n(11), cpu: (n(16) + n(17)) / CLOCK_TICKS };
  return Number.isFinite(usage.faults) && Number.isFinite(usage.cpu) ? usage : undefined;
}

/** This process's waited-for children so far; undefined where there is no /proc. */
export function childrenUsage(): ChildrenUsage | undefined {
  const stat = procStat('self');
  return stat === undefined ? undefined : parseChildrenUsage(stat);
}

/** What `work` costs in the children it starts and waits for (spawnSync), with what it returns. */
export function inChildren<T>(work: () => T): { value: T; usage?: ChildrenUsage } {
  const before = childrenUsage();
  const value = work();
  const after = childrenUsage();
  return { value, usage: before && after ? { faults: after.faults - before.faults, cpu: after.cpu - before.cpu } : undefined };
}

const PAGE = 4096;

/**
 * Microseconds a first write to a page of new memory takes here: `megabytes` allocated outside the
 * heap and written one byte a page, the faults counted by the kernel. Undefined when the kernel
 * counted none (the pages came already mapped, or huge pages served them).
 */
export function firstWriteMicros(megabytes = 256): { micros: number; faults: number } | undefined {
  const bytes = megabytes * 1024 * 1024;
  const faults0 = process.resourceUsage().minorPageFault;
  const started = performance.now();
  // Large enough for the allocator to map fresh pages for it, which nothing has touched yet.
  const block = Buffer.allocUnsafeSlow(bytes);
  for (let i = 0; i < bytes; i += PAGE) block[i] = 1;
  const elapsed = performance.now() - started;
  const faults = process.resourceUsage().minorPageFault - faults0;
  return faults > 0 ? { micros: (elapsed * 1000) / faults, faults } : undefined;
}
