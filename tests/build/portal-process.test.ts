/**
 * The portal is rendered by Astro in a process of its own (src/build/portal.ts): the build's own
 * process never runs Astro's bundler, whose threads and memory would stay with it through the PDF
 * stage, and what goes wrong in that process reaches the build as its error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { buildPortal, webStage } from '../../src/build/portal.ts';
import { loadContent } from '../../src/content/index.ts';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';
import type { BuildStage, OutputFormat } from '../../src/pipeline/stage.ts';
import { reusableWeb } from '../../src/build/cached-stages.ts';
import { manifestStage } from '../../src/integrity/manifest-stage.ts';
import { copySample } from '../integrity/sample-project.ts';
import { processes } from '../helpers/processes.ts';
import { COMPILE_ARG } from '../../src/build/compile-exit.ts';

const root = copySample('nianbao-portal-process-');
const broken = copySample('nianbao-portal-process-broken-');
const other = copySample('nianbao-portal-process-other-', ['chenxi-caizhengju-2022-xinxi-gongkai']);
afterAll(() => [root, broken, other].forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The portal processes a process has started and that are still running. */
/** The portal processes (not one compiling the pages ahead, which a first build starts beside: tests/build/portal-warm.test.ts). */
const portalChildren = (parent = process.pid) =>
  processes()
    .filter((p) => p.ppid === parent && p.args.some((a) => a.endsWith('portal-child.ts')) && !p.args.includes(COMPILE_ARG))
    .map((p) => p.pid);

/** The names of this process's threads (Rust's thread pools name theirs, e.g. tokio-runtime-w). */
const threadNames = () => readdirSync('/proc/self/task').map((t) => readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim());

/** The portal, and the manifest, whose hashes the output record keeps for the next build. */
const cachedStages = [reusableWeb(webStage), manifestStage];
const out = path.join(root, 'dist');
let first: Awaited<ReturnType<typeof build>>;

describe('the portal stage’s own process', () => {
  // The one build of the sample that renders it through build(): the first test looks at what it
  // made and left, the third rebuilds it with nothing changed.
  beforeAll(async () => {
    first = await build({ target: root, outDir: out, stages: cachedStages, cache: true });
  });

  it('builds the site, search index included, without the bundler ever running in the build’s process', async () => {
    expect(first.ok, JSON.stringify(first)).toBe(true);
    // Rendered, not put back from an earlier output.
    expect(first.ok && first.cache!.hits.web).toBeUndefined();
    expect(readFileSync(path.join(out, 'reports/chenxi-2022-fazhi-zhengfu/index.html'), 'utf8')).toContain('法治政府建设');
    expect(JSON.parse(readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8')).bundles.map((b: { name: string }) => b.name)).toEqual(['2022']);
    expect(existsSync(path.join(out, 'pagefind/2022/pagefind.js'))).toBe(true);
    const names = threadNames();
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => /rolldown|tokio/i.test(n))).toEqual([]);
    // Nothing of its scratch folder is left beside the output.
    expect(readdirSync(root).filter((n) => n.startsWith('.nianbao-'))).toEqual([]);
  });

  it('is started before the first stage runs, and is the one the portal stage uses', async () => {
    expect(portalChildren()).toEqual([]);
    // A build whose first stage fails has started it all the same: it was started before that stage
    // ran, and sent that build's model (another project's, with one report of its own).
    const failing: BuildStage = { id: 'docx', label: '生成 Word 文件', run: () => Promise.reject(new Error('测试：这一阶段失败')) };
    const failed = await build({ target: other, outDir: path.join(other, 'dist'), stages: [failing, webStage] });
    expect(failed.ok).toBe(false);
    const early = portalChildren();
    expect(early).toHaveLength(1);
    // The next portal stage renders in that process, its own model in place of the other's: no other process is started.
    const loaded = loadContent(root);
    if (!loaded.ok) throw new Error('sample content invalid');
    const seen = new Set<number>();
    const watch = setInterval(() => portalChildren().forEach((pid) => seen.add(pid)), 20);
    await buildPortal({ model: loaded.model, root, outDir: path.join(root, 'dist-early'), log: () => {}, formats: OUTPUT_FORMATS });
    clearInterval(watch);
    expect(readFileSync(path.join(root, 'dist-early/reports/chenxi-2022-fazhi-zhengfu/index.html'), 'utf8')).toContain('法治政府建设');
    expect(existsSync(path.join(root, 'dist-early/reports/chenxi-caizhengju-2022-xinxi-gongkai'))).toBe(false);
    expect([...seen]).toEqual(early);
    expect(portalChildren()).toEqual([]);
  });

  it('is ended by a build that stops at its content, and not started by one that reuses the last pages', async () => {
    writeFileSync(path.join(broken, 'content/reports/chenxi-2022-fazhi-zhengfu/report.yaml'), 'title: [unclosed\n');
    // Started before the content is read (a first build: tests/build/portal-warm.test.ts), it goes when the content fails.
    expect((await build({ target: broken, outDir: path.join(broken, 'dist'), stages: [webStage] })).ok).toBe(false);
    expect(portalChildren()).toEqual([]);
    // The build of the sample made before the tests published the output this one reuses.
    expect(first.ok).toBe(true);
    const seen = new Set<number>();
    const watch = setInterval(() => portalChildren().forEach((pid) => seen.add(pid)), 20);
    const again = await build({ target: root, outDir: out, stages: cachedStages, cache: true });
    clearInterval(watch);
    expect(again.ok && again.cache!.hits.web).toBe(1);
    expect([...seen]).toEqual([]);
    expect(portalChildren()).toEqual([]);
  });

  it('started and not used, keeps no process alive, and ends with the process that started it', async () => {
    const portal = fileURLToPath(new URL('../../src/build/portal.ts', import.meta.url));
    const script = `import { prestartPortal } from ${JSON.stringify(portal)};
import { readdirSync, readFileSync } from 'node:fs';
prestartPortal();
const children = readdirSync('/proc').filter((d) => /^\\d+$/.test(d)).filter((d) => { try { return readFileSync('/proc/' + d + '/stat', 'utf8').split(') ')[1].split(' ')[1] === String(process.pid); } catch { return false; } });
console.log(children.join(','));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
    // Ended by itself (a child keeping it alive would have run into the time limit).
    expect(run.status, run.stderr).toBe(0);
    const pids = run.stdout.trim().split(',').filter(Boolean).map(Number);
    expect(pids).toHaveLength(1);
    // The portal process sees its parent gone and ends (a condition, not a time: the limit only stops a hung test).
    for (let i = 0; i < 600 && processes().some((p) => pids.includes(p.pid)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(processes().filter((p) => pids.includes(p.pid))).toEqual([]);
  });

  it('reports what failed there as the stage’s error, in Chinese', async () => {
    const loaded = loadContent(root);
    if (!loaded.ok) throw new Error('sample content invalid');
    const unknown: OutputFormat = { ...OUTPUT_FORMATS[0]!, id: 'no-such-format' };
    const out = path.join(root, 'dist-failed');
    const ctx = { model: loaded.model, root, outDir: out, log: () => {}, formats: [unknown] };
    await expect(buildPortal(ctx)).rejects.toThrow('未知的输出格式 no-such-format');
    expect(existsSync(path.join(out, 'index.html'))).toBe(false);
  });
});
