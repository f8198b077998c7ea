/**
 * How `nianbao dev` ends on signals (src/cli/stop-on-signals.ts), in a real child process: the first
 * signal stops it in order and the process ends by itself; a second one, while the orderly stop is
 * still under way, runs the kill cleanups and exits at once with 128 + the signal's number.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CHILD = path.join(import.meta.dirname, 'fixtures/stop-on-signals-child.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-signals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(how: 'quick' | 'never', marker: string) {
  const child = spawn(process.execPath, [CHILD, marker, how], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  /** Resolves once the child has printed `line`. */
  const printed = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.split('\n').includes(line)) resolve();
        else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`ended before “${line}”:\n${output}`));
        else setTimeout(check, 10);
      };
      check();
    });
  return { child, exited, printed, output: () => output };
}

describe('stopOnSignals', () => {
  it.each(['SIGHUP', 'SIGTERM', 'SIGINT'] as const)('stops in order on %s, and the process then ends by itself', async (signal) => {
    const marker = path.join(dir, `quick-${signal}`);
    const run = start('quick', marker);
    await run.printed('ready');
    run.child.kill(signal);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output()).toBe('ready\nstopping\nstopped\n');
    expect(existsSync(marker)).toBe(false);
  });

  it('stops at once on a second signal while the first stop is under way, with the kill cleanups run', async () => {
    const marker = path.join(dir, 'never');
    const run = start('never', marker);
    await run.printed('ready');
    run.child.kill('SIGTERM');
    await run.printed('stopping');
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 130, signal: null });
    expect(readFileSync(marker, 'utf8')).toBe('cleaned');
    expect(run.output()).not.toContain('stopped');
  });
});
