/** Builds of the portal for the web tests, through the real CLI (`nianbao build`), into temporary folders. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO, runCli } from '../helpers/cli.ts';
import { copySample } from '../integrity/sample-project.ts';

/** The whole sample content: the county year (tests/web/county.browser.test.ts builds it). */
export const COUNTY_PROJECT = REPO;

const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

/** Removes the projects and sites this test file made. */
export function removeBuilds(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The two original 辰溪 samples (see copySample), in a temporary folder removed with the builds. */
export function twoSampleProject(): string {
  const dir = copySample('nianbao-two-');
  made.push(dir);
  return dir;
}

/** The two samples plus the 2021 reports of the same organs (tests/web/fixtures/earlier-years). */
export function projectWithEarlierYears(): string {
  const dir = twoSampleProject();
  cpSync(path.join(REPO, 'tests/web/fixtures/earlier-years/reports'), path.join(dir, 'content/reports'), { recursive: true });
  return dir;
}

/** Runs `nianbao build <project> --out <tmp> --base <base>` and returns the output folder. */
export function buildSite(base: string, project = twoSampleProject()): string {
  const out = path.join(tempDir('nianbao-site-'), 'dist');
  const run = runCli(['build', project, '--out', out, '--base', base]);
  expect(run.output).toContain('构建完成');
  expect(run.code).toBe(0);
  return out;
}
