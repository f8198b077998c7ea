/**
 * What a build started outside its own process, undone when the build is stopped by a signal
 * (src/build/build.ts). Chromium runs in a process group of its own and outlives the build, and a
 * process that dies of a signal runs no 'exit' handlers: whoever starts such a process registers
 * how to stop it (and remove its scratch folder) here, and forgets it once it has stopped.
 * Cleanups run synchronously, in the signal handler, before the build dies.
 */
const cleanups = new Set<() => void>();

/** Registers `cleanup` for a kill; the function returned unregisters it. */
export function whenKilled(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

/** Runs every registered cleanup, newest first; one that fails does not keep the others from running. */
export function runKillCleanups(): void {
  const all = [...cleanups].reverse();
  cleanups.clear();
  for (const cleanup of all) {
    try {
      cleanup();
    } catch {
      // The build is dying anyway: the next cleanup matters more than this one's error.
    }
  }
}

/** SIGKILLs a process and its process group (a child started `detached` leads one), at once. */
export function killProcessGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Not a group leader, or no groups (Windows): the process alone.
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
