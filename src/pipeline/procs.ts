/**
 * The machine's processes as Linux's /proc shows them, for what a build started and must account
 * for or stop (Chromium's helpers, Pagefind's service). Where there is no /proc, none.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ, the unit of the times in /proc, on every architecture it runs. */
export const CLOCK_TICKS = 100;

export interface ProcEntry {
  pid: number;
  /** The whole line of /proc/<pid>/stat. */
  stat: string;
}

/** The numbers of the processes running now; none where there is no /proc. */
export function procPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** The process's whole stat line; undefined once it has ended. */
export function procStat(pid: number | 'self'): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // Ended while being read.
  }
}

/** Every process with its stat line; one that ends while being read is left out. */
export function procEntries(): ProcEntry[] {
  const found: ProcEntry[] = [];
  for (const pid of procPids()) {
    const stat = procStat(pid);
    if (stat !== undefined) found.push({ pid, stat });
  }
  return found;
}

/** The fields of a stat line after the command name (which may hold spaces and parentheses): state, ppid, pgrp, … */
export const statFields = (stat: string): string[] => stat.slice(stat.lastIndexOf(')') + 2).split(' ');

/**
 * A stat line's numeric fields by the numbers proc(5) gives them (4: ppid, 14: utime, …), or
 * undefined when the line stops before field `last`.
 */
export function statNumbers(stat: string, last: number): ((field: number) => number) | undefined {
  const rest = statFields(stat);
  if (rest.length < last - 2) return undefined;
  return (field) => Number(rest[field - 3]);
}
