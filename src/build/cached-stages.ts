/**
 * The cache around the stages. Per-report outputs (each output format's files): a report whose key is in the cache
 * gets its file copied from there, and the stage itself runs on the other reports only (with a
 * model holding just those), so an edit to one report makes one report's files. The portal: when
 * nothing it is made from changed since the output folder was last published, its pages and search
 * index are copied from that folder (each file checked against the recorded hash) and Astro and
 * Pagefind do not run. When only some reports changed, Astro renders the listing pages and the
 * changed reports' own pages; the other reports' pages are copied back (checked the same way)
 * and Pagefind indexes the whole site again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportModel } from '../content/index.ts';
import { PAGES_FILE } from '../integrity/manifest.ts';
import { refreshDownloadLinks } from '../web/downloads.ts';
import { parseShardList, SEARCH_DIR, SHARDS_FILE, type SearchShard } from '../web/search-index.ts';
import { partsOfFiles, type TypeDataParts } from '../web/type-data.ts';
import { buildPortal, type PartialPortal } from './portal.ts';
import { portalPaths } from '../web/urls.ts';
import { reportTypes } from '../web/catalogue.ts';
import { seriesChanged, typeHistory } from '../web/years.ts';
import { makeFolders, placeFile } from '../pipeline/output-digests.ts';
import { BuildCache } from './cache.ts';
import { identity, readPublished, type Published } from './previous-output.ts';
import { madeAfterPortal, type BuildContext, type BuildStage, type OutputFormat } from '../pipeline/stage.ts';
import { reportsOfShard } from '../pipeline/shard.ts';

/** The build's cache: the stage contract knows only its store. */
const buildCacheOf = (ctx: Pick<BuildContext, 'cache'>): BuildCache | undefined => (ctx.cache instanceof BuildCache ? ctx.cache : undefined);

/** The portal's pages are made from what they were last time (the output record's key is this build's). */
const webUnchanged = (cache: BuildCache): boolean => cache.previous?.record.webKey === cache.buildKey();

/** Wraps the stage of a format, which writes `format.file(slug)` for each report of `ctx.model`. */
export function perReportCache(stage: BuildStage, format: OutputFormat, settings?: unknown): BuildStage {
  const kind = format.id;
  return {
    id: stage.id,
    label: stage.label,
    // A rebuild starts the format's workers (if any) once the content is read, for the reports whose
    // file the cache lacks: none for a rebuild with no change or a handful of edits.
    prestart:
      format.prestart &&
      ((ctx) => {
        const cache = buildCacheOf(ctx);
        const selected = reportsOfShard(ctx.model.reports, ctx.shard);
        format.prestart!(cache ? selected.filter((r) => !cache.store.holds(kind, cache.outputKey(format, r, settings))).length : selected.length, ctx.model.root);
      }),
    async run(ctx) {
      const selected = reportsOfShard(ctx.model.reports, ctx.shard);
      const cache = buildCacheOf(ctx);
      const missing: ReportModel[] = [];
      const keys = new Map<string, string>();
      let reused = 0;
      for (const report of selected) {
        const key = cache?.outputKey(format, report, settings);
        const entry = key ? cache!.store.entry(kind, key) : undefined;
        if (key) keys.set(report.slug, key);
        if (entry) {
          const dest = path.join(ctx.outDir, format.file(report.slug));
          placeFile(entry.file, dest);
          ctx.digests?.record(dest, { size: entry.size, sha256: entry.sha256 });
          if (format.download) cache!.noteDownload(format.file(report.slug), report.slug, entry.sha256);
          reused++;
        } else missing.push(report);
        cache?.count(kind, entry !== undefined, report.slug);
      }
      if (cache) ctx.log(`缓存：${reused} 份沿用上次的结果，${missing.length} 份重新生成。`);
      // Always run: with no reports left the PDF stage still tidies up the print pages.
      await stage.run({ ...ctx, model: { ...ctx.model, reports: missing } });
      if (cache) {
        for (const report of missing) {
          const file = path.join(ctx.outDir, format.file(report.slug));
          let digest: string | undefined;
          try {
            const bytes = readFileSync(file);
            digest = cache.store.put(kind, keys.get(report.slug)!, bytes);
            ctx.digests?.record(file, { size: bytes.byteLength, sha256: digest });
          } catch {
            // The stage wrote nothing for it: nothing to keep.
          }
          if (format.download) cache.noteDownload(format.file(report.slug), report.slug, digest);
        }
      }
      // Pages list the files with their sizes: a file made after the portal (its stage refreshes
      // the links of what it made) is in place now for every report, so refresh the pages that
      // may not list it yet: all of them, or in an incremental build those rendered now and those
      // whose files changed (the others came back from the last output with these same links).
      if (format.download && madeAfterPortal(format) && (reused > 0 || missing.length !== ctx.model.reports.length)) {
        refreshDownloadLinks(ctx.outDir, ctx.model, ctx.formats, cache?.pagesToRefresh());
      }
    },
  };
}

