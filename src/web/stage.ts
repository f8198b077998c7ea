/**
 * The portal rendered in the running process, from the model provided (model.ts): by Astro's build,
 * or from the pages' modules an earlier Astro build compiled (portal-bundle.ts). Astro empties its
 * output folder, and earlier stages (DOCX) have already written into ours, so the pages go to a
 * scratch folder whose contents are then moved in. The build runs this in a process of its own
 * (src/build/portal.ts): what the render holds is then returned to the system when that process ends.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentModel } from '../content/index.ts';
import type { OutputFormat } from '../pipeline/stage.ts';
import { processAlive } from '../pipeline/staging.ts';
import type { AstroIntegration } from 'astro';
import { hasPortalInput, providePortalInput, withdrawPortalInput } from './model.ts';
import { BundleStore, bundleKey, defaultBundleStore } from './portal-bundle.ts';
import { captureBundle } from './bundle-capture.ts';
import { loadBundle, renderFromBundle, type LoadedBundle } from './bundle-render.ts';

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
  /** Only these issuers' pages; every issuer's when unset. */
  renderIssuers?: ReadonlySet<string>;
  filing: boolean;
  formats: readonly OutputFormat[];
  /** Where compiled pages are kept between builds (portal-bundle.ts); `false`: Astro bundles, nothing is kept. Default: inside nianbao. */
  bundles?: BundleStore | false;
}

/** How the pages were rendered: from the modules kept by an earlier build (or compiled ahead: compilePages), or by Astro's build (which bundles them first). */
export interface PortalRendered {
  from: 'kept' | 'astro';
}

/**
 * Renders the pages: from the bundle kept for this code version and site address when there is one
 * (bundle-render.ts), else with Astro's build, keeping what it bundled for the next build. The
 * combined data files and the search index are left to the caller (type-data.ts, search-index.ts).
 */
export async function renderPortal(run: PortalRender): Promise<PortalRendered> {
  // Astro reports usage to its makers unless told not to; a build makes no outside requests.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  providePortalInput({ model: run.model, outputDir: run.outDir, renderOnly: run.renderOnly, renderIssuers: run.renderIssuers, filing: run.filing, formats: run.formats, writtenByBuild: true });
  rmSync(run.scratch, { recursive: true, force: true });
  preparePortal(run.model.site, run.bundles);
  const { bundleKey: key, store, workDir, loaded } = prepared!;
  prepared = undefined;
  const cwd = process.cwd();
  try {
    const bundle = await loaded;
    if (bundle) await renderFromBundle(bundle, run.scratch, run.model.site);
    else await renderWithAstro(run, workDir, store && captureBundle(store, key));
    moveInto(run.scratch, run.outDir);
    return { from: bundle ? 'kept' : 'astro' };
  } finally {
    if (workDir) {
      process.chdir(cwd);
      rmSync(workDir, { recursive: true, force: true });
    }
    rmSync(run.scratch, { recursive: true, force: true });
  }
}

/** What the next render needs, begun before it is asked for: its working folder, and the kept bundle loaded or else Astro. */
let prepared: { key: string; bundleKey: string; store?: BundleStore; workDir?: string; loaded: Promise<LoadedBundle | undefined> } | undefined;

/**
 * Begins loading what a render of this site needs: the portal's process calls it as soon as it has
 * the model, and waits for the render request meanwhile. With a kept bundle, its modules (about a
 * quarter of a second at two reports); without one, Astro, which will bundle.
 */
export function preparePortal(site: ContentModel['site'], bundles?: BundleStore | false): void {
  const store = bundles === undefined ? defaultBundleStore() : bundles || undefined;
  const kept = bundleKey(site);
  const key = `${kept}\n${store?.dir ?? ''}`;
  if (prepared?.key === key) return;
  if (prepared?.workDir) {
    const old = prepared;
    void old.loaded.finally(() => rmSync(old.workDir!, { recursive: true, force: true }));
  }
  const workDir = astroWorkDir();
  const loaded = workDir && store ? loadKept(store, kept, workDir) : Promise.resolve(undefined);
  // Astro is needed only when no bundle is kept. Failing here fails again, with its message, when the render asks for it.
  void loaded.then((bundle): unknown => bundle ?? import('astro')).catch(() => {});
  prepared = { key, bundleKey: kept, store: workDir ? store : undefined, workDir, loaded };
}

