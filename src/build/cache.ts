/**
 * What one build knows about its cache: the keys of each report's outputs and whether the
 * previous output folder can be reused. A key is a SHA-256 over everything the output is made
 * from (the report's files and shared content files, the template, site.yaml's settings, nianbao's
 * code; and what each output format declares besides, such as the report a PDF compares with, the
 * fonts/ folder and the browser), so a change to any of them misses the cache and the output is
 * made again.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { figuresDigest, hashReportFolder, type ContentModel, type ReportModel } from '../content/index.ts';
import type { LastOutput, OutputFormat } from '../pipeline/stage.ts';
import { inputFileSha256, listFiles } from '../store/files.ts';
import { previousReport, seriesKey } from '../web/years.ts';
import { reportTypes, typeNeighbours } from '../web/catalogue.ts';
import { issuerIndex } from '../web/issuers.ts';
import { OutputStore, sha256 } from '../store/cache-store.ts';
import { identity, readPublished, type OutputRecord } from './previous-output.ts';
import { placeFile } from '../pipeline/output-digests.ts';
import type { Shard } from '../pipeline/shard.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';

/** The cache folder of a project; NIANBAO_CACHE_DIR moves it (CI caches). Safe to delete. */
export function cacheDirOf(root: string, env: Record<string, string | undefined> = process.env): string {
  return env.NIANBAO_CACHE_DIR ? path.resolve(env.NIANBAO_CACHE_DIR) : path.join(root, '.cache', 'nianbao');
}

/** The files under content/ but site.yaml and those of content/reports/, which is not walked. */
export const sharedContentFiles = (contentDir: string): string[] => listFiles(contentDir, (rel) => rel === 'reports').filter((f) => f !== 'site.yaml');

/** Reports of a type share one template object: its digest is taken once. */
const templateDigests = new WeakMap<object, string>();
function templateDigest(template: ReportModel['template']): string {
  let digest = templateDigests.get(template);
  if (!digest) {
    digest = sha256(JSON.stringify(template));
    templateDigests.set(template, digest);
  }
  return digest;
}

export interface CacheStats {
  hits: Record<string, number>;
  misses: Record<string, number>;
  /** Slugs whose output was made afresh, by kind (for the log and the tests). */
  rebuilt: Record<string, string[]>;
}

export class BuildCache {
  readonly store: OutputStore;
  readonly model: ContentModel;
  readonly stats: CacheStats = { hits: {}, misses: {}, rebuilt: {} };
  /** The stages of this build, and its shard: the portal's pages differ with them. */
  stageIds: string[] = [];
  shard?: Shard;
  /** What the output folder held after the last build that published it. */
  previous?: { dir: string; record: OutputRecord };
  /** The report pages this build's portal stage rendered; unset: all of them (or not known). */
  renderedPages?: ReadonlySet<string>;
  /** Reports with a download file whose bytes differ from the last output's (or that it lacked). */
  private readonly changedDownloads = new Set<string>();
  private readonly whenHashed: (() => void)[] = [];
  private readonly inputs = new Map<string, string>();
  private readonly compared = new Map<string, string>();
  private shared?: string;
  private site?: string;
  /** The reports of each series, and each report's page key, once a build (pageKey). */
  private bySeries?: Map<string, ReportModel[]>;
  private readonly pageKeys = new Map<string, string>();
  /** Each format's tools digest (OutputFormat.cacheInputs.tools), computed once a build. */
  private readonly tools = new Map<string, string>();
  /** The report folders' digests taken when the content was read (LoadCache.folders): not read again. */
  private readonly folders: ReadonlyMap<string, string>;

  /** `folders`: the load's digests of the report folders, so the keys describe the files the model was read from. */
  constructor(dir: string, model: ContentModel, folders: ReadonlyMap<string, string> = new Map()) {
    this.store = new OutputStore(dir);
    this.model = model;
    this.folders = folders;
  }

  /** The files under content/ outside report folders and site.yaml (shared pictures a report may use). */
  private sharedContent(): string {
    this.shared ??= sha256(
      sharedContentFiles(this.model.contentDir)
        .map((f) => `${f}\0${inputFileSha256(path.join(this.model.contentDir, f))}`)
        .join('\n'),
    );
    return this.shared;
  }

