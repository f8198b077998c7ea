/**
 * Pruning the cache in real builds (src/store/cache-prune.ts): a rebuild told to keep nothing but
 * what it used (`cacheKeepDays: 0`, `--cache-keep 0`) removes the entries of another code and of a
 * report's edited-away text, and keeps every entry the site still needs, including the pages'
 * snapshots that a rebuild with no change never reads: the next rebuild still takes every unchanged
 * output from the cache. The command line refuses a number of days that is not one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.ts';
import { MANIFEST_FILE, PAGES_FILE } from '../../src/integrity/manifest.ts';
import { isPage } from '../../src/integrity/pages-file.ts';
import { listFiles } from '../../src/store/files.ts';
import { sha256 } from '../../src/store/cache-store.ts';
import { projectWithYears, replaceIn, withoutPdf, XX_2022 } from './projects.ts';
import { BIN, REPO } from '../helpers/cli.ts';

let project: string;
const cacheDir = () => path.join(project, '.cache/nianbao');
/** The entries of a kind of the store (files named by a 64-digit key). */
const entries = (kind: string): string[] => {
  const root = path.join(cacheDir(), kind);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(path.join(root, d)).filter((f) => /^[0-9a-f]{64}$/.test(f)));
};

async function rebuild(keep?: number): Promise<{ result: Extract<BuildResult, { ok: true }>; log: string[] }> {
  const log: string[] = [];
  const result = await build({ target: project, stages: withoutPdf, cache: true, log: (m) => log.push(m), ...(keep === undefined ? {} : { cacheKeepDays: keep }) });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
  return { result, log };
}

/** An entry another nianbao left: a Word file of a key no build of this code asks for, 40 days old. */
function plantForeign(): string {
  const key = sha256('a Word file of an older nianbao');
  const file = path.join(cacheDir(), 'docx', key.slice(0, 2), key);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'PK old');
  writeFileSync(`${file}.json`, JSON.stringify({ format: 'nianbao-cache/1', key, sha256: sha256('PK old'), size: 6 }));
  const old = new Date(Date.now() - 40 * 86_400_000);
  utimesSync(file, old, old);
  return file;
}

beforeAll(async () => {
  project = projectWithYears('nianbao-cache-prune-');
  await rebuild();
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('pruning the cache after a build', () => {
  it('a rebuild with no change keeps every entry the site needs, snapshots included, and removes the rest', async () => {
    const foreign = plantForeign();
    const before = { docx: entries('docx').length, load: entries('load').length, snapshots: entries('page-snapshot').length };
    const { result, log } = await rebuild(0);
    expect(existsSync(foreign)).toBe(false);
    expect(existsSync(`${foreign}.json`)).toBe(false);
    expect(log.join('\n')).toMatch(/缓存：删除 1 个这次构建没有用到的条目/);
    expect(entries('docx').length).toBe(before.docx - 1);
    expect(entries('load').length).toBe(before.load);
    // The rebuild put manifest-pages.json back unread; the snapshots of the pages are still there.
    const pages = listFiles(result.outDir).filter((f) => isPage(f) && f !== PAGES_FILE);
    expect(pages.length).toBeGreaterThan(10);
    expect(entries('page-snapshot').length).toBe(before.snapshots);
    expect(entries('page-snapshot').length).toBeGreaterThanOrEqual(pages.length);
  });

  it('after an edit, removes the edited report’s old Word file and snapshots, and the next rebuild reuses all the others', async () => {
    const docx = new Set(entries('docx'));
    const snapshots = entries('page-snapshot').length;
    replaceIn(project, `content/reports/${XX_2022}/01-zongti-qingkuang.md`, '坚持以公开为常态', '始终坚持以公开为常态');
    const { result, log } = await rebuild(0);
    expect(result.cache!.misses.docx).toBe(1);
    const now = new Set(entries('docx'));
    // One entry replaced: the old key's file is gone, the new one there.
    expect(now.size).toBe(docx.size);
    expect([...docx].filter((k) => !now.has(k))).toHaveLength(1);
    expect(log.join('\n')).toMatch(/缓存：删除 \d+ 个这次构建没有用到的条目/);
    // Pages that changed (the report's own, its series', the lists) lost their old snapshots, none more.
    expect(entries('page-snapshot').length).toBeLessThanOrEqual(snapshots);
    const again = await rebuild(0);
    expect(again.result.cache!.misses.docx ?? 0).toBe(0);
    expect(again.result.cache!.hits.docx).toBe(docx.size);
    // Nothing else is removed but the index of the pages file the edit replaced (which the edit read,
    // to take the unchanged pages' snapshots out of it): the one kept is the published file's.
    expect(again.log.join('\n')).toMatch(/缓存：删除 1 个这次构建没有用到的条目/);
    const published = JSON.parse(readFileSync(path.join(again.result.outDir, MANIFEST_FILE), 'utf8')).files.find((f: { path: string }) => f.path === PAGES_FILE).sha256;
    expect(entries('pages-index').map((f) => path.basename(f))).toEqual([published]);
  });

  it('the command line takes whole days and refuses anything else in Chinese', () => {
    for (const bad of ['-1', 'abc', '1.5']) {
      const run = spawnSync(process.execPath, [BIN, 'build', project, '--cache-keep', bad], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/--cache-keep 要写天数（0 或正整数）/);
    }
    const both = spawnSync(process.execPath, [BIN, 'build', project, '--cache-keep', '3', '--no-cache'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/不能同时用/);
  });
});
