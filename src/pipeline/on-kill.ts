/**
 * What a build started outside its own process, undone when the build is stopped by a signal
 * (src/build/build.ts). Chromium runs in a process group of its own and outlives the build, and a
 * process that dies of a signal runs no 'exit' handlers: whoever starts such a process registers
 * how to stop it (and remove its scratch folder) here, and forgets it once it has stopped.
 * Cleanups run synchronously, in the signal handler, before the build dies.
 */
import { readFileSync } from 'node:fs';
import { procEntries, statFields } from './procs.ts';

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

/**
 * SIGKILLs this process's child processes whose program name (`/proc/<pid>/comm`) matches, and
 * waits until each has stopped (at most `waitMs`), so that none writes another file once this
 * returns. For helpers a library starts without giving out their process (Pagefind's service).
 * Linux only (/proc); elsewhere it does nothing.
 */
export function killChildProcesses(name: RegExp, waitMs = 2000): number[] {
  const killed: number[] = [];
  for (const { pid, stat } of procEntries()) {
    try {
      if (Number(statFields(stat)[1]) !== process.pid || !name.test(readFileSync(`/proc/${pid}/comm`, 'utf8').trim())) continue;
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // Ended meanwhile.
    }
  }
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + waitMs;
  while (killed.some(isRunning) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 5);
  return killed;
}

/** Whether a process runs: present in /proc and not a zombie (a zombie runs nothing more; its parent reaps it). */
export function isRunning(pid: number): boolean {
  try {
    return statFields(readFileSync(`/proc/${pid}/stat`, 'utf8'))[0] !== 'Z';
  } catch {
    return false;
  }
}
