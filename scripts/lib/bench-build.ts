/**
 * One build for the benchmark, in its own process (so that its memory and start-up are its own):
 * `node scripts/lib/bench-build.ts <project> [--no-pdf]`. Prints the result as JSON on its last line.
 */
import { build } from '../../src/build/build.ts';
import { stages } from '../../src/build/stages.ts';

const [target, ...flags] = process.argv.slice(2);
const started = performance.now();
const result = await build({ target: target!, cache: true, stages: flags.includes('--no-pdf') ? stages.filter((s) => s.id !== 'pdf' && s.id !== 'ofd') : undefined });
const total = (performance.now() - started) / 1000;
if (!result.ok) {
  console.log(JSON.stringify({ ok: false, error: result.error, diagnostics: result.diagnostics.filter((d) => d.severity === 'error').slice(0, 5) }));
  process.exitCode = 1;
} else {
  console.log(JSON.stringify({ ok: true, total, seconds: result.seconds, rebuilt: result.cache?.rebuilt ?? {}, hits: result.cache?.hits ?? {} }));
}
