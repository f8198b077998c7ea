/**
 * Seconds spent in phases that run inside a stage (Pagefind runs inside Astro's build through an
 * integration), collected for the build result and the benchmark. Kept on a global symbol: the
 * integration runs in Astro's copy of the modules, not ours.
 */
const KEY = Symbol.for('nianbao.build.phases');
const WATCHER = Symbol.for('nianbao.build.phase-watcher');
type Holder = { [KEY]?: Record<string, number>; [WATCHER]?: (phase: string | undefined) => void };

/**
 * Says a phase has started (a name) or ended (undefined), to whoever watches (the benchmark, which
 * attributes its memory samples to the phase running). Nothing happens when no one watches.
 */
export function markPhase(phase: string | undefined): void {
  (globalThis as Holder)[WATCHER]?.(phase);
}

/** Watches phase starts and ends (markPhase); one watcher at a time. */
export function watchPhases(watcher: ((phase: string | undefined) => void) | undefined): void {
  (globalThis as Holder)[WATCHER] = watcher;
}

export function recordPhase(name: string, seconds: number): void {
  const holder = globalThis as Holder;
  const phases = (holder[KEY] ??= {});
  phases[name] = (phases[name] ?? 0) + seconds;
}

/** The phases recorded since the last call, and a fresh start. */
export function takePhaseTimes(): Record<string, number> {
  const holder = globalThis as Holder;
  const phases = holder[KEY] ?? {};
  holder[KEY] = {};
  return phases;
}
