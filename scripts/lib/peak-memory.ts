/**
 * Peak memory of a process and everything it started (Chromium's renderers included), sampled
 * from /proc every 200 ms: the sum of the proportional set sizes (PSS: shared pages divided among
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

function sampleTree(tree: TreeSampler, root: number): MemorySample {
  const byKind: Record<string, number> = {};
  let bytes = 0;
  for (const pid of tree.sample().keys()) {
    const b = pss(pid);
    if (!b) continue;
    const kind = kindOf(pid, pid === root);
    byKind[kind] = (byKind[kind] ?? 0) + b;
    bytes += b;
  }
  return { bytes, byKind };
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
  const sample = () => {
    const now = stage();
    const s = sampleTree(tree, pid);
    if (s.bytes > (byStage[now]?.bytes ?? 0)) byStage[now] = s;
    if (s.bytes > peak.bytes) peak = { ...s, stage: now, byStage };
    taken++;
  };
  const timer = setInterval(sample, 200);
  return {
    samples: () => taken,
    stop() {
      clearInterval(timer);
      return peak.bytes ? peak : undefined;
    },
  };
}
