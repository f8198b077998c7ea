#!/usr/bin/env node
// Start-up check, in plain JavaScript so that it runs (and explains itself) on any Node version.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN = [22, 12];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < MIN[0] || (major === MIN[0] && minor < MIN[1])) {
  console.error(
    `nianbao 需要 Node.js ${MIN.join('.')} 或更新版本，当前是 ${process.versions.node}（${process.execPath}）。\n` +
      '在项目目录里用 “npx nianbao …” 或 “npm run …” 运行即可：npm 会使用项目自带的 Node.js 24（npm ci 时安装）。\n' +
      '如果仍看到这条消息，请先运行 npm ci，或安装 Node.js 22.12 以上版本。',
  );
  process.exit(1);
}

// Node keeps the compiled code of nianbao and its dependencies (NODE_COMPILE_CACHE, else in the
// user's cache folder as src/store/user-cache.ts finds it — not Node's default in the shared
// temporary folder, where another user could leave code for this one): every command after the
// first starts with about a third less work. The same folder as src/pipeline/compile-cache.ts's.
function compileCacheDir(env = process.env, home = homedir()) {
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  const own = env.NIANBAO_USER_CACHE;
  if (own === 'off') return undefined;
  const user = own ? path.resolve(own) : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? path.join(env.XDG_CACHE_HOME, 'nianbao') : home && path.join(home, '.cache', 'nianbao');
  return user && path.join(user, 'node-compile-cache');
}

// Node adds to the cache and never removes from it. Code loaded from a new path each time (each
// build renders from a fresh copy of the compiled pages, src/web/bundle-render.ts) leaves some fifty
// entries a build that are never read again, and each Node version keeps a folder of its own. So a
// folder holding far more entries than nianbao loads (some 2,000) is emptied, to fill again with
// what is used, and another version's folder that has not changed for a month is removed.
const MAX_ENTRIES = 10_000;
const STALE_MS = 30 * 24 * 60 * 60 * 1000;
function trimCompileCache(dir, current) {
  try {
    for (const name of readdirSync(dir)) {
      const folder = path.join(dir, name);
      if (folder === current) {
        if (readdirSync(folder).length <= MAX_ENTRIES) continue;
        // Moved aside first: a nianbao running meanwhile finds an empty folder, not a half-removed one.
        const old = `${folder}.old-${process.pid}`;
        renameSync(folder, old);
        mkdirSync(folder, { recursive: true });
        rmSync(old, { recursive: true, force: true });
      } else if (Date.now() - statSync(folder).mtimeMs > STALE_MS) rmSync(folder, { recursive: true, force: true });
    }
  } catch {
    // Another nianbao trimming at the same moment, or a folder this user may not change: the cache works either way.
  }
}

const cacheDir = compileCacheDir();
if (cacheDir && module.enableCompileCache?.(cacheDir).status === module.constants?.compileCacheStatus?.ENABLED) trimCompileCache(cacheDir, module.getCompileCacheDir());

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
if (!process.features.typescript) {
  // Node 22.12–22.17 strip TypeScript types only behind a flag.
  const run = spawnSync(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', main, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: cacheDir ? { ...process.env, NODE_COMPILE_CACHE: cacheDir } : process.env,
  });
  process.exit(run.status ?? 1);
}
await import(main);
