/**
 * Keeps what Astro bundled during a build of the portal (portal-bundle.ts). Astro writes the server
 * modules of the pages to a `.prerender` folder, moves the stylesheets and scripts into the output
 * folder, and only then loads the modules to render the pages, removing the folder afterwards. The
 * integration wraps Astro's prerenderer: once it has loaded the modules, and before any page is
 * written, both folders hold exactly the bundle, and are copied into the store.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { BundleStore, PageStyles } from './portal-bundle.ts';

/** Astro's page data, as far as the generation of a page reads it (its stylesheets, in Astro's sort order). */
type PagesByKey = Map<string, { styles: PageStyles }>;

/** `render: false`: Astro renders no page (the build bundles ahead of the content, src/web/stage.ts). */
export function captureBundle(store: BundleStore, key: string, options: { render?: boolean } = {}): AstroIntegration {
  let outDir: string | undefined;
  let pages: PagesByKey | undefined;
  return {
    name: 'nianbao-portal-bundle',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      // The same map Astro fills with each page's stylesheets as it bundles.
      'astro:build:setup': ({ pages: p }) => {
        pages = p as unknown as PagesByKey;
      },
      'astro:build:start': ({ setPrerenderer }) => {
        setPrerenderer((astro) => ({
          ...astro,
          async setup() {
            await astro.setup?.();
            if (outDir && pages) keep(store, key, outDir, pages);
          },
          getStaticPaths: () => (options.render === false ? Promise.resolve([]) : astro.getStaticPaths()),
          render: (request, options) => astro.render(request, options),
          teardown: async () => astro.teardown?.(),
        }));
      },
    },
  };
}

/** Copies the bundle into the store. A bundle not kept only means the next build bundles again: no failure here fails the build. */
function keep(store: BundleStore, key: string, outDir: string, pages: PagesByKey): void {
  const prerender = prerenderFolder(outDir);
  const entry = prerender && readdirSync(prerender).filter((name) => /^prerender-entry.*\.mjs$/.test(name));
  if (!prerender || entry?.length !== 1) return;
  let assembled: string | undefined;
  try {
    assembled = store.begin();
    cpSync(prerender, path.join(assembled, 'prerender'), { recursive: true });
    cpSync(outDir, path.join(assembled, 'assets'), { recursive: true });
    const styles = [...pages].map(([k, page]): [string, PageStyles] => [k, page.styles]);
    store.commit(assembled, key, { entry: entry[0]!, styles });
  } catch {
    // The store is full or read-only; the build goes on.
    if (assembled) store.abandon(assembled);
  }
}

/** Where Astro put the server modules: beside the pages when the output folder is under the working folder, else in the working folder's `.astro/`. */
function prerenderFolder(outDir: string): string | undefined {
  const cwd = process.cwd();
  const base = outDir.startsWith(cwd) ? outDir : path.join(cwd, '.astro');
  const dir = path.join(base, '.prerender');
  return existsSync(dir) ? dir : undefined;
}
