/**
 * When the Word stage's worker threads are started: a first build starts them before it reads the
 * content (for every report folder), a rebuild over its last output only after reading, for the
 * files its cache lacks, so a rebuild with no change or one edit loads no renderer in a thread.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/build/build.ts';
import { stages } from '../../src/build/stages.ts';
import { WORKERS_FROM } from '../../src/docx/workers.ts';

/** Every call of startDocxWorkers: the number of reports it was told of, and when (before or after the content was read). */
const calls = vi.hoisted(() => [] as { reports: number; loaded: boolean }[]);
const loaded = vi.hoisted(() => ({ done: false }));
vi.mock('../../src/docx/workers.ts', async (original) => {
  const real = await original<typeof import('../../src/docx/workers.ts')>();
  return { ...real, startDocxWorkers: (reports: number) => (calls.push({ reports, loaded: loaded.done }), real.startDocxWorkers(reports)) };
});
vi.mock('../../src/content/index.ts', async (original) => {
  const real = await original<typeof import('../../src/content/index.ts')>();
  const loadContent: typeof real.loadContent = (...args) => {
    const result = real.loadContent(...args);
    loaded.done = true;
    return result;
  };
  return { ...real, loadContent };
});

const REPO = path.resolve(import.meta.dirname, '../..');
const project = mkdtempSync(path.join(tmpdir(), 'nianbao-docx-prestart-'));
cpSync(path.join(REPO, 'content'), path.join(project, 'content'), { recursive: true });
cpSync(path.join(REPO, 'templates'), path.join(project, 'templates'), { recursive: true });
afterAll(() => rmSync(project, { recursive: true, force: true }));
const wordOnly = stages.filter((s) => s.id === 'docx' || s.id === 'manifest');

async function rebuild(): Promise<{ reports: number; loaded: boolean }[]> {
  calls.length = 0;
  loaded.done = false;
  const result = await build({ target: project, stages: wordOnly, cache: true });
  if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics.slice(0, 3)));
  return [...calls];
}

describe('the Word stage’s worker threads', () => {
  it('start before the content is read in a first build, and only after it in a rebuild, for the files the cache lacks', async () => {
    const folders = readdirSync(path.join(project, 'content/reports')).length;
    expect(folders).toBeGreaterThanOrEqual(WORKERS_FROM);
    const first = await rebuild();
    expect(first[0]).toEqual({ reports: folders, loaded: false });

    // Nothing changed: asked after reading, for no report, so no thread loads the renderer.
    expect(await rebuild()).toEqual([{ reports: 0, loaded: true }]);

    // One report edited: one file to make, which the main thread makes alone.
    const slug = 'chenxi-2022-fazhi-zhengfu';
    appendFileSync(path.join(project, 'content/reports', slug, 'report.yaml'), '\n# 改动\n');
    expect(await rebuild()).toEqual([{ reports: 1, loaded: true }]);

    // The cache emptied: every file is made again, and the threads start for all of them.
    rmSync(path.join(project, '.cache/nianbao/docx'), { recursive: true, force: true });
    expect(await rebuild()).toEqual([{ reports: folders, loaded: true }]);
  });
});
