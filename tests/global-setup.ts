/**
 * Once per test run: a folder for the builds that several test files share
 * (tests/helpers/shared-builds.ts), handed to the files through `inject('sharedBuilds')`, and the
 * run's temporary folder (TMPDIR, inherited by every test process and every program they start:
 * builds, Chromium's profiles, LibreOffice). Both are removed at the end of the run, so that a
 * test that forgets its own folder, or a program killed before it tidied up, leaves nothing in /tmp.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedBuilds: string;
  }
}

export default function setup(project: TestProject): () => void {
  const outer = tmpdir();
  const dir = mkdtempSync(path.join(outer, 'nianbao-suite-'));
  const temp = path.join(dir, 'tmp');
  mkdirSync(temp);
  // Servers that drop to their own user (Apache's www-data) serve folders made here: they must be able to pass through.
  chmodSync(dir, 0o755);
  chmodSync(temp, 0o755);
  project.provide('sharedBuilds', dir);
  // Folders a test keeps for people to look at (screenshots) go to the outer one (tests/helpers/kept-folder.ts).
  process.env.NIANBAO_TEST_KEPT_TMPDIR ??= outer;
  process.env.TMPDIR = temp;
  return () => {
    process.env.TMPDIR = outer;
    rmSync(dir, { recursive: true, force: true });
  };
}
