/**
 * The machine's processes as Linux's /proc shows them, for what a build started and must account
 * for or stop (Chromium's helpers, Pagefind's service). Where there is no /proc, none.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcEntry {
  pid: number;
  /** The whole line of /proc/<pid>/stat. */
  stat: string;
}

/** Every process with its stat line; one that ends while being read is left out. */
export function procEntries(): ProcEntry[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: ProcEntry[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      found.push({ pid: Number(name), stat: readFileSync(`/proc/${name}/stat`, 'utf8') });
    } catch {
      // Ended while being read.
    }
  }
  return found;
}

/** The fields of a stat line after the command name (which may hold spaces and parentheses): state, ppid, pgrp, … */
export const statFields = (stat: string): string[] => stat.slice(stat.lastIndexOf(')') + 2).split(' ');
