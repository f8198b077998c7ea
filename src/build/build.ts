import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadContent, peekSite, resolveProject } from '../content/index.ts';
import { OUTPUT_FORMATS } from '../formats/registry.ts';
import { BuildCache, cacheDirOf, type CacheStats } from './cache.ts';
import { OutputDigests } from '../pipeline/output-digests.ts';
import { WorkBeside } from '../pipeline/beside.ts';
import { hasOutputRecord, readOutputRecord, writeOutputRecord } from './previous-output.ts';
import { checkPublishedIndexNumbers } from './published-index-numbers.ts';
import type { Shard } from '../pipeline/shard.ts';
import { formatsOfForms, type BuildContext, type BuildStage, type DocumentForm } from '../pipeline/stage.ts';
import { takePhaseTimes } from '../pipeline/timing.ts';
import { acquireBuildLock, recoverLeftovers, removeOwnStaging, stagingPath } from '../pipeline/staging.ts';
import { runKillCleanups } from '../pipeline/on-kill.ts';
import { endOfBuild } from '../pipeline/build-end.ts';
import { measureCpu, utilisation } from './cpu-time.ts';
import { stagesFor } from './stages.ts';
import { pruneCache } from '../store/cache-prune.ts';

export interface BuildOptions {
  /** Project folder or content folder. */
  target: string;
  /** Where the finished site goes; default `<project>/dist`. */
  outDir?: string;
  basePath?: string;
  stages?: BuildStage[];
  log?: (message: string) => void;
  /**
   * Reuse unchanged outputs from the project's cache folder (see cache.ts). Off unless asked for:
   * `nianbao build` asks (and `--no-cache` does not); code calling build() chooses.
   */
  cache?: boolean;
  /** Make only this share of the reports' PDF and DOCX files (see src/pipeline/shard.ts and merge.ts). */
  shard?: Shard;
  /**
   * The document forms to make: `['public', 'filing']` adds the filing copies (备案件). Unset:
   * as site.yaml's `filingCopies` says.
   */
  forms?: readonly DocumentForm[];
  /**
   * With the cache: remove its entries no build used for this many days, now (`--cache-keep`).
   * Unset: entries unused for 30 days, looked for at most once a day.
   */
  cacheKeepDays?: number;
}

const CACHE_KEEP_DAYS = 30;

export type BuildResult =
  | { ok: true; outDir: string; diagnostics: Diagnostic[]; seconds: Record<string, number>; cache?: CacheStats }
  | { ok: false; diagnostics: Diagnostic[]; error?: { stage: string; message: string } };

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Builds everything into a staging folder beside dist/ and swaps it in only when every stage
 * succeeded: a failed or interrupted build leaves the previous dist/ exactly as it was. Folders
 * left by a build that was killed outright are cleaned up (or put back) by the next one.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  try {
    return await buildOnce(options);
  } finally {
    // What was started ahead for a stage the build never reached (a failed stage before it) goes now.
    await endOfBuild();
  }
}

