/**
 * Work a stage leaves running beside the later stages (BuildContext.beside; the search index beside
 * the printing): the manifest waits for it and lists what it wrote, its failure fails the build
 * under the name of the stage that left it, and a build that fails elsewhere waits for it before it
 * removes its staging folder. Ordered by promises the stages hand each other, never by timing.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { WorkBeside } from '../../src/pipeline/beside.ts';
import type { BuildStage } from '../../src/pipeline/stage.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import { copyProject } from '../helpers/content-fixtures.ts';

const projects: string[] = [];
afterEach(() => {
  for (const p of projects.splice(0)) rmSync(p, { recursive: true, force: true });
});

/** A promise and the hand that settles it. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Stage "first" leaves work beside that ends only when `release` is settled; the work's steps are noted in `events`. */
function leavingWork(release: Promise<void>, events: string[], fail?: string): BuildStage {
  return {
    id: 'first',
    label: '第一阶段',
    async run(ctx) {
      writeFileSync(path.join(ctx.outDir, 'first.txt'), 'first\n');
      const work = release.then(() => {
        if (fail) throw new Error(fail);
        writeFileSync(path.join(ctx.outDir, 'beside.txt'), 'written beside\n');
        events.push('beside done');
      });
      ctx.beside!('旁路工作', work);
      events.push('first done');
    },
  };
}

const project = () => {
  const p = copyProject();
  projects.push(p);
  return p;
};

describe('work left beside the stages', () => {
  it('runs beside the next stage, and the manifest lists what it wrote', async () => {
    const release = deferred();
    const events: string[] = [];
    const second: BuildStage = {
      id: 'second',
      label: '第二阶段',
      async run() {
        // The work is still running when this stage starts: it is let go from here, to end only
        // after this stage has ended (a stage that did not wait for it would start first).
        events.push('second started');
        setImmediate(release.resolve);
      },
    };
    const reader: BuildStage = { id: 'reader', label: '读全部文件', readsAll: true, run: async () => void events.push('reader started') };
    const logs: string[] = [];
    const dir = project();
    const result = await build({ target: dir, stages: [leavingWork(release.promise, events), second, reader, manifestStage], log: (m) => logs.push(m) });
    expect(result.ok).toBe(true);
    expect(events).toEqual(['first done', 'second started', 'beside done', 'reader started']);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'dist', 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toContain('beside.txt');
    expect(logs.some((l) => l.includes('同时进行的旁路工作已完成'))).toBe(true);
    if (result.ok) expect(result.seconds.beside).toBeGreaterThanOrEqual(0);
  });

  it('is finished before publishing when no stage reads every file', async () => {
    const release = deferred();
    const events: string[] = [];
    const dir = project();
    const last: BuildStage = { id: 'last', label: '最后阶段', run: async () => void setImmediate(release.resolve) };
    const result = await build({ target: dir, stages: [leavingWork(release.promise, events), last] });
    expect(result.ok).toBe(true);
    expect(readFileSync(path.join(dir, 'dist', 'beside.txt'), 'utf8')).toBe('written beside\n');
  });

  it('fails the build under the name of the stage that left it, and dist/ stays as it was', async () => {
    const dir = project();
    const events: string[] = [];
    const release = deferred();
    release.resolve();
    const result = await build({ target: dir, stages: [leavingWork(release.promise, events, '索引进程意外退出'), manifestStage] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual({ stage: '第一阶段', message: '索引进程意外退出' });
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('.nianbao-'))).toEqual([]);
  });

  it('is waited for when a later stage fails, before the staging folder goes', async () => {
    const dir = project();
    const events: string[] = [];
    const release = deferred();
    const failing: BuildStage = {
      id: 'failing',
      label: '出错的阶段',
      async run() {
        // The work ends only after this stage has failed.
        setImmediate(release.resolve);
        throw new Error('打印失败');
      },
    };
    const result = await build({ target: dir, stages: [leavingWork(release.promise, events), failing, manifestStage] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error?.stage).toBe('出错的阶段');
    expect(events).toContain('beside done');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('.nianbao-'))).toEqual([]);
  });

  it("lets a reading stage begin its early part while the work beside finishes, and hands run the result", async () => {
    const release = deferred();
    const events: string[] = [];
    const reader: BuildStage = {
      id: 'reader',
      label: '读全部文件',
      readsAll: true,
      // The work beside is let go only from here: had the build waited for it first, it would never end.
      async early() {
        events.push('early started');
        setImmediate(release.resolve);
        return 'read early';
      },
      run: async (ctx) => void events.push(`reader started with ${String(ctx.early)}`),
    };
    // Wrapped as the benchmark wraps every stage (scripts/lib/bench-build.ts): the result still reaches it.
    const wrapped: BuildStage = { ...reader, run: (ctx) => reader.run(ctx) };
    const result = await build({ target: project(), stages: [leavingWork(release.promise, events), wrapped], log: () => {} });
    expect(result.ok).toBe(true);
    expect(events).toEqual(['first done', 'early started', 'beside done', 'reader started with read early']);
  });

  it('makes the pages file again when a page appeared after the manifest took its early snapshots', async () => {
    const release = deferred();
    const sneaky: BuildStage = {
      id: 'first',
      label: '第一阶段',
      async run(ctx) {
        writeFileSync(path.join(ctx.outDir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><title>首页</title></head><body><p>首页</p></body></html>');
        // Against the rule (work beside writes no page): the manifest must still describe the page.
        ctx.beside!('旁路工作', release.promise.then(() => writeFileSync(path.join(ctx.outDir, 'late.html'), '<!doctype html><html lang="zh-CN"><head><title>后来</title></head><body><p>后来的页面</p></body></html>')));
      },
    };
    const early = manifestStage.early!.bind(manifestStage);
    const manifest: BuildStage = {
      ...manifestStage,
      async early(ctx) {
        const taken = await early(ctx);
        release.resolve();
        return taken;
      },
    };
    const dir = project();
    const result = await build({ target: dir, stages: [sneaky, manifest], log: () => {} });
    expect(result.ok).toBe(true);
    const pages = JSON.parse(readFileSync(path.join(dir, 'dist', 'manifest-pages.json'), 'utf8')) as { pages: Record<string, unknown> };
    expect(Object.keys(pages.pages)).toEqual(['index.html', 'late.html']);
    const listed = JSON.parse(readFileSync(path.join(dir, 'dist', 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    const { createHash } = await import('node:crypto');
    const pagesFile = readFileSync(path.join(dir, 'dist', 'manifest-pages.json'));
    expect(listed.files.find((f) => f.path === 'manifest-pages.json')?.sha256).toBe(createHash('sha256').update(pagesFile).digest('hex'));
  });
});

describe('WorkBeside', () => {
  it('gives the first failure with its stage, after all the work has ended', async () => {
    const work = new WorkBeside();
    const ended: string[] = [];
    const late = deferred();
    work.add('甲', '一', Promise.reject(new Error('坏了')));
    work.add('乙', '二', late.promise.then(() => void ended.push('二')));
    work.add('丙', '三', Promise.reject(new Error('也坏了')));
    expect(work.names).toEqual(['一', '二', '三']);
    setImmediate(late.resolve);
    expect(await work.finish()).toEqual({ stage: '甲', message: '坏了' });
    expect(ended).toEqual(['二']);
    expect(work.names).toEqual([]);
    expect(await work.finish()).toBeUndefined();
  });
});
