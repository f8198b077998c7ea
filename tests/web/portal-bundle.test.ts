/**
 * The portal's pages kept compiled between builds (src/web/portal-bundle.ts): the first render of
 * a code version and site address is Astro's build, which leaves its bundle in the store; the next
 * ones render from that bundle without Astro's build, and must write the very same bytes, whole
 * and incremental. A damaged bundle is replaced, not used.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { bundleKey, BundleStore } from '../../src/web/portal-bundle.ts';
import { outputFile, pageUrl } from '../../src/web/bundle-render.ts';
import { treeSnapshot } from '../helpers/tree-snapshot.ts';
import { REPO, runNodeParallel } from '../helpers/cli.ts';
import { copySample, TWO_SAMPLES } from '../integrity/sample-project.ts';

const made: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Renders in a process of its own (tests/web/render-portal.ts); returns the site folder and how it was rendered. */
function render(project: string, store: string, slugs: string[] = [], env: Record<string, string> = {}): { site: string; from: string; stderr: string } {
  const site = path.join(temp('nianbao-bundle-site-'), 'site');
  const r = spawnSync(process.execPath, [path.join(REPO, 'tests/web/render-portal.ts'), project, site, store, ...slugs], { encoding: 'utf8', timeout: 240_000, env: { ...process.env, ...env } });
  expect(r.status, r.stderr).toBe(0);
  return { site, from: (JSON.parse(r.stdout) as { from: string }).from, stderr: r.stderr };
}

