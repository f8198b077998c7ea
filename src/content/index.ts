/**
 * The one entry point through which content reaches the rest of nianbao: files in, a validated
 * ContentModel (or diagnostics) out. The CLI, the tests and the site all call `loadContent`.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { diag, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { lintContent, LINT_RULES, type LintSource } from '../lint/index.ts';
import { LoadCache, loadContextKey, type LoadedReport } from './cache.ts';
import { listContentFiles } from './content-files.ts';
import { checkContinuity } from './continuity.ts';
import type { Issuer } from '../schema/issuer.ts';
import { SiteConfig } from '../schema/site.ts';
import { checkSiteSettings } from './site-settings.ts';
import { resolveAcrossReports } from './across-reports.ts';
import { ISSUERS_FILE, readIssuers } from './issuers.ts';
import { today } from './today.ts';
import { loadReport } from './load-report.ts';
import type { ContentModel, ReportEntry, ReportModel } from './model.ts';
import { readText } from './read-text.ts';
import { validateYaml } from './schema-diagnostics.ts';
import { BUILTIN_TEMPLATES, loadTemplates, type TemplateRegistry } from './templates.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

export type { ContentModel, ReportEntry, ReportModel, SectionModel, TableModel, CheckedRule, RollupModel, RollupCell, RollupPart, FilingModel, AttachmentModel } from './model.ts';
export type { TemplateEntry, TemplateRegistry } from './templates.ts';
export { REPORT_SLUG, reportSlugProblem, REPORT_SLUG_HINT } from './report-slug.ts';
export { LEAD_FILE } from './load-report.ts';
export { hashReportFolder } from './cache.ts';
export { figuresDigest, metricValues, type MetricValue } from './metric-values.ts';
export { issuerKey, previousInSeries, sameMetricIn, seriesKey } from './series.ts';
export { translateCell } from './bridges.ts';
export { peekIssuers } from './issuers.ts';
export { peekSite } from './peek-site.ts';
export { publicationStatus, type PublicationStatus, type StatusRow } from './status.ts';
export { today } from './today.ts';
export { indexNumbersToRecord, insertIndexNumber, recordIndexNumber, type IndexNumberRecord } from './record-index-numbers.ts';

export interface LoadOptions {
  /** Folder of report templates; default: the project's `templates/`, else nianbao's own. */
  templatesDir?: string;
  /** Base path override (the `NIANBAO_BASE` environment variable in the CLI and site). */
  basePath?: string;
  /** A folder for the load cache (see cache.ts); without it every report is read afresh. */
  cacheDir?: string;
  /** YYYY-MM-DD for the checks that depend on the date (default: today(), see today.ts). */
  today?: string;
  /**
   * Called once, as soon as a report folder is found whose cached result does not hold (it changed,
   * or was never loaded): a rebuild then knows it will make something, before the load ends.
   */
  onChange?: () => void;
}

export type LoadResult = (
  | { ok: true; model: ContentModel; diagnostics: Diagnostic[]; cache?: { hits: number; misses: number; folders: ReadonlyMap<string, string> } }
  | { ok: false; diagnostics: Diagnostic[] }
) & { entries: ReportEntry[]; issuers?: Issuer[]; site?: SiteConfig };

/** Finds the content folder from a project folder (holding `content/`) or the content folder itself. */
export function resolveProject(target: string): { root: string; contentDir: string } {
  const abs = path.resolve(target);
  if (existsSync(path.join(abs, 'content')) && statSync(path.join(abs, 'content')).isDirectory()) {
    return { root: abs, contentDir: path.join(abs, 'content') };
  }
  return { root: path.dirname(abs), contentDir: abs };
}

