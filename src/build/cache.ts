/**
 * What one build knows about its cache: the keys of each report's outputs and whether the
 * previous output folder can be reused. A key is a SHA-256 over everything the output is made
 * from (the report's files and shared content files, the template, site.yaml's settings, nianbao's
 * code; for the PDF also the reports the page compares with, the fonts/ folder and the browser),
 * so a change to any of them misses the cache and the output is made again.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { hashReportFolder, type ContentModel, type ReportModel } from '../content/index.ts';
import { inputFileSha256, listFiles } from '../store/files.ts';
import { findBrowser } from '../pdf/browser-path.ts';
import { previousReport, seriesKey } from '../web/years.ts';
import { OutputStore, sha256 } from '../store/cache-store.ts';
import type { OutputRecord } from './previous-output.ts';
import type { Shard } from '../pipeline/shard.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';

/** The cache folder of a project; NIANBAO_CACHE_DIR moves it (CI caches). Safe to delete. */
export function cacheDirOf(root: string, env: Record<string, string | undefined> = process.env): string {
  return env.NIANBAO_CACHE_DIR ? path.resolve(env.NIANBAO_CACHE_DIR) : path.join(root, '.cache', 'nianbao');
}

export type { OutputKind } from '../pipeline/stage.ts';
import type { OutputKind } from '../pipeline/stage.ts';

export interface CacheStats {
  hits: Record<string, number>;
  misses: Record<string, number>;
  /** Slugs whose output was made afresh, by kind (for the log and the tests). */
  rebuilt: Record<string, string[]>;
}

const hashFolder = (dir: string): string =>
  existsSync(dir) ? sha256(listFiles(dir).map((f) => `${f}\0${inputFileSha256(path.join(dir, f))}`).join('\n')) : '-';

export class BuildCache {
  readonly store: OutputStore;
  readonly model: ContentModel;
  readonly stats: CacheStats = { hits: {}, misses: {}, rebuilt: {} };
  /** The stages of this build, and its shard: the portal's pages differ with them. */
  stageIds: string[] = [];
  shard?: Shard;
  /** What the output folder held after the last build that published it. */
  previous?: { dir: string; record: OutputRecord };
  private readonly inputs = new Map<string, string>();
  private shared?: string;
  private site?: string;
  private printing?: string;

  constructor(dir: string, model: ContentModel) {
    this.store = new OutputStore(dir);
    this.model = model;
  }

  /** The files under content/ outside report folders and site.yaml (shared pictures a report may use). */
  private sharedContent(): string {
    this.shared ??= sha256(
      listFiles(this.model.contentDir)
        .filter((f) => !f.startsWith('reports/') && f !== 'site.yaml')
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
      key = sha256([report.slug, hashReportFolder(report.dir), this.sharedContent(), sha256(JSON.stringify(report.template))].join('\n'));
      this.inputs.set(report.slug, key);
    }
    return key;
  }

  /** The fonts/ folder and the browser binary: what else a printed page depends on. */
  private printingKey(): string {
    if (!this.printing) {
      const browser = findBrowser({ env: process.env, platform: process.platform, exists: existsSync, home: homedir() });
      const binary = browser.ok && existsSync(browser.path) ? `${browser.path}\0${statSync(browser.path).size}\0${statSync(browser.path).mtimeMs}` : '-';
      this.printing = sha256([hashFolder(path.join(this.model.root, 'fonts')), binary].join('\n'));
    }
    return this.printing;
  }

  outputKey(kind: OutputKind, report: ReportModel, settings?: unknown): string {
    const common = [kind, toolFingerprint(), this.siteKey(), JSON.stringify(settings ?? null)];
    if (kind === 'docx' || kind === 'docx-filing') return sha256([...common, this.reportInputs(report)].join('\n'));
    // The printed report compares its figures with last year's report of its series (and has no
    // charts over the years, which the web page has): that report's inputs are part of the key.
    const previous = previousReport(this.model, report);
    const compared = [previous ? this.reportInputs(previous) : '-', this.reportInputs(report)];
    return sha256([...common, ...compared, this.printingKey()].join('\n'));
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

  /** What every page shares: nianbao's code, the settings, the stages and the shard. */
  portalKey(): string {
    return sha256(['portal', toolFingerprint(), this.siteKey(), this.stageIds.join(','), this.shard ? `${this.shard.index}/${this.shard.count}` : '-'].join('\n'));
  }

  /**
   * A report's own pages (its page, print page and data files): its inputs and those of every
   * report of its series (same type, same organ), which the page compares it with.
   */
  pageKey(report: ReportModel): string {
    const key = seriesKey(report);
    // Also the same issuer's reports of the type (the page links to their years) and the reports a
    // roll-up sums (the page shows their figures).
    const summed = new Set(report.rollups.flatMap((r) => r.cells.flatMap((c) => c.parts.map((p) => p.slug))));
    const related = this.model.reports.filter(
      (r) => seriesKey(r) === key || (r.issuer.id === report.issuer.id && r.template.id === report.template.id) || summed.has(r.slug),
    );
    const series = related.map((r) => `${r.slug}\0${this.reportInputs(r)}`).sort();
    return sha256([this.portalKey(), ...series].join('\n'));
  }

  count(kind: string, hit: boolean, slug?: string): void {
    const bucket = hit ? this.stats.hits : this.stats.misses;
    bucket[kind] = (bucket[kind] ?? 0) + 1;
    if (!hit && slug) (this.stats.rebuilt[kind] ??= []).push(slug);
  }
}
