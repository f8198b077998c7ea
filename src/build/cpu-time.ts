/**
 * How busy a stage keeps the machine. Two figures:
 * - the CPU seconds of this process and everything it started (Chromium's browser, renderers and
 *   print compositors, Astro's workers, LibreOffice), sampled from /proc while the stage runs:
 *   Chromium's helpers may outlive their parents at shutdown and are then reaped by no one of
 *   ours, so totals read at the end alone would miss them. A process that starts and ends between
 *   two samples (100 ms) is missed; the build's own are far longer-lived.
 * - the whole machine's busy share over the same time (/proc/stat), the figure that says whether
 *   the cores idle on a machine that runs nothing else.
 * Linux only; elsewhere undefined rather than a wrong figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { CLOCK_TICKS, procPids, procStat, statNumbers } from '../pipeline/procs.ts';


export interface ProcStat {
  ppid: number;
  /** utime + stime: the process's own CPU, without its children's. */
  own: number;
  /** When it started (ticks since boot): tells it from a later process given the same number. */
  start: number;
}

/** Fields after the command name (which may hold spaces and parentheses): state, ppid, … utime(14) stime(15), … starttime(22). */
export function parseProcStat(stat: string): ProcStat | undefined {
  const n = statNumbers(stat, 22);
  if (!n) return undefined;
  return { ppid: n(4), own: n(14) + n(15), start: n(22) };
}

/** Busy and total CPU seconds of the whole machine since boot, from the first line of /proc/stat. */
export function parseMachineStat(stat: string): { busy: number; total: number } {
  const f = stat.split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are the idle ones.
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: (total - f[3]! - f[4]!) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/**
 * The machine's busy share between two readings of /proc/stat, 0–1: in whole ticks (the seconds
 * are hundredths, and their differences, divided, came out a hair over 1 on a fully busy machine).
 */
export function machineShare(before: { busy: number; total: number }, after: { busy: number; total: number }): number {
  const ticks = (seconds: number) => Math.round(seconds * CLOCK_TICKS);
  const total = ticks(after.total) - ticks(before.total);
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, (ticks(after.busy) - ticks(before.busy)) / total));
}

/** The trees under `roots` (themselves included) among `stats`, by parent links. */
function treeOf(roots: readonly number[], stats: ReadonlyMap<number, ProcStat>): Map<number, ProcStat> {
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const out = new Map<number, ProcStat>();
  const walk = (pid: number) => {
    const s = stats.get(pid);
    if (s) out.set(pid, s);
    for (const c of children.get(pid) ?? []) if (!out.has(c)) walk(c);
  };
  for (const root of roots) if (!out.has(root)) walk(root);
  return out;
}

/** Where the processes are read from: Linux's /proc, or a test's own. */
export interface ProcReader {
  pids(): number[];
  /** The process's stat line; undefined once it has ended. */
  stat(pid: number): string | undefined;
}

const linuxProc: ProcReader = { pids: procPids, stat: procStat };

/**
 * The tree under `root`, sampled again and again at little cost: after the first sample, only the
 * tree's processes and processes not seen before are read. A process joins a tree only when it is
 * started (its parent is set then, and changes only to a reaper outside the tree), so one found
 * outside stays outside; it is forgotten once it has ended, in case its number is given again.
 * One found in the tree stays in it while it runs, even once its parent has ended and it has been
 * handed to that reaper (Chromium's helpers outlive the browser at shutdown); a process given its
 * number later (another start time) is not taken for it.
 * Reading every process's stat line ten times a second took 3–6% of a core (measured: 0.5–1
 * s of the build's own thread in a rebuild of 18 s), and more on a machine running more processes.
 */
export class TreeSampler {
  private readonly outside = new Set<number>();
  /** The tree's processes at the last sample, with their start times. */
  private members = new Map<number, number>();
  private readonly root: number;
  private readonly proc: ProcReader;
  constructor(root: number, proc: ProcReader = linuxProc) {
    this.root = root;
    this.proc = proc;
  }

  /** The tree's processes now, with their parents and own CPU ticks. */
  sample(): Map<number, ProcStat> {
    const present = new Set<number>();
    const stats = new Map<number, ProcStat>();
    for (const pid of this.proc.pids()) {
      present.add(pid);
      if (this.outside.has(pid)) continue;
      const line = this.proc.stat(pid);
      const stat = line === undefined ? undefined : parseProcStat(line);
      if (stat) stats.set(pid, stat);
    }
    for (const pid of this.outside) if (!present.has(pid)) this.outside.delete(pid);
    const stillRunning = [...this.members].filter(([pid, start]) => stats.get(pid)?.start === start).map(([pid]) => pid);
    const tree = treeOf([this.root, ...stillRunning], stats);
    this.members = new Map([...tree].map(([pid, s]) => [pid, s.start]));
    for (const pid of stats.keys()) if (!tree.has(pid)) this.outside.add(pid);
    return tree;
  }
}

/** Own CPU ticks of every process in the tree. */
function treeTicks(sampler: TreeSampler): Map<number, number> {
  return new Map([...sampler.sample()].map(([pid, s]) => [pid, s.own]));
}

export interface CpuUse {
  /** CPU seconds of the build's process tree. */
  tree: number;
  /** The whole machine's busy share, 0–1. */
  machine: number;
}

/** Starts measuring; `samples()` counts the samples taken so far; `stop()` gives the figures since the start (undefined off Linux). */
export function measureCpu(root: number = process.pid, every = 100): { samples(): number; stop(): CpuUse | undefined } {
  if (!existsSync('/proc/self/stat') || !existsSync('/proc/stat')) return { samples: () => 0, stop: () => undefined };
  const sampler = new TreeSampler(root);
  const first = treeTicks(sampler);
  const last = new Map(first);
  const machine0 = parseMachineStat(readFileSync('/proc/stat', 'utf8'));
  let taken = 0;
  const sample = () => {
    for (const [pid, ticks] of treeTicks(sampler)) last.set(pid, Math.max(ticks, last.get(pid) ?? 0));
    taken++;
  };
  const timer = setInterval(sample, every);
  timer.unref();
  return {
    samples: () => taken,
    stop() {
      clearInterval(timer);
      sample();
      const machine1 = parseMachineStat(readFileSync('/proc/stat', 'utf8'));
      let ticks = 0;
      for (const [pid, t] of last) ticks += t - (first.get(pid) ?? 0);
      return { tree: ticks / CLOCK_TICKS, machine: machineShare(machine0, machine1) };
    },
  };
}

/** CPU seconds over what the cores could have done in `wall` seconds, 0–1. */
export function utilisation(cpu: number, wall: number, cores = availableParallelism()): number {
  return wall > 0 ? Math.min(1, cpu / (wall * cores)) : 0;
}