export function loadContent(target: string, options: LoadOptions = {}): LoadResult {
  const { root, contentDir } = resolveProject(target);
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(contentDir)) {
    return {
      ok: false,
      entries: [],
      diagnostics: [diag('error', 'content.missing', { file: rel(contentDir) || '.', line: 0, column: 0 }, `找不到内容文件夹：${contentDir}`, { hint: '在项目根目录运行，或把内容文件夹的路径作为参数传入。' })],
    };
  }

  const { registry, diagnostics: templateDiagnostics } = loadTemplates(options.templatesDir ?? templatesDirOf(root), root);
  diagnostics.push(...templateDiagnostics);

  // site.yaml
  let site: SiteConfig | undefined;
  const siteLint: LintSource[] = [];
  let siteSource: YamlSource | undefined;
  const sitePath = path.join(contentDir, 'site.yaml');
  const issuersPath = path.join(contentDir, ISSUERS_FILE);
  const cacheKey = () => loadContextKey(registry, existsSync(sitePath) ? readFileSync(sitePath) : undefined, existsSync(issuersPath) ? readFileSync(issuersPath) : undefined);
  const cache = options.cacheDir ? new LoadCache(options.cacheDir, cacheKey(), contentDir, options.onChange) : undefined;
  if (!existsSync(sitePath)) {
    diagnostics.push(diag('error', 'site.missing', { file: rel(sitePath), line: 0, column: 0 }, '缺少网站设置文件 site.yaml。', { hint: '在内容文件夹里创建 site.yaml，写上网站名称和页脚信息，参见 README。' }));
  } else {
    const read = readText(sitePath, rel(sitePath));
    const parsed = read.ok ? parseYamlSource(read.text, rel(sitePath)) : read;
    if (parsed.ok) {
      siteSource = parsed.source;
      siteLint.push({ file: rel(sitePath), kind: 'site', yaml: parsed.source });
    }
    const checked = parsed.ok ? validateYaml(SiteConfig, parsed.source) : parsed;
    if (checked.ok) site = checked.data;
    else diagnostics.push(...checked.diagnostics);
    if (site && parsed.ok) diagnostics.push(...checkSiteSettings(site, parsed.source, rel(sitePath), registry, contentDir));
  }
  if (site && options.basePath !== undefined) {
    const override = SiteConfig.shape.basePath.safeParse(options.basePath);
    if (override.success) site = { ...site, basePath: override.data };
    else diagnostics.push(diag('error', 'site.base-path-override', { file: 'NIANBAO_BASE', line: 0, column: 0 }, `部署子路径“${options.basePath}”应以 / 开头并以 / 结尾。`, { hint: '如 /fzzfjs/' }));
  }

  // Everything else: report folders, and files that belong to none.
  const reportsDir = path.join(contentDir, 'reports');
  const reportDirs = new Set<string>();
  const listed = listContentFiles(contentDir);
  for (const file of listed.hidden) {
    const parts = file.split(path.sep);
    // Section and YAML files in a report folder are checked by loadReport, hidden or not.
    if (parts[0] === 'reports' && parts.length === 3 && /\.(md|ya?ml)$/.test(file)) continue;
    const reportFolder = parts[0] === 'reports' && parts.length === 2 && statSync(path.join(contentDir, file)).isDirectory();
    diagnostics.push(
      reportFolder
        ? diag('error', 'content.hidden-folder', { file: rel(path.join(contentDir, file)), line: 0, column: 0 }, `报告文件夹 ${parts[1]} 的名字以“.”开头，是隐藏文件夹，不会被发布。`, {
            hint: `去掉开头的“.”（文件夹名只能用小写字母、数字和 -）；如果不想发布这份报告，把它移出 content/reports/。`,
            value: parts[1],
          })
        : diag('warning', 'content.hidden-file', { file: rel(path.join(contentDir, file)), line: 0, column: 0 }, `${rel(path.join(contentDir, file))} 的名字以“.”开头，nianbao 不读取它。`, {
            hint: '内容文件和文件夹的名字不要以“.”开头；不需要的话删掉它。',
          }),
    );
  }
  for (const file of listed.outside) {
    diagnostics.push(
      diag('error', 'content.path-outside', { file: rel(path.join(contentDir, file)), line: 0, column: 0 }, `${rel(path.join(contentDir, file))} 是指向内容文件夹之外（或不存在的位置）的符号链接，nianbao 不读取它。`, {
        hint: '把文件本身复制到内容文件夹里，不要用链接。',
      }),
    );
  }
  for (const file of listed.files) {
    const abs = path.join(contentDir, file);
    const parts = file.split(path.sep);
    if (parts.length === 1 && (parts[0] === 'site.yaml' || parts[0] === ISSUERS_FILE)) continue;
    if (parts[0] === 'reports' && parts.length === 3) {
      reportDirs.add(path.join(reportsDir, parts[1]!));
      continue;
    }
    if (file.endsWith('.md') || /\.ya?ml$/.test(file)) {
      diagnostics.push(
        diag('error', 'content.orphan-file', { file: rel(abs), line: 0, column: 0 }, `文件 ${rel(abs)} 不在任何报告文件夹里，不会被发布。`, {
          hint: '章节文件要放在 content/reports/<报告文件夹>/ 里，和 report.yaml 在一起。',
        }),
      );
    }
  }
  // issuers.yaml: reports name their issuer by id.
  const issuersRead = readIssuers(contentDir, rel, reportDirs.size > 0);
  diagnostics.push(...issuersRead.diagnostics);
  if (issuersRead.lint) siteLint.push(issuersRead.lint);
  const directory = issuersRead.directory;

  // The lint rules look at one file at a time, so each report is linted on its own (and its
  // findings cached with it); an unknown rule id in lint.levels is reported once, with site.yaml.
  const known = new Set(LINT_RULES.map((r) => r.id));
  const reportLintSettings = site?.lint && { ...site.lint, levels: Object.fromEntries(Object.entries(site.lint.levels).filter(([id]) => known.has(id))) };
  const loadOne = (dir: string): LoadedReport => {
    const result = loadReport(dir, root, registry, directory);
    const lint = lintContent(result.sources ?? [], { settings: reportLintSettings, siteDomain: site?.domain });
    return { report: result.report, meta: result.meta, diagnostics: [...result.diagnostics, ...lint] };
  };
  const reports: ReportModel[] = [];
  const entries: ReportEntry[] = [];
  const unloaded = new Set<string>();
  for (const dir of [...reportDirs].sort()) {
    if (!existsSync(path.join(dir, 'report.yaml'))) {
      diagnostics.push(
        diag('error', 'report.missing-meta', { file: rel(path.join(dir, 'report.yaml')), line: 0, column: 0 }, `报告文件夹 ${path.basename(dir)} 缺少 report.yaml。`, {
          hint: '每个报告文件夹都要有 report.yaml（标题、年度、类型、发布机构等）。可用 nianbao new 生成。',
        }),
      );
      continue;
    }
    const result = cache ? cache.report(dir, rel(dir), registry, () => loadOne(dir)) : loadOne(dir);
    diagnostics.push(...result.diagnostics);
    if (result.report) reports.push(result.report);
    else if (result.meta) unloaded.add(`${result.meta.issuer}\0${result.meta.year}\0${result.meta.type}`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    entries.push({ slug: path.basename(dir), file: rel(path.join(dir, 'report.yaml')), meta: result.meta, report: result.report, errors, warnings: result.diagnostics.length - errors });
  }
  cache?.save();
  // Derived 索引号, roll-ups: once, over every report that loaded (drafts too).
  if (directory) {
    reports.sort(newestFirst);
    const across = [
      ...resolveAcrossReports(reports, directory.issuers, { today: today(options.today), unloaded }),
      // Each report against its issuer's report of the same type for the year before.
      ...checkContinuity(reports).diagnostics,
    ];
    diagnostics.push(...across);
    for (const d of across) {
      const entry = entries.find((e) => d.file === e.file || d.file.startsWith(e.file.replace(/report\.yaml$/, '')));
      if (entry) entry[d.severity === 'error' ? 'errors' : 'warnings']++;
    }
  }
  if (reportDirs.size === 0) {
    diagnostics.push(diag('warning', 'content.no-reports', { file: rel(reportsDir), line: 0, column: 0 }, '还没有任何报告。', { hint: '用 nianbao new <类型> <文件夹名> 新建一份。' }));
  }

  // Injected terms, hidden links, unsafe HTML, misspelt names, typography: over everything published.
  diagnostics.push(...lintContent(siteLint, { settings: site?.lint, siteDomain: site?.domain, siteSource }));

  sortDiagnostics(diagnostics);
  const partial = { entries, ...(directory ? { issuers: directory.issuers } : {}), ...(site ? { site } : {}) };
  if (hasErrors(diagnostics) || !site || !directory) return { ok: false, diagnostics, ...partial };
  reports.sort(newestFirst);
  const published = reports.filter((r) => r.meta.status !== 'draft');
  const drafts = reports.filter((r) => r.meta.status === 'draft');
  return {
    ok: true,
    model: { root, contentDir, site, issuers: directory.issuers, reports: published, drafts },
    diagnostics,
    ...partial,
    ...(cache ? { cache: { hits: cache.hits, misses: cache.misses, folders: cache.folders } } : {}),
  };
}

const newestFirst = (a: ReportModel, b: ReportModel) => b.meta.year - a.meta.year || b.meta.publishedAt.localeCompare(a.meta.publishedAt) || a.slug.localeCompare(b.slug);

/** The host government named in site.yaml, if it can be read: a default for `nianbao new`, which must work on an unfinished tree. */
export function peekSiteGovernment(contentDir: string): string | undefined {
  const file = path.join(contentDir, 'site.yaml');
  if (!existsSync(file)) return undefined;
  const read = readText(file, 'site.yaml');
  const parsed = read.ok ? parseYamlSource(read.text, 'site.yaml') : undefined;
  const government = parsed?.ok ? (parsed.source.data as { government?: unknown } | null)?.government : undefined;
  return typeof government === 'string' ? government : undefined;
}

/** The project's own templates/ folder, or nianbao's. */
function templatesDirOf(root: string): string {
  const own = path.join(root, 'templates');
  return existsSync(own) ? own : BUILTIN_TEMPLATES;
}

/** The report templates a project uses (for `nianbao new` and `import`, which work before content exists). */
export function findTemplates(target: string): TemplateRegistry {
  const { root } = resolveProject(target);
  return loadTemplates(templatesDirOf(root), root).registry;
}
