/**
 * The user's cache folder for what does not depend on any project: the print faces cut from the
 * fonts installed on this machine, and Node's compiled code of nianbao (src/pipeline/compile-cache.ts).
 * `$NIANBAO_USER_CACHE`, else `$XDG_CACHE_HOME/nianbao`, else
 * `~/.cache/nianbao`; `NIANBAO_USER_CACHE=off` turns it off. Entries are checked against their
 * digests like the build cache's (cache-store.ts), so a damaged or foreign file is cut again; the
 * folder can be deleted at any time.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { OutputStore } from './cache-store.ts';

export function userCacheDir(env: Record<string, string | undefined> = process.env, home = homedir()): string | undefined {
  const own = env.NIANBAO_USER_CACHE;
  if (own === 'off') return undefined;
  if (own) return path.resolve(own);
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'nianbao');
  return home ? path.join(home, '.cache', 'nianbao') : undefined;
}

export function userCacheStore(env: Record<string, string | undefined> = process.env): OutputStore | undefined {
  const dir = userCacheDir(env);
  return dir ? new OutputStore(dir) : undefined;
}