  private siteKey(): string {
    this.site ??= sha256(JSON.stringify(this.model.site));
    return this.site;
  }

  /** One report's own inputs: its folder, the shared content files, its template. */
  reportInputs(report: ReportModel): string {
    let key = this.inputs.get(report.slug);
    if (!key) {
      key = sha256([report.slug, this.folders.get(report.dir) ?? hashReportFolder(report.dir), this.sharedContent(), templateDigest(report.template)].join('\n'));
      this.inputs.set(report.slug, key);
    }
    return key;
  }

  /**
   * What a printed report shows of last year's report of its series (its comparison tables,
   * components/TableComparison.astro and MetricTable.astro): the year, the template that maps its
   * table cells onto this year's, and its figures, without where each is written in its files.
   * A change to last year's text alone then prints nothing again.
   */
  private comparedPart(previous: ReportModel): string {
    let key = this.compared.get(previous.slug);
    if (!key) {
      // The figures' digest, kept in the load cache: last year's figures need not be parsed.
      key = sha256(JSON.stringify([previous.slug, previous.meta.year, templateDigest(previous.template), figuresDigest(previous)]));
      this.compared.set(previous.slug, key);
    }
    return key;
  }

  outputKey(format: OutputFormat, report: ReportModel, settings?: unknown): string {
    const parts = [format.id, toolFingerprint(), this.siteKey(), JSON.stringify(settings ?? null)];
    const { previousReport: compares, tools } = format.cacheInputs;
    if (compares) {
      const previous = previousReport(this.model, report);
      parts.push(previous ? this.comparedPart(previous) : '-');
    }
    parts.push(this.reportInputs(report));
    if (tools) {
      if (!this.tools.has(format.id)) this.tools.set(format.id, tools(this.model.root));
      parts.push(this.tools.get(format.id)!);
    }
    return sha256(parts.join('\n'));
  }

  /** Everything the portal's pages are made from: changes when any report or setting changes. */
  webKey(): string {
    const reports = this.model.reports.map((r) => `${r.slug}\0${this.reportInputs(r)}`).sort();
    return sha256(['web', toolFingerprint(), this.siteKey(), ...reports].join('\n'));
  }

  /** The web key of this build with its stages and shard: what an output record is compared by. */
  buildKey(): string {
    return sha256([this.webKey(), this.portalKey()].join('\n'));
  }

  /**
   * What every page shares: nianbao's code, the settings, the stages and the shard, and the
   * report types the site has (every page's menu links each type's figures over the years).
   */
  portalKey(): string {
    const types = reportTypes(this.model).map((t) => `${t.id}\0${t.name}`);
    return sha256(['portal', toolFingerprint(), this.siteKey(), this.stageIds.join(','), this.shard ? `${this.shard.index}/${this.shard.count}` : '-', ...types].join('\n'));
  }

  /**
   * A report's own pages (its page, print page and data files): its inputs and those of every
   * report of its series (same type, same organ), which the page compares it with, and the
   * address and title of the reports before and after it in its type's list (上一篇, 下一篇),
   * which may be any issuer's.
   */
  pageKey(report: ReportModel): string {
    const known = this.pageKeys.get(report.slug);
    if (known) return known;
    // The series is the same issuer's reports of the type (the page links to their years); also
    // the reports a roll-up sums (the page shows their figures). Grouped once a build: a build
    // asks for every report's key twice, and a thousand reports scanned a thousand times each
    // took about half a second.
    if (!this.bySeries) {
      this.bySeries = new Map();
      for (const r of this.model.reports) this.bySeries.set(seriesKey(r), [...(this.bySeries.get(seriesKey(r)) ?? []), r]);
    }
    const summed = new Set(report.rollups.flatMap((r) => r.cells.flatMap((c) => c.parts.map((p) => p.slug))));
    const related = new Set([...(this.bySeries.get(seriesKey(report)) ?? []), ...(summed.size ? this.model.reports.filter((r) => summed.has(r.slug)) : [])]);
    const series = this.inputsOf(related);
    const { previous, next } = typeNeighbours(this.model, report);
    const pager = [previous, next].map((r) => (r ? `${r.slug}\0${r.meta.title}` : '-')).join('\0');
    const key = sha256([this.portalKey(), ...series, pager].join('\n'));
    this.pageKeys.set(report.slug, key);
    return key;
  }

