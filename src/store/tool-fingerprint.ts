/**
 * The version of nianbao that goes into every cache key: the package version plus a hash of its
 * own code (src/, templates/, public/, the Astro and TypeScript configs and the lockfile). A
 * developer's edit to a renderer changes it, so a cache never serves output made by other code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from './files.ts';

const NIANBAO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TREES = ['src', 'templates', 'public'];
const FILES = ['package.json', 'package-lock.json', 'astro.config.mjs', 'tsconfig.json'];

let memo: string | undefined;

/** nianbao's own fingerprint, computed once a process: its code does not change under a running build. */
export function toolFingerprint(): string {
  memo ??= codeFingerprint(NIANBAO_ROOT);
  return memo;
}

/** SHA-256 over the package version and the code trees of a nianbao checkout at `root`. */
export function codeFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const tree of TREES) {
    const dir = path.join(root, tree);
    if (!existsSync(dir)) continue;
    for (const rel of listFiles(dir)) hash.update(`${tree}/${rel}\0`).update(readFileSync(path.join(dir, rel))).update('\0');
  }
  for (const file of FILES) {
    const abs = path.join(root, file);
    if (existsSync(abs)) hash.update(`${file}\0`).update(readFileSync(abs)).update('\0');
  }
  return hash.digest('hex');
}
