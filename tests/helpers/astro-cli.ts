/**
 * A plain `astro build` of the portal, as a web team runs it, from a working folder of its own.
 * Astro writes its prerender chunks under the working folder and imports them from there: two
 * builds started from the same folder (test files run side by side) overwrite each other's chunks
 * and fail with ERR_MODULE_NOT_FOUND. The folder lies inside nianbao, so the chunks resolve its
 * packages (as src/web/stage.ts does for the CLI's builds).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './cli.ts';

export interface AstroRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function astroBuild(outDir: string, env: Record<string, string>, timeout = 600_000): AstroRun {
  const parent = path.join(REPO, '.cache');
  mkdirSync(parent, { recursive: true });
  const cwd = mkdtempSync(path.join(parent, 'astro-test-'));
  try {
    const r = spawnSync(process.execPath, [path.join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', REPO, '--outDir', outDir], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      timeout,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
