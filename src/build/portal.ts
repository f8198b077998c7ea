/**
 * The portal stage. The pages are rendered in a Node process of its own (portal-child.ts), handed
 * the build's model: after rendering a thousand reports' pages the process holds 0.8–1.1 GB (more
 * when Astro has bundled first, most of it outside the JavaScript heap), which would otherwise
 * stay beside every later stage (the PDF's Chromium, OFD threads). Each report's data files, and
 * a first build's combined data files, are written here while it renders (report-data.ts,
 * type-data.ts); an incremental build's combined files and the search index are written afterwards,
 * once it has put back the pages it did not render, and go on beside the next stages when the
 * build allows it (BuildContext.beside).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildContext, BuildStage } from '../pipeline/stage.ts';
import { stagingPath } from '../pipeline/staging.ts';
import { whenKilled } from '../pipeline/on-kill.ts';
import { nowWaiting } from '../pipeline/while-waiting.ts';
import { compileCacheEnv } from '../pipeline/compile-cache.ts';
import type { ContentModel, ReportModel } from '../content/index.ts';
import { beginSearchIndex, bundleLabel, writeSearchIndex, type SearchShard } from '../web/search-index.ts';
import { writeTypeDataFiles, type ReportFilesBeside, type TypeDataParts } from '../web/type-data.ts';
import { writeReportDataFiles } from '../web/report-data.ts';
import type { PortalCompile, PortalModel, PortalRequest } from './portal-child.ts';
import { COMPILE_ARG, compileOutcome, type CompileOutcome } from './compile-exit.ts';
import { portalReply } from './portal-reply.ts';
import type { PortalRendered } from '../web/stage.ts';
import { bundleKey, defaultBundleStore } from '../web/portal-bundle.ts';
import { modelFileChunks, packModel } from './portal-model.ts';
import { writeModelFile } from './model-file.ts';
import { BuildCache } from './cache.ts';
import { SearchKeyMemo } from './search-key-memo.ts';
import { SearchTextMemo } from './search-text-memo.ts';

/** An incremental portal build: which reports' own pages to render, and how to put back the others. */
export interface PartialPortal {
  renderOnly: ReadonlySet<string>;
  /** The issuers whose pages are rendered (their keys changed); the others' pages are put back. */
  renderIssuers: ReadonlySet<string>;
  /**
   * The reports of `renderOnly` whose content changed (their own files are made again), or all of
   * them when that cannot be told: their search bundles are the ones certain to be indexed again.
   */
  changed: ReadonlySet<string>;
  /** The SHA-256 of a file `restore` will put back (a path in the site folder), as the last output published it. */
  keptDigest(rel: string): string | undefined;
  /** Copies the pages not rendered into the site folder, before the search index is written. */
  restore(siteDir: string): void;
  /** Puts a search bundle (a year, or part of one) back from the last output if its pages are unchanged; says whether it did. */
  reuseSearch(siteDir: string, shard: SearchShard): boolean;
  /** Puts a type's year of combined data files back from the last output if its reports are unchanged, and gives a way to read their parts. */
  reuseTypeYear(siteDir: string, type: string, year: number, reports: readonly ReportModel[]): (() => TypeDataParts | undefined) | undefined;
  /** Puts a type's all-years data files back from the last output, when it had these years of it (each put back); whether it did. */
  reuseTypeAll(siteDir: string, type: string, years: readonly number[]): boolean;
}

const CHILD = fileURLToPath(new URL('./portal-child.ts', import.meta.url));
/**
 * V8 sizes the young generation by the machine's memory; a smaller one keeps the portal's process
 * about 175 MB lower at a thousand reports (measured: 1235 → 1060 MB at its peak), for a few
 * percent more time collecting: the portal stage is the build's memory peak.
 */
const CHILD_HEAP = ['--max-semi-space-size=16'];

const RENDERED_FROM: Record<PortalRendered['from'] | 'ahead', string> = {
  kept: '网站页面：用上次编译好的页面模块渲染（nianbao 的代码和网站地址都没变，不再打包）。',
  ahead: '网站页面：读取内容的同时已由 Astro 编译好，随后渲染；编译好的页面模块留给以后的构建。',
  astro: '网站页面：由 Astro 编译后渲染；编译好的页面模块留给以后的构建。',
};

