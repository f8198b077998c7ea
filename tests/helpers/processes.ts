/** The machine's processes, read from /proc, for tests that check what a stopped command left running. */
import { readdirSync, readFileSync } from 'node:fs';

export interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  args: string[];
}

/** Every process but zombies (they run nothing; init reaps them when it gets to it). */
export function processes(): Proc[] {
  const found: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // After the command name in parentheses: state, parent, process group.
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      found.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid), args: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0') });
    } catch {
      // Ended while being read.
    }
  }
  return found;
}

/** A Chromium's profile folder, from its command line. */
export const userDataDir = (p: Proc): string | undefined => p.args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);

/** Processes of a Chromium: its process group (it leads one), or any other process naming its profile. */
export const browserProcesses = (browser: Proc, profile: string): Proc[] => processes().filter((p) => p.pgid === browser.pid || p.args.some((a) => a.includes(profile)));
