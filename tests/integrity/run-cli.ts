import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO } from './sample-project.ts';

/**
 * Runs the nianbao CLI without blocking the test process, so that a server started by the test
 * (verify over HTTP) can answer it. Most calls of verify, bundle and keygen run in the test's
 * process instead (tests/helpers/in-process-cli.ts); each file keeps a few of these real ones.
 */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/nianbao.mjs'), ...args], {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      output += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, output }));
  });
}
