/**
 * Peak memory of a process and everything it started (Chromium's renderers included), sampled
 * from /proc (see watchPeakMemory for how often): the sum of the proportional set sizes (PSS: shared pages divided among
 * the processes sharing them, so Chromium's shared libraries count once) of the tree at each
 * moment, the highest sum kept — overall and for each build stage (the stage the build said it
 * was in when the sample was taken), each with what each kind of process held at that moment.
 * Worker threads live inside their Node process and count in it. Linux only; elsewhere it
 * reports nothing rather than a wrong figure.
 */
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { TreeSampler } from '../../src/build/cpu-time.ts';

/** One moment's total and how it splits by kind of process (processKind). */
export interface MemorySample {
  bytes: number;
  byKind: Record<string, number>;
}

export interface PeakMemory extends MemorySample {
  /** The stage running at the highest sample. */
  stage: string;
  /** The highest sample taken while each stage ran. */
  byStage: Record<string, MemorySample>;
}

/**
 * What a process of the build's tree is: the build's own Node process (worker threads included),
 * Chromium's browser and its helpers by their `--type`, another Node process by its script (the
 * portal's Astro build runs in one: `node portal-child.ts`), or the program's name (pagefind,
 * esbuild, soffice). `program` is the executable's path (Chromium rewrites its command line,
 * its first word included, so the name comes from /proc/<pid>/exe); `commandLine` is the rest.
 */
export function processKind(program: string, commandLine: string, isRoot: boolean): string {
  if (isRoot) return 'node';
  const name = path.basename(program);
  const type = /(?:^|\s)--type=(\S+)/.exec(commandLine)?.[1];
  if (/chrom|chrome|msedge/i.test(name)) return type ? `chromium ${type}` : 'chromium browser';
  if (/pagefind/i.test(name)) return 'pagefind';
  const script = name === 'node' ? /\S+\.(?:ts|mjs|js)\b/.exec(commandLine)?.[0] : undefined;
  if (script) return `node ${path.basename(script)}`;
  return name || '?';
}

function pss(pid: number): number {
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0; // Gone already.
  }
}

function kindOf(pid: number, isRoot: boolean): string {
  try {
    return processKind(readlinkSync(`/proc/${pid}/exe`), readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '), isRoot);
  } catch {
    return '?'; // Gone already.
  }
}

function sampleTree(pids: readonly number[], root: number): MemorySample {
  const byKind: Record<string, number> = {};
  let bytes = 0;
  for (const pid of pids) {
    const b = pss(pid);
    if (!b) continue;
    const kind = kindOf(pid, pid === root);
    byKind[kind] = (byKind[kind] ?? 0) + b;
    bytes += b;
  }
  return { bytes, byKind };
}

/** The resident set size, which the kernel keeps counted (no page walk): 0 once the process is gone. */
function rss(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Starts sampling `pid`'s tree; `stage()` says which stage the build is in at each sample.
 * `samples()` counts the samples taken so far; `stop()` returns the peaks (undefined off Linux).
 */
export function watchPeakMemory(pid: number, stage: () => string = () => 'build'): { samples(): number; stop(): PeakMemory | undefined } {
  if (!existsSync('/proc/self/smaps_rollup')) return { samples: () => 0, stop: () => undefined };
  const byStage: Record<string, MemorySample> = {};
  const tree = new TreeSampler(pid);
  let peak: PeakMemory = { bytes: 0, byKind: {}, stage: '', byStage };
  let taken = 0;
  let last: LastSample | undefined;
  // The kernel walks a process's page tables to sum its PSS: 25 ms for a Node process of 500 MB, so
  // reading every PSS every 200 ms took a tenth of a core and more from the build it measured
  // (about 1 s of CPU over a 10 s edit at a thousand reports). Every 200 ms only the resident sizes
  // are read (kept counted by the kernel); the PSS is read when they rose, the stage changed, or a
  // sample's cost has passed twenty times over (sampleDue).
  const tick = () => {
    const now = stage();
    const pids = [...tree.sample().keys()];
    const resident = pids.reduce((sum, p) => sum + rss(p), 0);
    const at = performance.now();
    if (sampleDue(last, { at, stage: now, resident })) {
      const s = sampleTree(pids, pid);
      if (s.bytes > (byStage[now]?.bytes ?? 0)) byStage[now] = s;
      if (s.bytes > peak.bytes) peak = { ...s, stage: now, byStage };
      taken++;
      last = { at, stage: now, resident, cost: performance.now() - at };
    }
    timer = setTimeout(tick, TICK_MS);
  };
  let timer: NodeJS.Timeout | undefined = setTimeout(tick, TICK_MS);
  return {
    samples: () => taken,
    stop() {
      clearTimeout(timer);
      timer = undefined;
      return peak.bytes ? peak : undefined;
    },
  };
}

/** The resident sizes are read this often. */
const TICK_MS = 200;
/** A PSS sample waits at least this many times its own cost after the last (a twentieth of a core)… */
const COST_SHARE = 20;
/** …unless the tree's resident size rose by more than this share since: it may be a new peak. */
const RISE = 0.02;

export interface LastSample {
  /** When it was taken (ms), the stage then, the tree's resident size then, and what reading the PSS cost (ms). */
  at: number;
  stage: string;
  resident: number;
  cost: number;
}

/** Whether to read the tree's PSS now: the first time, in a new stage, after the resident size rose, or once the last sample's cost has passed twenty times. */
export function sampleDue(last: LastSample | undefined, now: { at: number; stage: string; resident: number }): boolean {
  if (!last || now.stage !== last.stage || now.resident > last.resident * (1 + RISE)) return true;
  return now.at - last.at >= Math.max(TICK_MS, COST_SHARE * last.cost);
}