/**
 * Has Astro compile the pages of this site address and keep them in the store, rendering none: a
 * render that follows is that of a kept bundle, the same bytes as Astro's (tests/web/portal-bundle.test.ts).
 * The build runs it in a process of its own while it reads the content (src/build/portal.ts), which
 * then ends, taking what Astro's compiler holds outside the JavaScript heap with it. Astro's
 * configuration reads the site from the portal's input (astro.config.mjs): a model without reports
 * gives it. `compiled`, or `kept` already (nothing is compiled), or `failed`: there is no store,
 * or Astro failed (the render then runs Astro's build, which reports why).
 */
export async function compilePages(site: ContentModel['site'], bundles?: BundleStore | false): Promise<'compiled' | 'kept' | 'failed'> {
  const store = bundles === undefined ? defaultBundleStore() : bundles || undefined;
  const key = bundleKey(site);
  if (!store) return 'failed';
  if (store.find(key)) return 'kept';
  // Another build compiling the same pages is waited for, and its bundle used.
  const release = await store.claim(key);
  try {
    if (store.find(key)) return 'kept';
    return await compileClaimed(site, store, key);
  } finally {
    release?.();
  }
}

async function compileClaimed(site: ContentModel['site'], store: BundleStore, key: string): Promise<'compiled' | 'failed'> {
  const workDir = astroWorkDir();
  if (!workDir) return 'failed';
  const hadInput = hasPortalInput();
  if (!hadInput) providePortalInput({ model: { root: PORTAL_ROOT, contentDir: PORTAL_ROOT, site, issuers: [], reports: [], drafts: [] }, writtenByBuild: true });
  // Astro copies the site's public files and stylesheets here, and they are kept with the bundle:
  // outside the working folder, as a render's, and named like it, so that a later build removes it if this process is killed.
  const out = mkdtempSync(path.join(path.dirname(workDir), `astro-${process.pid}-ahead-`));
  const cwd = process.cwd();
  try {
    const { build } = await import('astro');
    process.chdir(workDir);
    await build({
      root: PORTAL_ROOT,
      outDir: out,
      base: site.basePath,
      site: site.domain ? `https://${site.domain}` : undefined,
      logLevel: 'warn',
      mode: 'production',
      integrations: [captureBundle(store, key, { render: false })],
    });
    return store.find(key) ? 'compiled' : 'failed';
  } catch {
    return 'failed';
  } finally {
    process.chdir(cwd);
    if (!hadInput) withdrawPortalInput();
    rmSync(out, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The kept bundle, loaded; none when there is none or it cannot be loaded (then Astro bundles anew). */
async function loadKept(store: BundleStore, key: string, workDir: string): Promise<LoadedBundle | undefined> {
  const bundle = store.find(key);
  if (!bundle) return undefined;
  try {
    return await loadBundle(bundle, workDir);
  } catch {
    // Damaged, or removed by another build as it was read: Astro's build keeps a whole one in its place.
    store.discard(key);
    rmSync(path.join(workDir, 'prerender'), { recursive: true, force: true });
    return undefined;
  }
}

async function renderWithAstro(run: PortalRender, workDir: string | undefined, capture: AstroIntegration | undefined): Promise<void> {
  const { build } = await import('astro');
  const { site } = run.model;
  if (workDir) process.chdir(workDir);
  await build({
    root: PORTAL_ROOT,
    outDir: run.scratch,
    base: site.basePath,
    site: site.domain ? `https://${site.domain}` : undefined,
    logLevel: 'warn',
    mode: 'production',
    integrations: capture ? [capture] : [],
  });
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
