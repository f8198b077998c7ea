/**
 * The portal rendered by Astro in the running process, from the model provided (model.ts). Astro
 * empties its output folder, and earlier stages (DOCX) have already written into ours, so Astro
 * builds into a scratch folder whose contents are then moved in. The build runs this in a process
 * of its own (src/build/portal.ts): what Astro's bundler holds after a build is then returned to
 * the system when that process ends.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentModel } from '../content/index.ts';
import type { OutputFormat } from '../pipeline/stage.ts';
import { processAlive } from '../pipeline/staging.ts';
import { providePortalInput } from './model.ts';

/** The folder holding astro.config.mjs and src/pages (nianbao itself, not the content project). */
export const PORTAL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface PortalRender {
  model: ContentModel;
  /** The build's output folder: the pages are moved into it, beside the downloads already there. */
  outDir: string;
  /** Where Astro writes first (emptied before and removed after). */
  scratch: string;
  /** Only these reports' own pages (an incremental build); every report's when unset. */
  renderOnly?: ReadonlySet<string>;
  filing: boolean;
  formats: readonly OutputFormat[];
}

/** Renders the pages with Astro. The combined data files and the search index are left to the caller (type-data.ts, search-index.ts). */
export async function renderPortal(run: PortalRender): Promise<void> {
  // Astro reports usage to its makers unless told not to; a build makes no outside requests.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  providePortalInput({ model: run.model, outputDir: run.outDir, renderOnly: run.renderOnly, filing: run.filing, formats: run.formats, writtenByBuild: true });
  const { build } = await import('astro');
  rmSync(run.scratch, { recursive: true, force: true });
  const workDir = astroWorkDir();
  const cwd = process.cwd();
  try {
    const { site } = run.model;
    if (workDir) process.chdir(workDir);
    await build({
      root: PORTAL_ROOT,
      outDir: run.scratch,
      base: site.basePath,
      site: site.domain ? `https://${site.domain}` : undefined,
      logLevel: 'warn',
      mode: 'production',
    });
    moveInto(run.scratch, run.outDir);
  } finally {
    if (workDir) {
      process.chdir(cwd);
      rmSync(workDir, { recursive: true, force: true });
    }
    rmSync(run.scratch, { recursive: true, force: true });
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
