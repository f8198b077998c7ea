import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
export const BASE = path.join(FIXTURES, 'base');
export const BROKEN = path.join(FIXTURES, 'broken');

export interface BrokenCase {
  name: string;
  dir: string;
  title: string;
  edits?: { file: string; find: string; replace: string }[];
  write?: Record<string, string>;
  delete?: string[];
  rename?: { from: string; to: string }[];
  /** `only`: this is the one error of the project (no follow-on errors). */
  expect: { rule: string; file: string; line: number; message: string; hint?: string; only?: boolean };
}

export function brokenCases(): BrokenCase[] {
  return readdirSync(BROKEN)
    .sort()
    .map((name) => {
      const dir = path.join(BROKEN, name);
      return { name, dir, ...(parse(readFileSync(path.join(dir, 'case.yaml'), 'utf8')) as Omit<BrokenCase, 'name' | 'dir'>) };
    });
}

/** A fresh copy of a fixture project in a temporary folder. */
export function copyProject(from = BASE): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-fixture-'));
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** The base project with one case's mistake applied; fails loudly if an edit no longer matches. */
export function projectWithCase(c: BrokenCase): string {
  const dir = copyProject();
  for (const e of c.edits ?? []) {
    const file = path.join(dir, e.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(e.find)) throw new Error(`${c.name}: “${e.find}” not found in ${e.file}`);
    writeFileSync(file, text.replace(e.find, e.replace));
  }
  for (const [file, text] of Object.entries(c.write ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  for (const file of c.delete ?? []) rmSync(path.join(dir, file));
  for (const r of c.rename ?? []) renameSync(path.join(dir, r.from), path.join(dir, r.to));
  const overlay = path.join(c.dir, 'files');
  if (existsSync(overlay)) cpSync(overlay, dir, { recursive: true });
  return dir;
}
