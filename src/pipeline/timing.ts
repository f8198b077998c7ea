/**
 * Seconds spent in phases that run inside a stage (Pagefind runs inside Astro's build through an
 * integration), collected for the build result and the benchmark. Kept on a global symbol: the
 * integration runs in Astro's copy of the modules, not ours.
 */
const KEY = Symbol.for('nianbao.build.phases');
type Holder = { [KEY]?: Record<string, number> };

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