describe('the portal rendered from its kept bundle', () => {
  const project = copySample('nianbao-bundle-');
  made.push(project);
  const loaded = loadContent(project);
  if (!loaded.ok) throw new Error('sample content is invalid');
  const { site, reports } = loaded.model;
  const store = temp('nianbao-bundles-');
  /** The whole site as Astro's build wrote it. */
  let whole: Record<string, string> = {};
  /** The store a build's compile process filled (an empty one before it). */
  let compiledAhead = '';

  it('writes byte for byte the pages Astro writes, whole and for one report, and keeps one bundle per code version and site address', () => {
    const first = render(project, store);
    expect(first.from).toBe('astro');
    expect(readdirSync(store)).toEqual([bundleKey(site)]);
    const snapshot = treeSnapshot(first.site);
    whole = snapshot;
    // Pages, endpoints (the sitemap, the data note), the 404 page, Astro's stylesheets and scripts, and public/.
    expect(Object.keys(snapshot)).toEqual(expect.arrayContaining(['index.html', '404.html', 'favicon.svg', 'sitemap.xml', 'data/README.txt', `reports/${TWO_SAMPLES[1]}/index.html`]));
    // Each report's data files are the build's to write (src/web/report-data.ts), as are the combined ones.
    expect(Object.keys(snapshot).filter((f) => /^data\/[^/]+\.(json|csv)$/.test(f) && !f.includes('schema'))).toEqual([]);
    expect(Object.keys(snapshot).some((f) => /^_astro\/.+\.css$/.test(f))).toBe(true);

    const second = render(project, store);
    expect(second.from).toBe('kept');
    expect(treeSnapshot(second.site)).toEqual(snapshot);

    const one = TWO_SAMPLES[0]!;
    const oneKept = render(project, store, [one]);
    expect(oneKept.from).toBe('kept');
    // What Astro's build writes for one report, without bundling it again: its whole render less the
    // other reports' own pages (report, print) and the series pages of no report rendered
    // (src/web/model.ts); every other file is written alike, each page reading the whole model.
    const series = (r: (typeof reports)[number]) => `metrics/${r.template.id}/${r.issuer.id}/`;
    const rendered = reports.filter((r) => r.slug === one);
    const leftOut = reports
      .filter((r) => r.slug !== one)
      .flatMap((r) => [`reports/${r.slug}/`, `print/${r.slug}/`, ...(rendered.some((x) => series(x) === series(r)) ? [] : [series(r)])]);
    for (const dir of leftOut) expect(snapshot[dir], dir).toBe('dir');
    const oneAstro = Object.fromEntries(Object.entries(snapshot).filter(([f]) => !leftOut.some((dir) => f.startsWith(dir))));
    expect(treeSnapshot(oneKept.site)).toEqual(oneAstro);
    expect(existsSync(path.join(oneKept.site, 'reports', TWO_SAMPLES[1]!))).toBe(false);
    expect(readdirSync(store)).toEqual([bundleKey(site)]);
  });

  it('replaces a damaged bundle with the one Astro makes, and renders the same pages', () => {
    const kept = path.join(store, bundleKey(site));
    const chunks = path.join(kept, 'prerender', 'chunks');
    const removed = readdirSync(chunks).find((f) => f.endsWith('.mjs'))!;
    unlinkSync(path.join(chunks, removed));
    // The store as a build finds it, named by NIANBAO_PORTAL_BUNDLES.
    const healed = render(project, 'default', [], { NIANBAO_PORTAL_BUNDLES: store });
    expect(healed.from).toBe('astro');
    expect(treeSnapshot(healed.site)).toEqual(whole);
    expect(existsSync(path.join(chunks, removed))).toBe(true);
    expect(new BundleStore(store).find(bundleKey(site))).toBeDefined();
  });

  it('has a build compile the pages while it reads the content, the same pages as Astro’s build, kept for the next build; of two builds started together, one compiles and the other waits for it', async () => {
    const build = async (env: Record<string, string>) => {
      const site = path.join(temp('nianbao-bundle-build-'), 'dist');
      const r = await runNodeParallel(path.join(REPO, 'tests/web/build-pages.ts'), [project, site], { env });
      expect(r.code, r.stderr).toBe(0);
      return { site, log: (JSON.parse(r.stdout) as string[]).join('\n') };
    };
    const fresh = temp('nianbao-bundles-build-');
    compiledAhead = fresh;
    const AHEAD = '网站页面：读取内容的同时已由 Astro 编译好，随后渲染';
    const KEPT = '网站页面：用上次编译好的页面模块渲染';
    // Two builds on an empty store at once (as a CI matrix's shards on one runner): the pages are
    // compiled once (BundleStore.claim), by whichever build claims them first.
    const pair = await Promise.all([build({ NIANBAO_PORTAL_BUNDLES: fresh }), build({ NIANBAO_PORTAL_BUNDLES: fresh })]);
    const first = pair.find((b) => b.log.includes(AHEAD));
    const second = pair.find((b) => b !== first);
    expect(first, pair.map((b) => b.log).join('\n---\n')).toBeDefined();
    expect(second!.log).toContain(KEPT);
    expect(second!.log).not.toContain(AHEAD);
    expect(readdirSync(fresh)).toEqual([bundleKey(site)]);
    // No store (NIANBAO_PORTAL_BUNDLES=off): nothing kept is used; Astro's build compiles and renders, as before there were kept bundles.
    const astro = await build({ NIANBAO_PORTAL_BUNDLES: 'off' });
    expect(astro.log).toContain('网站页面：由 Astro 编译后渲染');
    const pages = treeSnapshot(astro.site);
    expect(Object.keys(pages)).toEqual(expect.arrayContaining(['index.html', `data/${TWO_SAMPLES[0]}.json`, `print/${TWO_SAMPLES[1]}/index.html`]));
    expect(treeSnapshot(first!.site)).toEqual(pages);
    expect(treeSnapshot(second!.site)).toEqual(pages);
  });

  // The compile ahead on its own (compilePages), on the store the build above compiled into.
  it('renders Astro’s bytes from the pages compiled ahead, and compiles nothing when they are kept', () => {
    const ahead = render(project, compiledAhead, [], { NIANBAO_TEST_AHEAD: '1' });
    expect(ahead.stderr).toContain('compile: kept');
    expect(ahead.from).toBe('kept');
    expect(readdirSync(compiledAhead)).toEqual([bundleKey(site)]);
    expect(treeSnapshot(ahead.site)).toEqual(whole);
  });

  it('keys a bundle by the site address the pages are compiled for', () => {
    const keys = new Set([
      bundleKey({ basePath: '/ndbg/', domain: 'www.chenxi.gov.cn' }),
      bundleKey({ basePath: '/ndbg/', domain: undefined }),
      bundleKey({ basePath: '/', domain: 'www.chenxi.gov.cn' }),
      bundleKey({ basePath: '/a/b/', domain: 'www.chenxi.gov.cn' }),
    ]);
    expect(keys.size).toBe(4);
    expect(bundleKey({ basePath: '/ndbg/', domain: 'www.chenxi.gov.cn' })).toBe(bundleKey({ basePath: '/ndbg/', domain: 'www.chenxi.gov.cn' }));
  });

  it('requests and writes each kind of route where Astro does', () => {
    const page = { route: '/reports/[slug]', type: 'page' };
    const endpoint = { route: '/data/[file]', type: 'endpoint' };
    expect(pageUrl('/ndbg/', '/', page)).toBe('/ndbg/');
    expect(pageUrl('/', '', page)).toBe('/');
    expect(pageUrl('/ndbg/', '/reports/a', page)).toBe('/ndbg/reports/a/');
    expect(pageUrl('/a/b/', '/reports/a/', page)).toBe('/a/b/reports/a/');
    expect(pageUrl('/ndbg/', '/data/a.json/', endpoint)).toBe('/ndbg/data/a.json/');
    expect(pageUrl('/ndbg/', '/sitemap.xml', endpoint)).toBe('/ndbg/sitemap.xml');
    expect(outputFile('/', page)).toBe('index.html');
    expect(outputFile('/404', { route: '/404', type: 'page' })).toBe('404.html');
    expect(outputFile('/reports/a', page)).toBe('reports/a/index.html');
    expect(outputFile('/data/a.json/', endpoint)).toBe('data/a.json');
  });
});