/** Wraps the portal stage: reuse the last published pages when nothing they are made from changed. */
export function reusableWeb(stage: BuildStage): BuildStage {
  return {
    id: stage.id,
    label: stage.label,
    // A build that will reuse the last pages needs no portal process (and a no-change rebuild
    // would only share its cores with one).
    prestart: (ctx) => {
      const cache = buildCacheOf(ctx);
      if (cache && webUnchanged(cache)) return;
      stage.prestart?.(ctx);
    },
    // Content changed: the pages are made again.
    warm: stage.warm,
    async run(ctx) {
      const cache = buildCacheOf(ctx);
      if (cache && reusePortal(ctx)) {
        cache.renderedPages = new Set();
        return;
      }
      const partial = cache && partialPortal(ctx);
      if (!partial) return stage.run(ctx);
      await buildPortal(ctx, partial);
      cache!.renderedPages = partial.renderOnly;
      const issuers = ctx.model.issuers.length;
      ctx.log(
        `网站：重新生成 ${partial.renderOnly.size} 份报告的页面、${partial.renderIssuers.size} 个发布机构的页面和其余列表页，沿用上次的 ${ctx.model.reports.length - partial.renderOnly.size} 份报告和 ${issuers - partial.renderIssuers.size} 个发布机构的页面。`,
      );
    },
  };
}

/** The series pages (an issuer's figures of a type over the years) none of whose reports is rendered, as site paths. */
function keptSeriesPages(model: BuildContext['model'], renderOnly: ReadonlySet<string>): string[] {
  const paths = portalPaths(model.site.basePath);
  return reportTypes(model).flatMap((t) =>
    typeHistory(model, t.id)
      .filter((s) => !seriesChanged(model.reports, renderOnly, t.id, s.issuerId))
      .map((s) => `${paths.seriesMetrics(t.id, s.issuerId).slice(paths.base.length)}index.html`),
  );
}

/** An issuer's page, as a site path. */
function issuerPage(base: string, issuerId: string): string {
  const paths = portalPaths(base);
  return `${paths.issuer(issuerId).slice(paths.base.length)}index.html`;
}

/** The files of one report's own pages (its page and its data files), as site paths. */
function ownPages(base: string, slug: string): string[] {
  const paths = portalPaths(base);
  return [`${paths.report(slug).slice(paths.base.length)}index.html`, `data/${slug}.json`, `data/${slug}.csv`];
}

/** Checked files of the last output, without their bytes (a large site's pages would fill the memory). */
const checked = ({ rel, size, hash, checkedAs }: Published): Published => ({ rel, size, hash, checkedAs });

const changedDuringBuild = (rel: string) => `上次的输出中 ${rel} 在构建过程中被改动，构建停止，不替换输出文件夹；请重新构建（下一次构建会发现改动并重新生成）。`;

/**
 * Puts checked files of the last output into this build's folder: hard links to them (the swap
 * then removes only names, and nothing is copied), or copies where links cannot be made. Nobody
 * writes into a placed file: whoever changes one replaces it (pipeline/output-digests.ts).
 */
function putBack(ctx: BuildContext, dir: string, files: readonly Published[]): void {
  const from = buildCacheOf(ctx)!.previous!.dir;
  makeFolders(dir, files.map((f) => f.rel));
  for (const f of files) {
    const dest = path.join(dir, f.rel);
    placeFile(path.join(from, f.rel), dest);
    if (identity(path.join(from, f.rel)) !== f.checkedAs) throw new Error(changedDuringBuild(f.rel));
    ctx.digests?.record(dest, { size: f.size, sha256: f.hash });
  }
}

