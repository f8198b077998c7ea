import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputFileSha256, listFiles } from '../store/files.ts';
import type { BuildIdentity } from './manifest.ts';

const PACKAGE_JSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');

export function toolVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}

function git(cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * What was built, without timestamps: the tool version and the content revision. The revision is
 * a SHA-256 over the content folder (each file's path and hash, sorted), which is exact with or
 * without git; the last git commit touching the folder is added when there is one, with `dirty`
 * when the folder has uncommitted changes.
 */
export function buildIdentity(contentDir: string): BuildIdentity {
  const files = listFiles(contentDir);
  const hash = createHash('sha256');
  for (const rel of files) {
    hash.update(`${rel}\0${inputFileSha256(path.join(contentDir, rel))}\n`);
  }
  const content: BuildIdentity['content'] = { sha256: hash.digest('hex'), files: files.length };
  const commit = git(contentDir, ['log', '-1', '--format=%H', '--', '.']);
  if (commit) content.git = { commit, dirty: (git(contentDir, ['status', '--porcelain', '--', '.']) ?? '') !== '' };
  return { tool: 'nianbao', toolVersion: toolVersion(), content };
}
