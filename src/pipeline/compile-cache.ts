/**
 * Node's compile cache for the processes and worker threads a build starts. A process that turns
 * it on itself (portal-child.ts) does so only after its first modules have loaded, and a worker
 * thread does not share its parent's: each compiled nianbao's modules afresh (about 0.3 s of CPU
 * for a thread, 0.4 s for the portal's process). In the environment it starts with, the cache is
 * on from the first module.
 *
 * The folder is in the user's own cache folder (src/store/user-cache.ts), not Node's default in
 * the shared temporary folder: whoever creates that one first owns it, and a user who can write
 * into it could leave compiled code there for another user's runs. bin/nianbao.mjs finds the same
 * folder before any TypeScript is loaded (tests/unit/compile-cache.test.ts holds the two together).
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { userCacheDir } from '../store/user-cache.ts';

/** The compile cache's folder in the user's cache folder; none when that is turned off or there is no home folder. */
export function compileCacheDir(env: Record<string, string | undefined> = process.env, home?: string): string | undefined {
  const user = userCacheDir(env, home);
  return user && path.join(user, 'node-compile-cache');
}

/** `env` with NODE_COMPILE_CACHE: the folder this process uses, else the user's; unchanged when the cache is turned off or there is no folder for it. */
export function compileCacheEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env.NODE_DISABLE_COMPILE_CACHE) return env;
  const dir = module.getCompileCacheDir?.() ?? env.NODE_COMPILE_CACHE ?? compileCacheDir(env);
  return dir ? { ...env, NODE_COMPILE_CACHE: dir } : env;
}

/**
 * Node adds to the cache and never removes from it. Code loaded from a new path each time (each
 * build renders from a fresh copy of the compiled pages, src/web/bundle-render.ts) leaves some fifty
 * entries a build that are never read again, and each Node version keeps a folder of its own. So a
 * folder holding far more entries than nianbao loads (some 2,000) is emptied, to fill again with
 * what is used, and another version's folder that has not changed for a month is removed.
 */
export const MAX_COMPILE_CACHE_ENTRIES = 10_000;
const STALE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Trims the cache this process uses (`current`, Node's folder for this version), when it is in the
 * user's cache folder: a folder NODE_COMPILE_CACHE names elsewhere may hold other programs' code.
 * The command line calls it as it starts.
 */
export function trimCompileCache(current = module.getCompileCacheDir?.(), now = Date.now()): void {
  const dir = current && path.dirname(current);
  if (!dir || dir !== compileCacheDir()) return;
  try {
    for (const name of readdirSync(dir)) {
      const folder = path.join(dir, name);
      if (folder === current) {
        if (readdirSync(folder).length <= MAX_COMPILE_CACHE_ENTRIES) continue;
        // Moved aside first: a nianbao running meanwhile finds an empty folder, not a half-removed one.
        const old = `${folder}.old-${process.pid}`;
        renameSync(folder, old);
        mkdirSync(folder, { recursive: true });
        rmSync(old, { recursive: true, force: true });
      } else if (now - statSync(folder).mtimeMs > STALE_MS) rmSync(folder, { recursive: true, force: true });
    }
  } catch {
    // Another nianbao trimming at the same moment, or a folder this user may not change: the cache works either way.
  }
}
