// @ts-check
// The portal's Astro configuration. Content reaches the pages only through src/web/model.ts:
// `nianbao build` provides the model it has checked; a plain `astro build` loads and checks the
// content here, with the CLI's code, and stops with its diagnostics when the content is invalid.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { ensureModel } from './src/web/load-model.ts';
import { siteModel, writtenByBuild } from './src/web/model.ts';
import { writeSearchIndex } from './src/web/search-index.ts';

const model = ensureModel(fileURLToPath(new URL('.', import.meta.url)));

export default defineConfig({
  base: model.site.basePath,
  site: model.site.domain ? `https://${model.site.domain}` : undefined,
  trailingSlash: 'always',
  // No inline styles or scripts: every page carries a Content-Security-Policy without 'unsafe-inline'.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  compressHTML: true,
  devToolbar: { enabled: false },
  integrations: [
    {
      name: 'nianbao-search-index',
      hooks: {
        // The Chinese full-text index over the finished pages, whichever way the build was started.
        // nianbao build indexes the site itself, once Astro is done (src/build/portal.ts).
        'astro:build:done': async ({ dir }) => {
          if (!writtenByBuild()) await writeSearchIndex(fileURLToPath(dir), siteModel().reports);
        },
      },
    },
  ],
});
