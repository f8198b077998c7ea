/**
 * The portal stage: the Astro site built from the model (its search index is written by the
 * integration in astro.config.mjs). Astro empties its output folder, and earlier stages (DOCX)
 * have already written into ours, so Astro builds into a folder beside it whose contents are then
 * moved in.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildContext, BuildStage } from '../pipeline/stage.ts';
import { processAlive, stagingPath } from '../pipeline/staging.ts';
import { providePortalInput } from './model.ts';
import { writeSearchIndex, type SearchShard } from './search-index.ts';

/** An incremental portal build: which reports' own pages to render, and how to put back the others. */
export interface PartialPortal {
  renderOnly: ReadonlySet<string>;
  /** Copies the pages not rendered into the site folder, before the search index is written. */
  restore(siteDir: string): void;
  /** Puts a year's search bundle back from the last output if its pages are unchanged; says whether it did. */
  reuseSearch(siteDir: string, shard: SearchShard): boolean;
}

/** The folder holding astro.config.mjs and src/pages (nianbao itself, not the content project). */
export const PORTAL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function buildPortal(ctx: BuildContext, partial?: PartialPortal): Promise<void> {
  // Astro reports usage to its makers unless told not to; a build makes no outside requests.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  providePortalInput({ model: ctx.model, outputDir: ctx.outDir, renderOnly: partial?.renderOnly, filing: ctx.forms?.includes('filing') ?? false, formats: ctx.formats });
  const { build } = await import('astro');
  // Named so that a later build removes it if this one is killed (src/pipeline/staging.ts).
  const scratch = stagingPath(ctx.outDir, 'web');
  rmSync(scratch, { recursive: true, force: true });
  const workDir = astroWorkDir();
  const cwd = process.cwd();
  try {
    const { site } = ctx.model;
    if (workDir) process.chdir(workDir);
    await build({
      root: PORTAL_ROOT,
      outDir: scratch,
      base: site.basePath,
      site: site.domain ? `https://${site.domain}` : undefined,
      logLevel: 'warn',
      mode: 'production',
    });
    moveInto(scratch, ctx.outDir);
    if (partial) {
      partial.restore(ctx.outDir);
      const search = await writeSearchIndex(ctx.outDir, ctx.model.reports, (shard) => partial.reuseSearch(ctx.outDir, shard));
      const years = (names: string[]) => (names.length ? names.map((n) => `${n} 年`).join('、') : '无');
      ctx.log(`搜索索引：重建 ${years(search.indexed)}，沿用 ${years(search.reused)}。`);
    }
  } finally {
    if (workDir) {
      process.chdir(cwd);
      rmSync(workDir, { recursive: true, force: true });
    }
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A working folder of its own for one Astro build, inside nianbao. Astro writes its prerender
 * chunks under the working folder (when the output is outside it) and imports them from there:
 * the chunks must be able to resolve nianbao's packages, and each build needs its own folder, or
 * Node would hand a second build in the same process the first one's modules, with their cached
 * page lists, and two builds started from the same folder would overwrite each other's chunks.
 */
function astroWorkDir(): string | undefined {
  try {
    const parent = path.join(PORTAL_ROOT, '.cache');
    mkdirSync(parent, { recursive: true });
    // Folders of builds that were killed outright (their process is gone) are removed first.
    for (const name of readdirSync(parent)) {
      const pid = /^astro-(\d+)-/.exec(name)?.[1];
      if (pid && Number(pid) !== process.pid && !processAlive(Number(pid))) rmSync(path.join(parent, name), { recursive: true, force: true });
    }
    return mkdtempSync(path.join(parent, `astro-${process.pid}-`));
  } catch {
    // nianbao's folder is read-only: build from the current folder, as Astro would.
    return undefined;
  }
}

/** Moves every entry of `from` into `to`, merging folders; a file of the same name is replaced. */
function moveInto(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = path.join(from, name);
    const dest = path.join(to, name);
    if (existsSync(dest) && statSync(dest).isDirectory() && statSync(src).isDirectory()) moveInto(src, dest);
    else {
      rmSync(dest, { recursive: true, force: true });
      renameSync(src, dest);
    }
  }
}

export const webStage: BuildStage = {
  id: 'web',
  label: '生成网站',
  async run(ctx) {
    await buildPortal(ctx);
    ctx.log(`网站：${ctx.model.reports.length} 份报告的页面、历年数据和全文搜索索引。`);
  },
};