export async function buildPortal(ctx: BuildContext, partial?: PartialPortal): Promise<void> {
  // With a cache, the search keys of pages put back from the last output are known by their digests,
  // and what Pagefind read of them is kept.
  const cache = ctx.cache instanceof BuildCache ? ctx.cache : undefined;
  const known = cache && new SearchKeyMemo(cache.store.dir, ctx.digests);
  const texts = cache && new SearchTextMemo(cache.store.dir);
  // Once every file is hashed, the keys are kept under the pages' published digests as well.
  if (cache && known) cache.onHashed(() => known.saveFinal());
  // A rebuild begins indexing the search bundles of the reports it changed while Astro renders them, on the core the
  // build's own thread leaves idle as it waits for the portal's process.
  const begun =
    partial && known && texts && ctx.beside
      ? beginSearchIndex(ctx.model.reports, partial.renderOnly, partial.changed, (page) => keyOfKept(partial, known, page), texts)
      : undefined;
  const writeData = async (reportFiles?: ReportFilesBeside) => {
    const data = await writeTypeDataFiles(
      ctx.outDir,
      ctx.model,
      partial && ((type, year, reports) => partial.reuseTypeYear(ctx.outDir, type, year, reports)),
      partial && ((type, years) => partial.reuseTypeAll(ctx.outDir, type, years)),
      reportFiles,
    );
    // Hashed as they were written: the manifest does not read them again.
    for (const { file, size, sha256 } of data.written) ctx.digests?.record(file, { size, sha256 });
    if (partial) ctx.log(`各类型的年度数据文件：重新生成 ${data.made.length ? data.made.join('、') : '无'}，沿用 ${data.reused.length} 个年度。`);
  };
  try {
    // Merged into, never renamed over, when the portal's process moves its pages in: this process writes into it meanwhile.
    mkdirSync(path.join(ctx.outDir, 'data'), { recursive: true });
    const rendering = renderInChild(ctx.model, {
      kind: 'render',
      outDir: ctx.outDir,
      // Named after this process, so that a later build removes it if this one is killed (src/pipeline/staging.ts).
      scratch: stagingPath(ctx.outDir, 'web'),
      renderOnly: partial ? [...partial.renderOnly] : undefined,
      renderIssuers: partial ? [...partial.renderIssuers] : undefined,
      filing: ctx.forms?.includes('filing') ?? false,
      formats: ctx.formats.map((f) => f.id),
    });
    // The data files are written here while the pages are rendered there, on the core this process
    // would leave idle: each report's (report-data.ts), and in a first build the combined ones (an
    // incremental build reads the last output's, which are put back after the render). The
    // combined ones first, while the portal's process is still small: their 265 MB at a thousand
    // reports are let go before its memory peaks, at the end of the render.
    const ownData = (async () => {
      // A first build writes each report's own files as their rows are serialised for the combined ones.
      const beside: ReportFilesBeside = { reports: new Set(), written: [] };
      if (!partial) await writeData(beside);
      const rest = partial?.renderOnly ?? new Set(ctx.model.reports.map((r) => r.slug).filter((slug) => !beside.reports.has(slug)));
      const written = [...beside.written, ...(await writeReportDataFiles(ctx.outDir, ctx.model, rest))];
      // Hashed as they were written: the manifest does not read them again.
      for (const { file, size, sha256 } of written) ctx.digests?.record(file, { size, sha256 });
    })();
    // Both awaited before anything fails: nothing may still write into the staging folder once the build removes it.
    const [renderedOutcome, dataOutcome] = await Promise.allSettled([rendering, ownData]);
    if (renderedOutcome.status === 'rejected') throw renderedOutcome.reason;
    if (dataOutcome.status === 'rejected') throw dataOutcome.reason;
    const rendered = renderedOutcome.value;
    ctx.log(RENDERED_FROM[rendered.from === 'kept' && rendered.compiledAhead ? 'ahead' : rendered.from]);
    partial?.restore(ctx.outDir);
  } catch (e) {
    await (await begun)?.stop();
    throw e;
  }
  // A rebuild writes one or two types' combined files: beside the search index and the printing, it
  // no longer keeps them waiting (about a second of reading back the type's other years and writing
  // its all-years files, after one edit at a thousand reports).
  const dataBeside = partial !== undefined && ctx.beside !== undefined;
  if (partial && !dataBeside) await writeData();
  // Pagefind indexes in a process of its own, reading only the report pages as they now are: the
  // printing stages after this one leave a core idle much of the time, so it runs beside them.
  const reuse = partial && ((shard: SearchShard) => partial.reuseSearch(ctx.outDir, shard));
  const search = Promise.resolve(begun)
    .then((early) => writeSearchIndex(ctx.outDir, ctx.model.reports, reuse, known, texts, early))
    .then((done) => {
      const years = (names: string[]) => (names.length ? names.map(bundleLabel).join('、') : '无');
      const early = done.early ? `（其中 ${done.early} 页在渲染网站时已送去建索引）` : '';
      ctx.log(partial ? `搜索索引：重建 ${years(done.indexed)}${early}，沿用 ${years(done.reused)}。` : `搜索索引：${years(done.indexed)}。`);
    });
  if (ctx.beside) {
    ctx.beside('搜索索引', search);
    // Started after the search index, whose first pages are then on their way to Pagefind.
    if (dataBeside) ctx.beside('年度数据文件', writeData());
  } else await search;
}

