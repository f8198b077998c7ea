/**
 * `npm test`: the type check and vitest side by side. The type check takes some 20 s of CPU and
 * the test run's first minute leaves cores idle while its first files start their builds and
 * browsers, so running them one after the other only added the type check's time to the run.
 * vitest's output goes straight through; the type check's is held and printed once vitest is done,
 * so the two never interleave. Arguments go to vitest (`npm test -- tests/web/portal.browser.test.ts`).
 * The exit code is non-zero when either fails.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(REPO, 'node_modules', '.bin', name);

function run(command: string, args: string[], held: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO, stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d));
    child.stderr?.on('data', (d: Buffer) => (output += d));
    child.on('error', (e) => resolve({ code: 1, output: `${command}：${e.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const typecheck = run(bin('tsc'), ['--noEmit', '-p', REPO], true);
const tests = await run(bin('vitest'), ['run', ...process.argv.slice(2)], false);
const types = await typecheck;
if (types.code === 0) console.log('类型检查（tsc --noEmit）：通过。');
else {
  process.stdout.write(types.output);
  console.error('类型检查（tsc --noEmit）未通过：见上面的错误。');
}
process.exitCode = tests.code || types.code;
