/**
 * Renders a project's portal pages with renderPortal (src/web/stage.ts) in a process of its own, as
 * the build's portal process does: for the tests of the kept bundle (portal-bundle.test.ts), which
 * choose the store. Arguments: project, output folder, store folder, `none` or `default` (as a build:
 * NIANBAO_PORTAL_BUNDLES or nianbao's folder), then the slugs to render (all when none). With
 * NIANBAO_TEST_AHEAD=1 the pages are first compiled from the site's settings alone, as a build
 * does before it reads the content. Prints how the pages were rendered, as JSON.
 */
import { loadContent } from '../../src/content/index.ts';
import { compilePages, renderPortal } from '../../src/web/stage.ts';
import { BundleStore } from '../../src/web/portal-bundle.ts';

const [project, outDir, store, ...slugs] = process.argv.slice(2);
const loaded = loadContent(project!);
if (!loaded.ok) throw new Error(`内容检查未通过：${project}`);
const bundles = store === 'none' ? false : store === 'default' ? undefined : new BundleStore(store!);
// As the build's compiling process does (src/build/portal.ts): it says how on stderr.
if (process.env.NIANBAO_TEST_AHEAD === '1') process.stderr.write(`compile: ${await compilePages(loaded.model.site, bundles)}\n`);
const rendered = await renderPortal({
  model: loaded.model,
  outDir: outDir!,
  scratch: `${outDir}.scratch`,
  renderOnly: slugs.length ? new Set(slugs) : undefined,
  filing: false,
  formats: [],
  bundles,
});
process.stdout.write(JSON.stringify(rendered));
