/**
 * Builds a project's pages (the web stage alone, no cache) in a process of its own, as `nianbao
 * build` starts them: for the tests of how the pages' modules are compiled (portal-bundle.test.ts),
 * which choose the store through NIANBAO_PORTAL_BUNDLES, read by the portal's process as it starts.
 * Arguments: project, output folder. Prints the build's log lines, as JSON.
 */
import { build } from '../../src/build/build.ts';
import { webStage } from '../../src/build/portal.ts';

const [project, outDir] = process.argv.slice(2);
const log: string[] = [];
const result = await build({ target: project!, outDir: outDir!, stages: [webStage], cache: false, log: (m) => log.push(m) });
if (!result.ok) throw new Error(JSON.stringify(result.error ?? result.diagnostics));
process.stdout.write(JSON.stringify(log));