async function buildOnce(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const loadStarted = performance.now();
  const startedAt = Date.now();
  const project = resolveProject(options.target);
  const cacheDir = options.cache ? cacheDirOf(project.root) : undefined;
  // A first build's worker threads start while the content is read, which leaves the other cores
  // free. A rebuild over its last output starts them after reading, only for the files its cache
  // lacks (perReportCache): most often none, and loading the renderers would only take a core.
  const rebuild = cacheDir !== undefined && hasOutputRecord(cacheDir, path.resolve(options.outDir ?? path.join(project.root, 'dist')));
  // A first build, and a rebuild once it finds changed content while reading, start what their
  // stages can load meanwhile (the portal's process, compiling the pages when none are kept), with
  // the site's settings read ahead. The stages are the default ones unless given: the forms come later, from site.yaml.
  const site = peekSite(project.contentDir, options.basePath);
  const warmed: (() => Promise<void>)[] = [];
  const warm = () => {
    for (const stage of options.stages ?? stagesFor()) {
      const stop = stage.warm?.(site);
      if (stop) warmed.push(stop);
    }
  };
  // The build stops before its first stage: what was started for the stages goes too, before the build returns.
  const stopWarmed = () => Promise.all(warmed.splice(0).map((stop) => stop()));
  if (!rebuild) {
    const stageIds = options.stages ? new Set(options.stages.map((s) => s.id)) : undefined;
    const folders = reportFolderCount(project.contentDir);
    for (const format of OUTPUT_FORMATS) if (!stageIds || stageIds.has(format.id)) format.prestart?.(folders, project.root);
    warm();
  }
  const loaded = loadContent(options.target, { basePath: options.basePath, cacheDir, onChange: rebuild ? warm : undefined });
  if (!loaded.ok) {
    await stopWarmed();
    return { ok: false, diagnostics: loaded.diagnostics };
  }
  const { model } = loaded;
  const seconds: Record<string, number> = { load: (performance.now() - loadStarted) / 1000 };
  const outDir = path.resolve(options.outDir ?? path.join(model.root, 'dist'));
  const renumbered = checkPublishedIndexNumbers(model, outDir);
  if (renumbered.length) {
    await stopWarmed();
    return { ok: false, diagnostics: [...loaded.diagnostics, ...renumbered] };
  }
  mkdirSync(path.dirname(outDir), { recursive: true });
  const lock = acquireBuildLock(outDir);
  if (!lock.ok) {
    await stopWarmed();
    return {
      ok: false,
      diagnostics: loaded.diagnostics,
      error: { stage: '准备输出文件夹', message: `另一个构建（进程 ${lock.holder}）正在写入 ${outDir}，请等它结束后再构建。` },
    };
  }
  for (const note of recoverLeftovers(outDir)) log(note);
  const forms: DocumentForm[] = options.forms ? ['public', ...options.forms.filter((f) => f !== 'public')] : model.site.filingCopies ? ['public', 'filing'] : ['public'];
  const list = options.stages ?? stagesFor(forms);
  const cache = cacheDir ? new BuildCache(cacheDir, model, loaded.cache?.folders) : undefined;
  if (cache) {
    cache.stageIds = list.map((s) => s.id);
    cache.shard = options.shard;
    const record = existsSync(outDir) ? readOutputRecord(cacheDir!, outDir) : undefined;
    if (record) cache.previous = { dir: outDir, record };
  }
  for (const stage of list) stage.prestart?.({ model, cache, shard: options.shard, formats: OUTPUT_FORMATS });
  const staging = stagingPath(outDir, 'tmp');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const cleanup = () => {
    removeOwnStaging(outDir);
    lock.release();
  };
  // Ctrl-C or a service manager stopping the build: clean up, then die of the same signal (exit
  // status 128 + its number). The processes the build started go first (Chromium outlives it),
  // so that nothing writes into the staging folder while it is removed.
  const onSignal = (signal: NodeJS.Signals) => {
    runKillCleanups();
    cleanup();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);

  const fromCache = loaded.cache?.hits ? `（${loaded.cache.hits} 份的检查结果来自缓存）` : '';
  log(`读取内容：${model.reports.length} 份报告，检查通过${fromCache}。`);
  if (forms.includes('filing')) log(`同时生成备案件（带版头和版记的公文）：${formatsOfForms(OUTPUT_FORMATS, ['filing']).map((f) => f.file('<报告>')).join('、')}。`);
  if (options.shard) log(`分片 ${options.shard.index}/${options.shard.count}：只生成其中一部分报告的 PDF 和 Word 文件，网站照常完整生成。`);
  takePhaseTimes();
  const digests = new OutputDigests();
  const beside = new WorkBeside();
  /** When the stage that hashes every file began (the output record trusts no file written after it unread). */
  let hashedFrom: number | undefined;
  // Work left running beside the stages, finished; the time waited for it is the build's, not a stage's.
  const finishBeside = async () => {
    const names = beside.names;
    if (!names.length) return undefined;
    const waitStarted = performance.now();
    const failure = await beside.finish();
    const waited = (performance.now() - waitStarted) / 1000;
    seconds.beside = (seconds.beside ?? 0) + waited;
    if (!failure) log(`    同时进行的${names.join('、')}已完成${waited >= 0.05 ? `（等待 ${waited.toFixed(1)} 秒）` : ''}。`);
    return failure && { ok: false as const, diagnostics: loaded.diagnostics, error: failure };
  };
  try {
    for (const [i, stage] of list.entries()) {
      const ctx: BuildContext = {
        model,
        root: model.root,
        outDir: staging,
        log: (m) => log(`    ${m}`),
        notice: (m) => log(`  ${m}`),
        cache,
        digests,
        shard: options.shard,
        forms,
        formats: OUTPUT_FORMATS,
        beside: (what, work) => beside.add(stage.label, what, work),
      };
      let early: Promise<{ value: unknown } | { error: Error }> | undefined;
      if (stage.readsAll) {
        // The pages are final: the stage reads them while the search index is finished beside, on the core it leaves idle.
        early = stage.early?.(ctx).then(
          (value) => ({ value }),
          (e: unknown) => ({ error: e instanceof Error ? e : new Error(String(e)) }),
        );
        const failed = await finishBeside();
        await early;
        if (failed) return failed;
        // Taken early: file times come from the kernel's coarse clock, which lags the precise one by up to a tick (≤ 10 ms).
        hashedFrom ??= Date.now() - 50;
      }
      const started = performance.now();
      const cpu = measureCpu();
      log(`[${i + 1}/${list.length}] ${stage.label}…`);
      try {
        const begun = await early;
        if (begun && 'error' in begun) throw begun.error;
        await stage.run(begun ? { ...ctx, early: begun.value } : ctx);
      } catch (e) {
        cpu.stop();
        // Nothing may still be writing into the staging folder when it is removed.
        await beside.finish();
        return { ok: false, diagnostics: loaded.diagnostics, error: { stage: stage.label, message: (e as Error).message } };
      }
      seconds[stage.id] = (performance.now() - started) / 1000;
      const use = cpu.stop();
      if (use) {
        // The cores' busy share: a stage far below 100% waits on something (build log and benchmark).
        seconds[`${stage.id}.cpu`] = use.tree;
        seconds[`${stage.id}.machine`] = use.machine;
        const share = Math.round(utilisation(use.tree, seconds[stage.id]!) * 100);
        log(`    用时 ${seconds[stage.id]!.toFixed(1)} 秒，CPU ${use.tree.toFixed(1)} 秒（${availableParallelism()} 核占用 ${share}%；整机 ${Math.round(use.machine * 100)}%）`);
      }
    }
    const failed = await finishBeside();
    if (failed) return failed;
    cache?.hashed();
    // Phases inside a stage or beside the stages (the search index), for the benchmark.
    Object.assign(seconds, takePhaseTimes());
    // The swap: two renames in the same folder. Killed between them, the next build puts `old` back.
    const publishStarted = performance.now();
    const old = stagingPath(outDir, 'old');
    rmSync(old, { recursive: true, force: true });
    if (existsSync(outDir)) renameSync(outDir, old);
    try {
      renameSync(staging, outDir);
    } catch (e) {
      if (existsSync(old) && !existsSync(outDir)) renameSync(old, outDir);
      return { ok: false, diagnostics: loaded.diagnostics, error: { stage: '替换输出文件夹', message: (e as Error).message } };
    }
    rmSync(old, { recursive: true, force: true });
    if (cache) {
      const pageKeys = Object.fromEntries(model.reports.map((r) => [r.slug, cache.pageKey(r)]));
      writeOutputRecord(cacheDir!, outDir, { webKey: cache.buildKey(), portalKey: cache.portalKey(), pageKeys, issuerKeys: cache.issuerKeys(), dataKeys: cache.typeDataKeys() }, hashedFrom);
      // After the swap: linking an entry into the output and removing the last output move only its change time.
      cache.store.saveVerified();
      const keepDays = options.cacheKeepDays ?? CACHE_KEEP_DAYS;
      const pruned = pruneCache(cacheDir!, { keepDays, since: startedAt, force: options.cacheKeepDays !== undefined });
      if (pruned?.entries) log(`缓存：删除 ${pruned.entries} 个${keepDays ? ` ${keepDays} 天内` : '这次构建'}没有用到的条目，腾出 ${(pruned.bytes / 1048576).toFixed(1)} MB。`);
    }
    // Removing the last output is most of it: its files shared with the new one (hard links) free nothing.
    seconds.publish = (performance.now() - publishStarted) / 1000;
    log(`发布：替换输出文件夹，用时 ${seconds.publish.toFixed(1)} 秒。`);
  } finally {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    cleanup();
  }
  return { ok: true, outDir, diagnostics: loaded.diagnostics, seconds, ...(cache ? { cache: cache.stats } : {}) };
}

/** The report folders under content/reports, counted before the content is read (0 when there is none). */
function reportFolderCount(contentDir: string): number {
  try {
    return readdirSync(path.join(contentDir, 'reports'), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
  } catch {
    return 0;
  }
}
