/**
 * Removing what the cache no longer serves. Every change of nianbao's code gives every entry a new
 * key, and every edit leaves its report's old files behind: a thousand reports' cache grows by some
 * 600 MB at each upgrade and never shrinks by itself. An entry nobody used since `cutoff` (by the
 * kind's `used.json`, or its file's modification time when the ledger does not name it) is removed
 * with its sidecar; so are a crashed writer's temporary files after a day.
 *
 * Only the output store's kinds are walked (folders of `<ab>/<key>` entries); the other files of
 * the cache folder (output records, search texts, the content files' digests) keep themselves.
 */
import { readdirSync, rmSync, statSync, writeFileSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { readUse, USED_FILE, writeUse } from './cache-store.ts';

export const DAY_MS = 86_400_000;
const ENTRY = /^[0-9a-f]{64}$/;
const SIDECAR = /^([0-9a-f]{64})\.json$/;
const SHARD = /^[0-9a-f]{2}$/;
const PRUNED_FILE = 'pruned.json';

export interface PruneResult {
  /** Entries removed (a sidecar counts with its entry). */
  entries: number;
  /** Bytes of the files removed. */
  bytes: number;
}

const sizeAndTime = (file: string): { size: number; mtime: number } | undefined => {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? { size: st.size, mtime: st.mtimeMs } : undefined;
};

/** Removes the entries of every kind under `dir` last used before `cutoff` (ms); `now` dates leftovers. */
export function pruneStore(dir: string, cutoff: number, now = Date.now()): PruneResult {
  const result: PruneResult = { entries: 0, bytes: 0 };
  let kinds: string[];
  try {
    kinds = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return result;
  }
  for (const kind of kinds) {
    try {
      pruneKind(path.join(dir, kind), cutoff, now, result);
    } catch {
      // A folder removed or not writable meanwhile: pruning never fails a build; the rest waits for the next time.
    }
  }
  return result;
}

function pruneKind(kindDir: string, cutoff: number, now: number, result: PruneResult): void {
  const shards = readdirSync(kindDir, { withFileTypes: true }).filter((e) => e.isDirectory() && SHARD.test(e.name));
  if (!shards.length) return;
  const ledgerFile = path.join(kindDir, USED_FILE);
  const used = readUse(ledgerFile);
  const present = new Set<string>();
  for (const shard of shards) {
    const shardDir = path.join(kindDir, shard.name);
    const names = new Set(readdirSync(shardDir));
    for (const name of names) {
      const file = path.join(shardDir, name);
      if (ENTRY.test(name)) {
        // The ledger's date first: most entries are recent, and need no look at their file.
        const last = used[name];
        if (last !== undefined && last >= cutoff) {
          present.add(name);
          continue;
        }
        const st = sizeAndTime(file);
        if (!st) continue;
        if ((last ?? st.mtime) >= cutoff) {
          present.add(name);
          continue;
        }
        const side = sizeAndTime(`${file}.json`);
        rmSync(file, { force: true });
        rmSync(`${file}.json`, { force: true });
        result.entries++;
        result.bytes += st.size + (side?.size ?? 0);
      } else {
        // A sidecar whose entry is gone, or a temporary file a writer killed mid-write left: old ones only.
        const orphan = SIDECAR.exec(name);
        const leftover = name.endsWith('.tmp') || name.endsWith('.tmp.json') || (orphan && !names.has(orphan[1]!));
        if (!leftover) continue;
        const st = sizeAndTime(file);
        if (!st || st.mtime >= now - DAY_MS) continue;
        rmSync(file, { force: true });
        result.bytes += st.size;
      }
    }
  }
  const kept = Object.fromEntries(Object.entries(used).filter(([key]) => present.has(key)));
  if (Object.keys(kept).length !== Object.keys(used).length) writeUse(ledgerFile, kept);
}

export interface PruneOptions {
  /** Entries unused this many days are removed. */
  keepDays: number;
  /** When the build that prunes began: what it used is never older than this. */
  since: number;
  /** Prune even if the cache was pruned less than a day ago (asked for on the command line). */
  force?: boolean;
  now?: number;
}

/**
 * Prunes the cache at most once a day (walking it costs a little at every build otherwise), or now
 * when forced. Undefined when it did not run.
 */
export function pruneCache(dir: string, options: PruneOptions): PruneResult | undefined {
  const now = options.now ?? Date.now();
  const marker = path.join(dir, PRUNED_FILE);
  if (!options.force) {
    try {
      const last = (JSON.parse(readFileSync(marker, 'utf8')) as { at?: unknown }).at;
      if (typeof last === 'number' && last <= now && now - last < DAY_MS) return undefined;
    } catch {
      // Never pruned here.
    }
  }
  // What this build used is dated from its start or later: never removed, whatever the number of days.
  const result = pruneStore(dir, Math.min(options.since, now - options.keepDays * DAY_MS), now);
  try {
    writeFileSync(`${marker}.${process.pid}.tmp`, JSON.stringify({ at: now }));
    renameSync(`${marker}.${process.pid}.tmp`, marker);
  } catch {
    // Pruned again next time.
  }
  return result;
}
