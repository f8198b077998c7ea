/**
 * The one way the Astro pages reach content: the Report model, built once per build by
 * `loadContent` and handed over here. The build stage provides the model it already has; a plain
 * `astro build` gets it from astro.config.mjs (see load-model.ts). Module instances differ between
 * Node and Vite's bundle of the pages, so the hand-over goes through a global symbol.
 */
import type { ContentModel, ReportModel } from '../content/index.ts';
import type { OutputFormat } from '../pipeline/stage.ts';
import { seriesChanged } from './years.ts';

export interface PortalInput {
  model: ContentModel;
  /** The build's output folder, where earlier stages left the downloads (DOCX); unset in a plain astro build. */
  outputDir?: string;
  /** Set by `nianbao dev`: downloads are made on demand from the current content. */
  preview?: boolean;
  /**
   * An incremental build: only these reports get their own pages (report, print, data files);
   * the build copies the others from the previous output and indexes the whole site itself.
   */
  renderOnly?: ReadonlySet<string>;
  /** An incremental build: only these issuers' pages are rendered (their keys changed); the build puts back the others. */
  renderIssuers?: ReadonlySet<string>;
  /** The build makes filing copies (备案件): the print pages for them are rendered too. */
  filing?: boolean;
  /** The output formats (the build's registry): the report pages link to their files. None in a plain astro build. */
  formats?: readonly OutputFormat[];
  /** The build writes each report's data files, the combined data files and the search index itself (a plain astro build and the preview have Astro make them). */
  writtenByBuild?: boolean;
}

const KEY = Symbol.for('nianbao.web.input');
type Holder = { [KEY]?: PortalInput };

export function providePortalInput(input: PortalInput): void {
  (globalThis as Holder)[KEY] = input;
}

/** Lets the input go (src/web/stage.ts, once the pages are compiled with a stand-in). */
export function withdrawPortalInput(): void {
  delete (globalThis as Holder)[KEY];
}

export function hasPortalInput(): boolean {
  return (globalThis as Holder)[KEY] !== undefined;
}

function input(): PortalInput {
  const value = (globalThis as Holder)[KEY];
  if (!value) throw new Error('网站页面拿不到报告数据：请用 nianbao build 构建，或在项目根目录运行 astro build。');
  return value;
}

export function siteModel(): ContentModel {
  return input().model;
}

export function outputDir(): string | undefined {
  return input().outputDir;
}

/**
 * Reports by slug, one index per model: each report and print page finds its own in constant time
 * (searching the list on each page took about half a second at a thousand reports).
 */
const bySlug = new WeakMap<ContentModel, Map<string, ReportModel>>();

/** The report with this slug (a page's prop); an error names it if the model has none. */
export function reportBySlug(slug: string): ReportModel {
  const { model } = input();
  let index = bySlug.get(model);
  if (!index) {
    index = new Map(model.reports.map((r) => [r.slug, r]));
    bySlug.set(model, index);
  }
  const report = index.get(slug);
  if (!report) throw new Error(`网站页面找不到报告“${slug}”：内容在构建途中变了？请重新构建。`);
  return report;
}

/** The reports whose own pages this build renders (all of them, unless the build is incremental). */
export function reportsToRender(): ContentModel['reports'] {
  const { model, renderOnly } = input();
  return renderOnly ? model.reports.filter((r) => renderOnly.has(r.slug)) : model.reports;
}

/** Whether a series page (one issuer's figures of one type over the years) is rendered: see years.ts's seriesChanged. */
export function rendersSeries(typeId: string, issuerId: string): boolean {
  const { model, renderOnly } = input();
  return !renderOnly || seriesChanged(model.reports, renderOnly, typeId, issuerId);
}

/** Whether an issuer's page is rendered (all are, unless the build is incremental and its key is unchanged: BuildCache.issuerKey). */
export function rendersIssuer(issuerId: string): boolean {
  const { renderIssuers } = input();
  return !renderIssuers || renderIssuers.has(issuerId);
}

/** Each report's and the combined data files and the search index are written by the build (the latter after it has put back the pages it did not render), not through Astro. */
export function writtenByBuild(): boolean {
  return (globalThis as Holder)[KEY]?.writtenByBuild === true;
}

export function isPreview(): boolean {
  return input().preview === true;
}

/** The output formats whose files the report pages may link to. */
export function outputFormats(): readonly OutputFormat[] {
  return input().formats ?? [];
}

/** Whether this build prints filing copies (备案件), which have print pages of their own. */
export function filingCopies(): boolean {
  return input().filing === true;
}
