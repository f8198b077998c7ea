/**
 * Renders the portal from a kept bundle (portal-bundle.ts), as Astro's static generation does once
 * it has bundled: the prerender entry's app lists every page (each route's getStaticPaths), renders
 * each to a Response, and the body is written where Astro would write it (build.format
 * 'directory', trailingSlash 'always', astro.config.mjs). The pages are byte for byte those of an
 * Astro build (tests/web/portal-bundle.test.ts); the bundle pins Astro's version (the lockfile is in
 * its key), and with it the entry's interface used here.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PortalBundle } from './portal-bundle.ts';

/** The route data of a page, as far as it is read here. */
interface Route {
  route: string;
  type: string;
}

/** The part of the prerender entry's app (Astro's BuildApp) used here. */
interface BundleApp {
  manifest: { pageMap?: Map<string, () => Promise<unknown>> };
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
  render(request: Request, options: { routeData: Route }): Promise<Response>;
}

/** The bundle's app, loaded and ready to render. */
export interface LoadedBundle {
  bundle: PortalBundle;
  app: BundleApp;
}

/**
 * Loads a bundle's modules from a copy in `workDir`: each render gets module instances of its own
 * (Astro's route cache keeps each route's page list for the life of its module), as an Astro build does.
 */
export async function loadBundle(bundle: PortalBundle, workDir: string): Promise<LoadedBundle> {
  const modules = path.join(workDir, 'prerender');
  cpSync(path.join(bundle.dir, 'prerender'), modules, { recursive: true });
  const entry = (await import(pathToFileURL(path.join(modules, bundle.info.entry)).href)) as { app?: BundleApp };
  const app = entry.app;
  if (!app || typeof app.render !== 'function' || typeof app.setInternals !== 'function') throw new Error('网站页面的模块不完整');
  const { default: nodeLog } = await import('astro/logger/node');
  // What the app's page generation reads of Astro's build: each page's stylesheets; no page-stage scripts.
  app.setInternals({ pagesByKeys: new Map(bundle.info.styles.map(([key, styles]) => [key, { styles }])), entrySpecifierToBundleMap: new Map() });
  app.setOptions({ settings: { scripts: [] }, logger: { options: { destination: nodeLog({ level: 'warn' }) } } });
  // Every page's module, which the render would load one by one as it reaches them. None reads the model as it loads.
  await Promise.all([...(app.manifest.pageMap?.values() ?? [])].map((load) => load()));
  return { bundle, app };
}

/** Renders every page the model gives into `outDir` (empty), after the bundle's scripts, stylesheets and public files. */
export async function renderFromBundle(loaded: LoadedBundle, outDir: string, site: { basePath: string; domain?: string | undefined }): Promise<number> {
  const { app, bundle } = loaded;
  cpSync(path.join(bundle.dir, 'assets'), outDir, { recursive: true });
  const { StaticPaths } = await import('astro/runtime/prerender/static-paths.js');
  const paths = (await new StaticPaths(app as never).getAll()) as { pathname: string; route: Route }[];
  // As Astro's default: Astro's build writes the first of two routes giving the same path.
  const done = new Set<string>();
  const origin = site.domain ? `https://${site.domain}` : 'http://localhost:4321';
  const made = new Set<string>();
  for (const { pathname, route } of paths) {
    const normalized = pathname.replace(/\/$/, '');
    if (done.has(normalized)) continue;
    done.add(normalized);
    const response = await app.render(new Request(new URL(pageUrl(site.basePath, pathname, route), origin)), { routeData: route });
    if (response.status >= 300 && response.status < 400) throw new Error(`页面 ${pathname} 是重定向，网站不用重定向`);
    if (!response.body) continue;
    const file = path.join(outDir, ...outputFile(pathname, route).split('/'));
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  }
  return done.size;
}

/** The address Astro requests a page at (its getUrlForPath). */
export function pageUrl(base: string, pathname: string, route: Route): string {
  const root = base.replace(/\/+$/, '');
  const rel = pathname.replace(/^\/+/, '');
  if (rel === '') return `${root}/`;
  if (route.type === 'endpoint') return /\.[0-9a-z]+$/i.test(rel) ? `${root}/${rel}` : `${root}/${rel.replace(/\/?$/, '/')}`;
  return `${root}/${rel.replace(/\/$/, '')}/`;
}

/** Where Astro writes a page, relative to the output folder (its getOutFolder and getOutFile). */
export function outputFile(pathname: string, route: Route): string {
  const rel = pathname.replace(/^\/+/, '').replace(/\/$/, '');
  if (route.type === 'endpoint') return rel;
  if (rel === '404' || rel === '500') return `${rel}.html`;
  return rel === '' ? 'index.html' : `${rel}/index.html`;
}