/** The search key of a page the rebuild will put back, by its published bytes' digest; unknown for any other. */
function keyOfKept(partial: PartialPortal, known: SearchKeyMemo, page: string): string | undefined {
  const digest = partial.keptDigest(page);
  return digest === undefined ? undefined : known.ofDigest(digest);
}

/**
 * Forks the portal's process: Node's own flags only (a test runner's loader flags would not suit it).
 * The one compiling ahead is told apart by its argument (COMPILE_ARG), in a process list too.
 */
function startChild(args: string[] = []): ChildProcess {
  const typescript = process.features.typescript ? [] : ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
  return fork(CHILD, args, { env: compileCacheEnv(), execArgv: [...CHILD_HEAP, ...typescript], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** A portal process started ahead of the web stage, loading nianbao's modules and then the pages' (or Astro) meanwhile, and the model sent to it. */
let spare: { child: ChildProcess; model?: ContentModel; forget: () => void; sent: Promise<void> } | undefined;

/**
 * The process compiling the pages while the content is read (portal-child.ts, PortalCompile), and
 * how it ended: the portal's process gets the model once it has, and so finds the pages kept.
 */
let compiling: { child: ChildProcess; forget: () => void; done: Promise<CompileOutcome> } | undefined;

/**
 * Has the pages compiled in a process of their own before the content is read, when none are
 * kept for this code version and site address. Whether they are is looked up here first: a process
 * started only to find them kept cost about a second of CPU (Node and nianbao's modules), in
 * every build after the first of a code version; the lookup reads one small file, and the code
 * fingerprint it hashes is needed by the build's caches anyway.
 * Compiling in the portal's process would leave what Astro's compiler holds outside the JavaScript
 * heap there through the render: at a thousand reports the portal's process peaked at 911 MB so,
 * 683 MB with the compile in its own process, at the build's memory peak (the web stage).
 */
function compileAhead(site: ContentModel['site']): void {
  // No store (NIANBAO_PORTAL_BUNDLES=off): nothing compiled ahead could be kept for the portal's process to find.
  const store = defaultBundleStore();
  if (compiling || !store || store.find(bundleKey(site))) return;
  const child = startChild([COMPILE_ARG]);
  const forget = whenKilled(() => child.kill('SIGKILL'));
  const done = new Promise<CompileOutcome>((resolve) => {
    child.on('error', () => resolve('failed'));
    child.on('exit', (code) => resolve(compileOutcome(code)));
  }).finally(forget);
  child.unref();
  child.channel?.unref();
  child.send({ kind: 'compile', site } satisfies PortalCompile);
  compiling = { child, forget, done };
}

/** Ends the compiling process, if it is still running (a build that stopped at its content). */
function stopCompiling(): Promise<void> {
  if (!compiling) return Promise.resolve();
  const { child } = compiling;
  compiling.forget();
  compiling = undefined;
  return ended(child);
}

/** Kills a process and resolves once it has gone (a signal is delivered, and the process ends, after `kill` returns). */
function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // A process that cannot be signalled (an 'error' event) is gone already.
  const gone = once(child, 'exit').then(
    () => undefined,
    () => undefined,
  );
  // Started unreferenced: referenced again, it keeps this process alive until it has gone (the CLI awaits this as it stops).
  child.ref();
  child.kill('SIGKILL');
  return gone;
}

const alive = (child: ChildProcess) => child.connected && child.exitCode === null && child.signalCode === null;

/**
 * Starts the portal's process before the first stage runs, and sends it the model: loading Node,
 * nianbao's modules and the pages' compiled modules (or Astro) takes about a second, and taking in
 * a thousand reports' model (about 80 MB) another, which the build otherwise waited for once the earlier stages were done;
 * now the process does both on the other core while the Word files are made. Unused (a build that
 * fails first), it keeps nothing alive: this process may end, and the child ends with it.
 */
export function prestartPortal(model?: ContentModel): void {
  if (!spare || !alive(spare.child)) {
    void stopSparePortal();
    const child = startChild();
    // Nobody listens yet: a failure to start shows when the web stage takes it (and starts another).
    child.on('error', () => {});
    child.unref();
    child.channel?.unref();
    spare = { child, forget: whenKilled(() => child.kill('SIGKILL')), sent: Promise.resolve() };
  }
  // A process started by another build (one that failed before its web stage) holds that build's model: this one replaces it.
  if (model && spare.model !== model) {
    const packed = packModel(model);
    const { child } = spare;
    // Through a file (model-file.ts), written while the next stage runs; through the channel if it
    // cannot be written. Once the pages compiled ahead are kept: the process looks for them as the model comes.
    const compiled = compiling?.done;
    spare.sent = Promise.all([writeModelFile(modelFileChunks(packed)), compiled]).then(([file]) => {
      if (alive(child)) child.send((file ? { kind: 'model', file } : { kind: 'model', model: packed }) satisfies PortalModel);
    });
    spare.model = model;
  }
}

/** Ends the process started ahead, if it is still waiting (a build that stopped at its content). */
function stopSparePortal(): Promise<void> {
  if (!spare) return Promise.resolve();
  const { child } = spare;
  spare.forget();
  spare = undefined;
  return ended(child);
}

/**
 * The process started ahead, holding `model` (once `sent`): the spare if it is still there, else a
 * new one; and whether this build compiled the pages ahead (for the log).
 */
function takeChild(model: ContentModel): { child: ChildProcess; sent: Promise<void>; compiled: Promise<boolean> } {
  prestartPortal(model);
  const compiled = (compiling?.done ?? Promise.resolve('failed')).then((how) => how === 'compiled');
  compiling = undefined;
  const { child, forget, sent } = spare!;
  spare = undefined;
  forget();
  child.ref();
  child.channel?.ref();
  return { child, sent, compiled };
}

/** The pages rendered, and whether this build compiled them ahead, while it read the content. */
type Rendered = PortalRendered & { compiledAhead: boolean };

function renderInChild(model: ContentModel, request: PortalRequest): Promise<Rendered> {
  const { child, sent, compiled } = takeChild(model);
  // It would end by itself once the build is gone, but might still be writing into the staging folder as the build removes it.
  const forget = whenKilled(() => child.kill('SIGKILL'));
  const rendered = portalReply(child);
  // After the model, which may still be on its way. Then this thread waits: what later stages
  // queued to do meanwhile begins (src/pipeline/while-waiting.ts).
  void sent.then(() => {
    child.send(request);
    nowWaiting();
  });
  return Promise.all([rendered, compiled])
    .then(([r, compiledAhead]) => ({ ...r, compiledAhead }))
    .finally(forget);
}

export const webStage: BuildStage = {
  id: 'web',
  label: '生成网站',
  prestart: (ctx) => prestartPortal(ctx.model),
  // Loading Node and nianbao takes most of a second of the other core, idle while the content is
  // read, and compiling the pages with Astro (when no compiled pages are kept) some seconds more.
  warm: (site) => {
    prestartPortal();
    if (site) compileAhead(site);
    return async () => {
      await Promise.all([stopCompiling(), stopSparePortal()]);
    };
  },
  async run(ctx) {
    await buildPortal(ctx);
    ctx.log(`网站：${ctx.model.reports.length} 份报告的页面和历年数据${ctx.beside ? '；全文搜索索引与后面的阶段同时生成' : '和全文搜索索引'}。`);
  },
};