  /**
   * An issuer's page (issuers/‹机构›/): what every page shares, the issuer's entry, and the inputs of
   * each of its reports (the page lists their titles, types, years and dates), so that a report
   * added, edited or removed renders its issuer's page again, and no other issuer's.
   */
  issuerKey(issuerId: string): string {
    // The page's own view of the issuer (its entry and its reports), as the portal groups them.
    const view = issuerIndex(this.model).byId.get(issuerId);
    return sha256(['issuer', this.portalKey(), JSON.stringify(view?.issuer ?? null), ...this.inputsOf(view?.reports ?? [])].join('\n'));
  }

  /** Every issuer's page key (issuerKey), for the output record. */
  issuerKeys(): Record<string, string> {
    return Object.fromEntries(this.model.issuers.map((i) => [i.id, this.issuerKey(i.id)]));
  }

  /** A type's year of combined data files (data/‹类型›/‹年度›.*): what every page shares and its reports' own inputs. */
  typeDataKey(reports: readonly ReportModel[]): string {
    return sha256(['type-data', this.portalKey(), ...this.inputsOf(reports)].join('\n'));
  }

  /** Each report's slug and own inputs, sorted: the part of a key that names a set of reports. */
  private inputsOf(reports: Iterable<ReportModel>): string[] {
    return [...reports].map((r) => `${r.slug}\0${this.reportInputs(r)}`).sort();
  }

  /** The key of every type's year (‹类型›/‹年度›), for the output record. */
  typeDataKeys(): Record<string, string> {
    const years = new Map<string, ReportModel[]>();
    for (const r of this.model.reports) {
      const name = `${r.template.id}/${r.meta.year}`;
      years.set(name, [...(years.get(name) ?? []), r]);
    }
    return Object.fromEntries([...years].map(([name, reports]) => [name, this.typeDataKey(reports)]));
  }

  /**
   * Registers work for when every stage has written its files and the manifest has hashed them all
   * (the build's OutputDigests then hold the digests being published).
   */
  onHashed(work: () => void): void {
    this.whenHashed.push(work);
  }

  /** Runs the work registered with onHashed, once. */
  hashed(): void {
    for (const work of this.whenHashed.splice(0)) work();
  }

  /** Notes a report's download file as placed now (its digest; undefined when none was made). */
  noteDownload(rel: string, slug: string, digest: string | undefined): void {
    if (this.previous?.record.files[rel] !== digest) this.changedDownloads.add(slug);
  }

  /**
   * The report pages whose download block may differ from what the page holds: the pages rendered
   * now, and those of reports whose files changed since the last output. Every other page was put
   * back from that output, listing these same files. Undefined: every page.
   */
  pagesToRefresh(): ReadonlySet<string> | undefined {
    if (!this.previous || !this.renderedPages) return undefined;
    return new Set([...this.renderedPages, ...this.changedDownloads]);
  }

  lastOutput(): LastOutput | undefined {
    const previous = this.previous;
    if (!previous) return undefined;
    return {
      tool: previous.record.tool,
      files: previous.record.files,
      place(rel, dest) {
        const found = readPublished(previous, rel);
        if (typeof found === 'string') return undefined;
        placeFile(path.join(previous.dir, rel), dest);
        // Written through between the check and the link: not the checked bytes.
        if (identity(path.join(previous.dir, rel)) !== found.checkedAs) {
          rmSync(dest, { force: true });
          return undefined;
        }
        return { size: found.size, sha256: found.hash };
      },
      read(rel) {
        const file = path.join(previous.dir, rel);
        const found = readPublished(previous, rel);
        if (typeof found === 'string') return undefined;
        try {
          // Read and hashed already when its stamp was not the recorded one.
          const bytes = (found as { bytes?: Buffer }).bytes ?? readFileSync(file);
          // Written through between the check and the read: not the checked bytes.
          return bytes.length === found.size && identity(file) === found.checkedAs ? bytes : undefined;
        } catch {
          return undefined;
        }
      },
    };
  }

  count(kind: string, hit: boolean, slug?: string): void {
    const bucket = hit ? this.stats.hits : this.stats.misses;
    bucket[kind] = (bucket[kind] ?? 0) + 1;
    if (!hit && slug) (this.stats.rebuilt[kind] ??= []).push(slug);
  }
}
