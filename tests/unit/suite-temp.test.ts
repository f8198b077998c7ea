/** The suite's temporary files stay in the run's own folder, removed at its end (tests/global-setup.ts). */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, inject, it } from 'vitest';

it('gives every test process and every program it starts the run’s own temporary folder', () => {
  const run = inject('sharedBuilds');
  expect(tmpdir()).toBe(path.join(run, 'tmp'));
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { encoding: 'utf8' });
  expect(child.stdout).toBe(path.join(run, 'tmp'));
});
