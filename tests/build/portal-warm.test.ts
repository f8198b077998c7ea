/**
 * A first build, and a rebuild that finds changed content, start the portal's process while still
 * reading (loading Node, nianbao and Astro, and compiling the pages when none are kept, then takes
 * the other core, idle during the load); a rebuild with nothing changed starts none. With the pages
 * kept, no process is started to compile them (nor to find out that they are kept).
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/build/build.ts';
import { webStage } from '../../src/build/portal.ts';
import { reusableWeb } from '../../src/build/cached-stages.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import { copySample } from '../integrity/sample-project.ts';
import { processes } from '../helpers/processes.ts';
import { peekSite } from '../../src/content/peek-site.ts';
import { bundleKey, defaultBundleStore } from '../../src/web/portal-bundle.ts';
import { compileCacheDir } from '../../src/pipeline/compile-cache.ts';

/** The portal processes this process had running when each load ended. */
const atLoadEnd = vi.hoisted(() => [] as number[][]);
vi.mock('../../src/content/index.ts', async (original) => {
  const real = await original<typeof import('../../src/content/index.ts')>();
  const { processes: list } = await import('../helpers/processes.ts');
  const loadContent: typeof real.loadContent = (...args) => {
    const result = real.loadContent(...args);
    // The portal processes, not one compiling the pages ahead (it ends once it has, or at once when they are kept).
    atLoadEnd.push(list().filter((p) => p.ppid === process.pid && p.args.some((a) => a.endsWith('portal-child.ts')) && !p.args.includes('--compile-pages')).map((p) => p.pid));
    return result;
  };
  return { ...real, loadContent };
});

/** The arguments of every process this process's builds forked (the portal's and the one compiling ahead). */
const forked = vi.hoisted(() => [] as string[][]);
/** The compile-cache folder each of them was given (NODE_COMPILE_CACHE). */
const compileCaches = vi.hoisted(() => [] as (string | undefined)[]);
vi.mock('node:child_process', async (original) => {
  const real = await original<typeof import('node:child_process')>();
  const fork = ((...args: Parameters<typeof real.fork>) => {
    forked.push(Array.isArray(args[1]) ? [...args[1]] : []);
    const options = (Array.isArray(args[1]) ? args[2] : args[1]) as { env?: NodeJS.ProcessEnv } | undefined;
    compileCaches.push(options?.env?.NODE_COMPILE_CACHE);
    return real.fork(...args);
  }) as typeof real.fork;
  return { ...real, fork, default: { ...real, fork } };
});

const root = copySample('nianbao-portal-warm-');
afterAll(() => rmSync(root, { recursive: true, force: true }));
const stages = [reusableWeb(webStage), manifestStage];
/** Every process running portal-child.ts, the one compiling the pages ahead included. */
const portalChildren = () => processes().filter((p) => p.ppid === process.pid && p.args.some((a) => a.endsWith('portal-child.ts')));
/** The model files (src/build/model-file.ts) this process's builds left in the temporary folder. */
const modelFiles = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`nianbao-portal-model-${process.pid}-`));

describe('the portal’s process on a rebuild', () => {
  it('starts while the content is read on a first build and when some of it changed, and not at all when nothing did', async () => {
    const first = await build({ target: root, stages, cache: true });
    expect(first.ok).toBe(true);
    // A first build starts it before reading, with the site's settings: it is running as the reading ends.
    expect(atLoadEnd).toHaveLength(1);
    expect(atLoadEnd[0]).toHaveLength(1);
    expect(portalChildren()).toEqual([]);

    atLoadEnd.length = 0;
    const noop = await build({ target: root, stages, cache: true });
    expect(noop.ok).toBe(true);
    expect(atLoadEnd).toEqual([[]]);
    expect(portalChildren()).toEqual([]);

    atLoadEnd.length = 0;
    forked.length = 0;
    // The first build left the pages compiled: the rebuild starts no process to compile them, nor one to find out that they are kept.
    const site = peekSite(path.join(root, 'content'));
    expect(site && defaultBundleStore()?.find(bundleKey(site))).toBeTruthy();
    appendFileSync(path.join(root, 'content/reports/chenxi-2022-fazhi-zhengfu/01-suozuo-gongzuo.md'), '\n本节补充一句。\n');
    const edit = await build({ target: root, stages, cache: true });
    expect(edit.ok, JSON.stringify(edit.ok ? '' : edit.error)).toBe(true);
    expect(atLoadEnd).toHaveLength(1);
    expect(atLoadEnd[0]).toHaveLength(1);
    expect(forked).toEqual([[]]);
    // The one the web stage then used: it has ended with the stage, and read and removed the model's file.
    expect(portalChildren()).toEqual([]);
    expect(modelFiles()).toEqual([]);
  });

  it('starts a process to compile the pages only when there is a store to keep them in and they are not in it yet', async () => {
    // A build that stops at its content: what it started before reading is all there is to see, and nothing is compiled.
    const broken = copySample('nianbao-portal-warm-store-');
    const empty = mkdtempSync(path.join(tmpdir(), 'nianbao-portal-warm-bundles-'));
    const outer = process.env.NIANBAO_PORTAL_BUNDLES;
    try {
      writeFileSync(path.join(broken, 'content/reports/chenxi-2022-fazhi-zhengfu/report.yaml'), 'title: [unclosed\n');
      const forksWith = async (store: string) => {
        process.env.NIANBAO_PORTAL_BUNDLES = store;
        forked.length = 0;
        expect((await build({ target: broken, stages, cache: true })).ok).toBe(false);
        return [...forked];
      };
      compileCaches.length = 0;
      expect(await forksWith(empty)).toEqual([[], ['--compile-pages']]);
      // Both load nianbao's modules with Node's compile cache on from the first (the user's folder: this process has none of its own).
      expect(compileCaches).toEqual([compileCacheDir(), compileCacheDir()]);
      expect(compileCacheDir()).toBeTruthy();
      expect(await forksWith('off')).toEqual([[]]);
      expect(portalChildren()).toEqual([]);
    } finally {
      if (outer === undefined) delete process.env.NIANBAO_PORTAL_BUNDLES;
      else process.env.NIANBAO_PORTAL_BUNDLES = outer;
      rmSync(broken, { recursive: true, force: true });
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('is ended by a first build that stops at its content', async () => {
    const broken = copySample('nianbao-portal-warm-broken-');
    try {
      writeFileSync(path.join(broken, 'content/reports/chenxi-2022-fazhi-zhengfu/report.yaml'), 'title: [unclosed\n');
      atLoadEnd.length = 0;
      const failed = await build({ target: broken, stages, cache: true });
      expect(failed.ok).toBe(false);
      // Running while the content was read, gone once the build has stopped: nothing is left to run beside the caller.
      expect(atLoadEnd).toHaveLength(1);
      expect(atLoadEnd[0]).toHaveLength(1);
      expect(portalChildren()).toEqual([]);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
