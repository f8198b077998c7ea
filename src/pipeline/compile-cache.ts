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
