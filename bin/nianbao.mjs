#!/usr/bin/env node
// Start-up check, in plain JavaScript so that it runs (and explains itself) on any Node version.
import { spawnSync } from 'node:child_process';
import module from 'node:module';
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

// Node keeps the compiled code of nianbao and its dependencies (in the system's temporary folder,
// or NODE_COMPILE_CACHE): every command after the first starts with about a third less work.
module.enableCompileCache?.();

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
if (!process.features.typescript) {
  // Node 22.12–22.17 strip TypeScript types only behind a flag.
  const run = spawnSync(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', main, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}
await import(main);