/** The print pages, which a published folder holds only when the build had no stage to print and remove them. */
const printPages = (formats: readonly OutputFormat[], base: string, slug: string) =>
  formats.flatMap((f) => (f.printPage ? [`${f.printPage(base, slug).slice(base.length)}index.html`] : []));

/** The printed formats of this build's stages: a report whose printed files are not all in the cache needs its print pages. */
const printedFormats = (ctx: BuildContext, cache: BuildCache): OutputFormat[] => ctx.formats.filter((f) => f.printPage && cache.stageIds.includes(f.id));
const allPrintedCached = (ctx: BuildContext, cache: BuildCache, report: ReportModel) =>
  printedFormats(ctx, cache).every((f) => cache.store.has(f.id, cache.outputKey(f, report)));

/** Which reports' pages must be rendered, and the others' files read back from the last output (checked). */
function partialPortal(ctx: BuildContext): PartialPortal | undefined {
  const cache = buildCacheOf(ctx)!;
  const previous = cache.previous;
  if (!previous || previous.record.portalKey !== cache.portalKey()) return undefined;
  const renderOnly = new Set<string>();
  const kept: ReportModel[] = [];
  for (const report of ctx.model.reports) {
    if (previous.record.pageKeys[report.slug] === cache.pageKey(report)) kept.push(report);
    else renderOnly.add(report.slug);
  }
  if (kept.length === 0) return undefined;
  // The kept reports have no print page this time: their printed files must all come from the cache.
  const printed = new Set(reportsOfShard(ctx.model.reports, ctx.shard).map((r) => r.slug));
  if (!kept.every((r) => !printed.has(r.slug) || allPrintedCached(ctx, cache, r))) return undefined;
  const base = ctx.model.site.basePath;
  const ownFiles = kept.flatMap((report) => [...ownPages(base, report.slug), ...printPages(ctx.formats, base, report.slug).filter((p) => previous.record.files[p])]);
  const renderIssuers = new Set(ctx.model.issuers.filter((i) => previous.record.issuerKeys?.[i.id] !== cache.issuerKey(i.id)).map((i) => i.id));
  const keptIssuers = ctx.model.issuers.filter((i) => !renderIssuers.has(i.id)).map((i) => issuerPage(base, i.id));
  const files: Published[] = [];
  for (const rel of [...ownFiles, ...keptSeriesPages(ctx.model, renderOnly), ...keptIssuers]) {
    const file = readPublished(previous, rel);
    if (typeof file === 'string') {
      ctx.log(`上次的输出中 ${rel} 缺失或已被改动，重新生成整个网站。`);
      return undefined;
    }
    files.push(checked(file));
  }
  const digests = new Map(files.map((f) => [f.rel, f.hash]));
  // Reports whose own files are made again changed themselves; the others are rendered for a
  // neighbour's sake (the same series), and their pages mostly come out as they were.
  const made = ctx.formats.filter((f) => cache.stageIds.includes(f.id));
  const remade = ctx.model.reports.filter((r) => renderOnly.has(r.slug) && made.some((f) => !cache.store.has(f.id, cache.outputKey(f, r))));
  return {
    renderOnly,
    renderIssuers,
    changed: new Set((remade.length ? remade : ctx.model.reports.filter((r) => renderOnly.has(r.slug))).map((r) => r.slug)),
    keptDigest: (rel) => digests.get(rel),
    restore: (dir) => putBack(ctx, dir, files),
    reuseSearch: (dir, shard) => reuseSearchShard(ctx, dir, shard),
    reuseTypeYear: (dir, type, year, reports) => reuseTypeYear(ctx, dir, type, year, reports),
    reuseTypeAll: (dir, type, years) => reuseTypeAll(ctx, dir, type, years),
  };
}

/**
 * A type's all-years data files put back from the last output, when it recorded the same years of
 * the type (the caller puts back every year first: the files are made of the years' parts alone).
 */
