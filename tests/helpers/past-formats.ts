/** A project of one issuer's 信息公开 reports over the years, in the formats of their years. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO } from './cli.ts';
import { FIXTURES } from './content-fixtures.ts';
import { TWO_SAMPLES } from '../integrity/sample-project.ts';

/**
 * The two 辰溪 samples (2022; not the whole county year in content/), their 2021 predecessors (tests/web/fixtures/earlier-years) and
 * tests/fixtures/past-formats: 2020 in the 2019 trial format, 2010 in the archive form.
 */
export function pastFormatsProject(made: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-past-'));
  made.push(dir);
  for (const file of ['site.yaml', 'issuers.yaml']) cpSync(path.join(REPO, 'content', file), path.join(dir, 'content', file));
  for (const slug of TWO_SAMPLES) cpSync(path.join(REPO, 'content/reports', slug), path.join(dir, 'content/reports', slug), { recursive: true });
  cpSync(path.join(REPO, 'tests/web/fixtures/earlier-years/reports'), path.join(dir, 'content/reports'), { recursive: true });
  cpSync(path.join(FIXTURES, 'past-formats/reports'), path.join(dir, 'content/reports'), { recursive: true });
  return dir;
}

/** Replaces one piece of a content file; fails when the piece is not there. */
export function editFile(file: string, find: string, replace: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(find);
  writeFileSync(file, text.replace(find, replace));
}
