#!/usr/bin/env node
// Start-up check, in plain JavaScript so that it runs (and explains itself) on any Node version.
import { spawnSync } from 'node:child_process';
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
// first starts with about a third less work. The same folder as src/pipeline/compile-cache.ts's,
// which also keeps it from growing without end (src/cli/main.ts trims it as the command starts).
function compileCacheDir(env = process.env, home = homedir()) {
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  const own = env.NIANBAO_USER_CACHE;
  if (own === 'off') return undefined;
  const user = own ? path.resolve(own) : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? path.join(env.XDG_CACHE_HOME, 'nianbao') : home && path.join(home, '.cache', 'nianbao');
  return user && path.join(user, 'node-compile-cache');
}

const cacheDir = compileCacheDir();
if (cacheDir) module.enableCompileCache?.(cacheDir);

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
