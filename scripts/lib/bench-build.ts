/**
 * One build for the benchmark, in its own process (so that its memory and start-up are its own):
 * `node scripts/lib/bench-build.ts <project> [--no-pdf]`. Prints `stage <id>` as each stage (and
 * the search index inside the portal's, as `web.search`) starts, for the memory sampler, and the
 * result as JSON on its last line.
 */
import { build } from '../../src/build/build.ts';
import { stages } from '../../src/build/stages.ts';
import { watchPhases } from '../../src/pipeline/timing.ts';

const announce = (id: string) => console.log(`stage ${id}`);

const [target, ...flags] = process.argv.slice(2);
const chosen = flags.includes('--no-pdf') ? stages.filter((s) => s.id !== 'pdf' && s.id !== 'ofd') : stages;
const watched = chosen.map((s) => ({
  ...s,
  run: (ctx: Parameters<typeof s.run>[0]) => {
    announce(s.id);
    watchPhases((phase) => announce(phase ? `${s.id}.${phase}` : s.id));
    return s.run(ctx).finally(() => watchPhases(undefined));
  },
}));
const started = performance.now();
announce('load');
const result = await build({ target: target!, cache: true, stages: watched });
announce('end');
const total = (performance.now() - started) / 1000;
if (!result.ok) {
  console.log(JSON.stringify({ ok: false, error: result.error, diagnostics: result.diagnostics.filter((d) => d.severity === 'error').slice(0, 5) }));
  process.exitCode = 1;
} else {
  console.log(JSON.stringify({ ok: true, total, seconds: result.seconds, rebuilt: result.cache?.rebuilt ?? {}, hits: result.cache?.hits ?? {} }));
}