function reuseTypeAll(ctx: BuildContext, dir: string, type: string, years: readonly number[]): boolean {
  const previous = buildCacheOf(ctx)!.previous!;
  const recorded = Object.keys(previous.record.dataKeys ?? {}).filter((k) => k.startsWith(`${type}/`));
  const now = years.map((y) => `${type}/${y}`);
  if (recorded.length !== now.length || !now.every((k) => recorded.includes(k))) return false;
  const paths = portalPaths(ctx.model.site.basePath);
  const files: Published[] = [];
  for (const ext of ['json', 'csv'] as const) {
    const file = readPublished(previous, paths.typeData(type, 'all', ext).slice(paths.base.length));
    if (typeof file === 'string') return false;
    files.push(checked(file));
  }
  putBack(ctx, dir, files);
  return true;
}

/**
 * A type's year of combined data files put back from the last output, when its reports' key is the
 * one recorded (and both files check out), with a way to read their parts later: from the last
 * output's file (what was put back is a link to it, or a copy where links cannot be made), whose
 * bytes must then still be those checked (a file written meanwhile has another modification time).
 */
function reuseTypeYear(ctx: BuildContext, dir: string, type: string, year: number, reports: readonly ReportModel[]): (() => TypeDataParts | undefined) | undefined {
  const cache = buildCacheOf(ctx)!;
  const previous = cache.previous!;
  if (previous.record.dataKeys?.[`${type}/${year}`] !== cache.typeDataKey(reports)) return undefined;
  const paths = portalPaths(ctx.model.site.basePath);
  const json = readPublished(previous, paths.typeData(type, year, 'json').slice(paths.base.length));
  const csv = readPublished(previous, paths.typeData(type, year, 'csv').slice(paths.base.length));
  if (typeof json === 'string' || typeof csv === 'string') return undefined;
  const files = [checked(json), checked(csv)];
  putBack(ctx, dir, files);
  return () => {
    const [jsonBytes, csvBytes] = files.map((f) => {
      const file = path.join(previous.dir, f.rel);
      const bytes = readFileSync(file);
      if (identity(file) !== f.checkedAs) throw new Error(changedDuringBuild(f.rel));
      return bytes;
    });
    return partsOfFiles(jsonBytes!, csvBytes!);
  };
}

/** A search bundle copied from the last output, when its pages are the same (and every file checks out). */
function reuseSearchShard(ctx: BuildContext, dir: string, shard: SearchShard): boolean {
  const previous = buildCacheOf(ctx)!.previous!;
  const list = readPublished(previous, SHARDS_FILE, 'bytes');
  const old = typeof list !== 'string' && parseShardList(list.bytes.toString('utf8'))?.bundles.find((b) => b.name === shard.name);
  if (!old || old.key !== shard.key) return false;
  const prefix = `${SEARCH_DIR}/${shard.name}/`;
  const files: Published[] = [];
  for (const rel of Object.keys(previous.record.files).filter((f) => f.startsWith(prefix))) {
    const file = readPublished(previous, rel);
    if (typeof file === 'string') return false;
    files.push(checked(file));
  }
  if (files.length === 0) return false;
  putBack(ctx, dir, files);
  return true;
}

function reusePortal(ctx: BuildContext): boolean {
  const cache = buildCacheOf(ctx)!;
  const previous = cache.previous;
  if (!previous || !webUnchanged(cache)) return false;
  // Print pages are gone from a published folder: reuse only if no PDF needs printing.
  if (!reportsOfShard(ctx.model.reports, ctx.shard).every((r) => allPrintedCached(ctx, cache, r))) return false;
  const perReport = new Set(ctx.model.reports.flatMap((r) => ctx.formats.map((f) => f.file(r.slug))));
  const files: Published[] = [];
  for (const rel of Object.keys(previous.record.files)) {
    if (perReport.has(rel) || rel === PAGES_FILE) continue;
    const file = readPublished(previous, rel);
    if (file === 'missing') ctx.log(`上次的输出缺少 ${rel}，重新生成网站。`);
    if (file === 'changed') ctx.log(`上次的输出中 ${rel} 已被改动，重新生成网站。`);
    if (typeof file === 'string') return false;
    files.push(checked(file));
  }
  putBack(ctx, ctx.outDir, files);
  cache.count('web', true);
  ctx.log(`内容和设置与上次相同：沿用上次的 ${files.length} 个网页和搜索索引文件（未重新运行 Astro 和 Pagefind）。`);
  return true;
}
