import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Heading, Image, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { diag, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LintSource } from '../lint/subject.ts';
import { formatMetric } from '../metrics/format.ts';
import { imagePath, isLocalImage } from '../markdown/image-url.ts';
import { OutlineCounter } from '../markdown/numbering.ts';
import { resolveInside } from '../paths/project-path.ts';
import { parseMarkdown } from '../markdown/parse.ts';
import { ReportMeta } from '../schema/report.ts';
import { checkElements } from './elements.ts';
import { collectMetrics } from './metrics.ts';
import type { AttachmentModel, ReportModel, SectionModel } from './model.ts';
import { readText } from './read-text.ts';
import { checkRules, type PlacedRule } from './rules.ts';
import { validateYaml } from './schema-diagnostics.ts';
import { readSectionFile, type SectionFile } from './section-file.ts';
import { checkRollupDeclarations } from './rollups.ts';
import { unknownIssuer, type IssuerDirectory } from './issuers.ts';
import { resolveFiling } from './filing.ts';
import type { TemplateEntry, TemplateRegistry } from './templates.ts';
import { parseYamlSource } from './yaml-source.ts';
import { REPORT_SLUG, REPORT_SLUG_HINT } from './report-slug.ts';

const SECTION_NAME = /^(\d{2,3})-([a-z0-9][a-z0-9-]*)\.md$/;
export { REPORT_SLUG } from './report-slug.ts';
/** The 导语: Markdown without frontmatter, shown between the title (主送机关) and section 一. */
export const LEAD_FILE = 'lead.md';
/** The text of attachment N of the 附件说明: Markdown without frontmatter, printed on its own pages. */
export const ATTACHMENT_FILE = /^fujian-([1-9]\d*)\.md$/;

export type ReportResult = {
  report?: ReportModel;
  diagnostics: Diagnostic[];
  /** report.yaml when it validated, even when the rest of the report has errors (for status and roll-ups). */
  meta?: ReportMeta;
  /** The files as parsed (YAML values, Markdown bodies), for the content lint; even when the report has errors. */
  sources?: LintSource[];
};

/** Loads one report folder: `report.yaml` and its `NN-name.md` sections. */
export function loadReport(dir: string, root: string, templates: TemplateRegistry, issuers?: IssuerDirectory): ReportResult {
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const slug = path.basename(dir);
  const reportPath = path.join(dir, 'report.yaml');
  const reportFile = rel(reportPath);
  const diagnostics: Diagnostic[] = [];
  const top = { file: reportFile, line: 1, column: 1 };

  if (!REPORT_SLUG.test(slug)) {
    diagnostics.push(
      diag('error', 'report.slug', { file: rel(dir), line: 0, column: 0 }, `报告文件夹名「${slug}」只能用小写字母、数字和 -（它会成为网址的一部分）。`, {
        hint: REPORT_SLUG_HINT,
      }),
    );
  }

  // report.yaml
  const read = readText(reportPath, reportFile);
  if (!read.ok) return { diagnostics: [...diagnostics, ...read.diagnostics] };
  const parsed = parseYamlSource(read.text, reportFile);
  if (!parsed.ok) return { diagnostics: [...diagnostics, ...parsed.diagnostics] };
  const metaResult = validateYaml(ReportMeta, parsed.source);
  if (!metaResult.ok) diagnostics.push(...metaResult.diagnostics);
  const meta = metaResult.ok ? metaResult.data : undefined;
  // Published before it was written: one of the two dates is mistyped (both are printed on the report).
  if (meta && meta.publishedAt.slice(0, 10) < meta.writtenDate) {
    diagnostics.push(
      diag('error', 'report.published-before-written', parsed.source.positionOf(['publishedAt']), `发布日期 ${meta.publishedAt} 早于成文日期 ${meta.writtenDate}。`, {
        hint: '报告要先成文后发布：核对 publishedAt（发布日期）和 writtenDate（成文日期），改正写错的那个。',
        value: meta.publishedAt,
      }),
    );
  }
  // Without a readable issuers.yaml the issuer cannot be resolved; that is reported once, for the file.
  const issuer = meta && issuers?.byId.get(meta.issuer);
  if (meta && issuers && !issuer) diagnostics.push(unknownIssuer(meta.issuer, issuers, parsed.source.positionOf(['issuer'])));

  const rawType = (parsed.source.data as { type?: unknown } | null)?.type;
  const rawVersion = (parsed.source.data as { typeVersion?: unknown } | null)?.typeVersion;
  const entry = typeof rawType === 'string' ? templates.find(rawType, rawVersion === undefined ? undefined : String(rawVersion)) : undefined;
  if (typeof rawType === 'string' && !entry) {
    const versions = templates.byType.get(rawType);
    diagnostics.push(
      versions
        ? diag('error', 'report.unknown-template-version', parsed.source.positionOf(['typeVersion']), `报告类型 ${rawType} 没有 ${String(rawVersion)} 版格式。`, {
            hint: `可用的版本：${versions.map((v) => v.template.version).join('、')}。`,
            value: rawVersion,
          })
        : diag('error', 'report.unknown-template', parsed.source.positionOf(['type']), `未知的报告类型「${rawType}」。`, {
            hint: `可用的类型：${[...templates.byType.values()].map((v) => `${v[0]!.template.id}（${v[0]!.template.name}）`).join('、')}。`,
            value: rawType,
          }),
    );
  }

  const rawYear = (parsed.source.data as { year?: unknown } | null)?.year;
  if (entry && typeof rawYear === 'number') {
    const fallback = [...templates.byType.values()].map((v) => v[v.length - 1]!.template).find((t) => t.recognize?.fallback && t.id !== entry.template.id);
    const misfit = versionForYear(entry, templates.byType.get(entry.template.id) ?? [], rawYear, rawVersion !== undefined, fallback);
    if (misfit) diagnostics.push(diag('error', 'report.template-year', parsed.source.positionOf([rawVersion !== undefined ? 'typeVersion' : 'year']), misfit.message, { hint: misfit.hint, value: rawVersion ?? rawYear }));
  }

  // Section files
  const names = existsSync(dir) ? readdirSync(dir).sort() : [];
  const files: { order: number; slug: string; abs: string }[] = [];
  const seenOrder = new Map<number, string>();
  for (const name of names) {
    if (name === LEAD_FILE || ATTACHMENT_FILE.test(name)) continue;
    if (!name.endsWith('.md')) {
      if (/\.(ya?ml)$/.test(name) && name !== 'report.yaml') {
        diagnostics.push(
          diag('error', 'report.stray-yaml', { file: rel(path.join(dir, name)), line: 0, column: 0 }, `报告文件夹里的 ${name} 不会被读取。`, {
            hint: name === 'report.yml' ? '把文件改名为 report.yaml。' : '报告信息写在 report.yaml，章节写在 NN-名称.md。',
          }),
        );
      }
      continue;
    }
    const m = SECTION_NAME.exec(name);
    const file = rel(path.join(dir, name));
    if (!m) {
      diagnostics.push(
        diag('error', 'section.file-name', { file, line: 0, column: 0 }, `章节文件名「${name}」不符合“两位序号-英文名.md”的格式。`, {
          hint: '如 01-zongti-qingkuang.md：序号决定章节顺序，英文名用小写字母、数字和 -。',
        }),
      );
      continue;
    }
    const order = Number(m[1]);
    if (seenOrder.has(order)) {
      diagnostics.push(
        diag('error', 'section.duplicate-order', { file, line: 0, column: 0 }, `章节序号 ${m[1]} 重复：${seenOrder.get(order)} 也用了这个序号。`, {
          hint: '每个章节文件的序号要不同，它决定章节的先后。',
        }),
      );
      continue;
    }
    seenOrder.set(order, name);
    files.push({ order, slug: m[2]!, abs: path.join(dir, name) });
  }
  if (files.length === 0) {
    diagnostics.push(diag('error', 'report.no-sections', top, '这份报告还没有任何章节文件。', { hint: '在报告文件夹里添加 01-名称.md 等章节文件，或用 nianbao new 生成骨架。' }));
  }

  const sectionFiles: { file: SectionFile; order: number; slug: string }[] = [];
  let unreadSections = 0;
  for (const f of files) {
    const r = readSectionFile(f.abs, rel(f.abs));
    if (!r.ok) {
      diagnostics.push(...r.diagnostics);
      unreadSections++;
    } else sectionFiles.push({ file: r.section, order: f.order, slug: f.slug });
  }
  const sources: LintSource[] = [
    { file: reportFile, kind: 'report', yaml: parsed.source },
    ...sectionFiles.map((s) => ({ file: s.file.file, kind: 'section' as const, yaml: s.file.source, body: s.file.body })),
  ];
  const duplicateSlug = new Set<string>();
  for (const s of sectionFiles) {
    if (sectionFiles.some((o) => o !== s && o.slug === s.slug) && !duplicateSlug.has(s.slug)) {
      duplicateSlug.add(s.slug);
      diagnostics.push(diag('error', 'section.duplicate-slug', { file: s.file.file, line: 0, column: 0 }, `两个章节文件用了同一个英文名「${s.slug}」。`, { hint: '章节英文名会成为网页锚点，要互不相同。' }));
    }
  }

  // Without a template nothing below can be checked; without valid metadata everything else still is.
  if (!entry) return { diagnostics, sources, meta };
  const template = entry.template;

  // Metrics and tables
  const collected = collectMetrics(
    sectionFiles.map((s) => ({ section: s.file, slug: s.slug })),
    template,
    reportFile,
    unreadSections > 0,
  );
  diagnostics.push(...collected.diagnostics);
  const { metrics } = collected;
  // A metric missing because its own definition failed is reported once, at the definition.
  const alreadyReported = (id: string) => unreadSections > 0 || collected.isFailed(id);

  const resolveRefs = (body: Root, file: string) =>
    visit(body, 'metricRef', (ref) => {
      const metric = metrics[ref.id];
      if (metric) {
        ref.text = formatMetric(metric);
      } else if (ref.id && !alreadyReported(ref.id)) {
        const known = Object.keys(metrics);
        const similar = known.filter((k) => k.includes(ref.id) || ref.id.includes(k)).slice(0, 3);
        diagnostics.push(
          diag('error', 'metric.unknown-ref', { file, line: ref.position?.start.line ?? 0, column: ref.position?.start.column ?? 0 }, `正文引用了不存在的指标「${ref.id}」。`, {
            hint: similar.length ? `是不是：${similar.join('、')}？` : '先在某个章节的 metrics 里定义这个指标，再用 :m[编号] 引用。',
            value: ref.id,
          }),
        );
      }
    });

  // The 导语 (lead.md): body text only; its figures are metrics declared in a section and referenced here.
  let lead: ReportModel['lead'];
  const leadPath = path.join(dir, LEAD_FILE);
  if (existsSync(leadPath)) {
    const leadFile = rel(leadPath);
    const read = readText(leadPath, leadFile);
    if (!read.ok) diagnostics.push(...read.diagnostics);
    else if (/^---[ \t]*\n/.test(read.text)) {
      diagnostics.push(
        diag('error', 'lead.frontmatter', { file: leadFile, line: 1, column: 1 }, '导语文件 lead.md 不写 frontmatter，只写正文。', {
          hint: '删去开头的 --- 部分；导语里的数字在某个章节的 metrics 里定义，在导语中用 :m[编号] 引用。',
        }),
      );
    } else {
      const { tree, problems } = parseMarkdown(read.text);
      for (const p of problems) {
        if (p.kind === 'empty-ref') diagnostics.push(diag('error', 'metric.empty-ref', { file: leadFile, line: p.line, column: p.column }, '指标引用 :m[] 里没有写编号。', { hint: '写成 :m[指标编号]。' }));
      }
      visit(tree, 'heading', (h: Heading) => {
        diagnostics.push(
          diag('error', 'lead.heading', { file: leadFile, line: h.position?.start.line ?? 0, column: h.position?.start.column ?? 0 }, `导语里不能有标题「${toString(h)}」：导语是第一个标题“一、”之前的几段正文。`, {
            hint: '把标题和它后面的内容移到章节文件里。',
          }),
        );
      });
      resolveRefs(tree, leadFile);
      lead = { file: leadFile, body: tree };
      sources.push({ file: leadFile, kind: 'section', body: tree });
    }
  }

  // Attachments (附件说明) and their text (fujian-N.md), printed on pages of their own after the signature.
  const attachments: AttachmentModel[] = (meta?.attachments ?? []).map((title, i) => ({ number: i + 1, title: title.replace(/[。，；、.,;]+$/, '') }));
  for (const name of names) {
    const m = ATTACHMENT_FILE.exec(name);
    if (!m) continue;
    const file = rel(path.join(dir, name));
    const attachment = attachments[Number(m[1]) - 1];
    if (!attachment) {
      if (meta) {
        diagnostics.push(
          diag('error', 'attachment.unlisted', { file, line: 0, column: 0 }, `附件文件 ${name} 没有对应的附件说明：report.yaml 的 attachments 只列了 ${attachments.length} 项。`, {
            hint: `在 report.yaml 的 attachments 里按顺序写上第 ${m[1]} 个附件的名称，或删去这个文件。`,
          }),
        );
      }
      continue;
    }
    const read = readText(path.join(dir, name), file);
    if (!read.ok) {
      diagnostics.push(...read.diagnostics);
      continue;
    }
    const { tree, problems } = parseMarkdown(read.text);
    for (const p of problems) {
      if (p.kind === 'empty-ref') diagnostics.push(diag('error', 'metric.empty-ref', { file, line: p.line, column: p.column }, '指标引用 :m[] 里没有写编号。', { hint: '写成 :m[指标编号]。' }));
    }
    visit(tree, 'heading', (h: Heading) => {
      diagnostics.push(
        diag('error', 'attachment.heading', { file, line: h.position?.start.line ?? 0, column: h.position?.start.column ?? 0 }, `附件正文里不能用 Markdown 标题「${toString(h)}」。`, {
          hint: '附件的标题取自 report.yaml 的 attachments；附件内的层次序号（一、（一）……）直接写在段落开头。',
        }),
      );
    });
    resolveRefs(tree, file);
    attachment.file = file;
    attachment.body = tree;
    sources.push({ file, kind: 'section', body: tree });
  }

  // Outline numbering and metric references
  const counter = new OutlineCounter();
  const sections: SectionModel[] = [];
  let previousLevel = 0;
  for (const s of sectionFiles) {
    const fm = s.file.frontmatter;
    const at = s.file.source.positionOf(['level']);
    if (fm.level > previousLevel + 1) {
      diagnostics.push(
        diag('error', 'section.level-jump', at, `标题层级跳级：这一节是第 ${fm.level} 级，但前面没有第 ${fm.level - 1} 级标题。`, {
          hint: previousLevel === 0 ? '第一个章节应为 level: 1。' : `把 level 改为 ${previousLevel + 1} 或更小。`,
          value: fm.level,
        }),
      );
    }
    previousLevel = fm.level;
    const number = counter.next(fm.level);
    visit(s.file.body, 'heading', (h: Heading) => {
      const hAt = { file: s.file.file, line: h.position?.start.line ?? 0, column: h.position?.start.column ?? 0 };
      if (h.depth <= fm.level || h.depth > 4 || h.depth > previousLevel + 1) {
        diagnostics.push(
          diag('error', 'section.heading-level', hAt, `正文标题「${toString(h)}」的层级不对：本节是第 ${fm.level} 级，正文里的下一级标题应写 ${'#'.repeat(Math.min(previousLevel + 1, 4))}。`, {
            hint: '正文标题：### 对应“1.”，#### 对应“（1）”；序号会自动生成，不要手写。',
          }),
        );
        return;
      }
      previousLevel = h.depth;
      h.data = { ...h.data, number: counter.next(h.depth) } as Heading['data'];
    });
    for (const p of s.file.directiveProblems) {
      const pAt = { file: s.file.file, line: p.line, column: p.column };
      diagnostics.push(
        p.kind === 'empty-ref'
          ? diag('error', 'metric.empty-ref', pAt, '指标引用 :m[] 里没有写编号。', { hint: '写成 :m[指标编号]。' })
          : diag('warning', 'markdown.unknown-directive', pAt, `“:${p.name}”不是 nianbao 认识的写法，按原文显示。`, {
              hint: '引用指标请写 :m[指标编号]；如果是普通文字里的冒号，建议改用中文冒号“：”。',
            }),
      );
    }
    resolveRefs(s.file.body, s.file.file);
    // Pictures are read from the disk when Word and PDF files are made: only from inside the project.
    visit(s.file.body, 'image', (img: Image) => {
      if (!isLocalImage(img.url)) return;
      const inside = resolveInside(root, imagePath(img.url), dir);
      if (inside.ok) return;
      diagnostics.push(
        diag('error', 'content.path-outside', { file: s.file.file, line: img.position?.start.line ?? 0, column: img.position?.start.column ?? 0 }, `图片“${img.url}”在项目文件夹之外，nianbao 不会读取它。`, {
          hint: `把图片复制到报告文件夹里，写成相对路径，如 ![说明](tupian.png)。${inside.message}`,
          value: img.url,
        }),
      );
    });
    sections.push({
      slug: s.slug,
      file: s.file.file,
      order: s.order,
      title: fm.title,
      level: fm.level,
      number,
      elements: [],
      body: s.file.body,
      metricIds: collected.metricIdsBySection.get(s.slug) ?? [],
    });
  }

  // Template elements
  const elementResult = checkElements(
    template,
    sectionFiles.map((s) => ({
      slug: s.slug,
      title: s.file.frontmatter.title,
      level: s.file.frontmatter.level,
      declared: s.file.frontmatter.elements,
      body: s.file.body,
      at: s.file.source.positionOf(['elements']),
    })),
    parsed.source.positionOf(['type']),
    unreadSections > 0,
  );
  diagnostics.push(...elementResult.diagnostics);
  for (const s of sections) s.elements = elementResult.elementsBySection.get(s.slug) ?? [];

  // Consistency rules: the template's, the report's, each section's
  const labels: Record<string, string> = {};
  for (const t of template.tables) {
    for (const c of t.columns) labels[c.id] = c.label;
    for (const r of t.rows) labels[r.id] = r.label;
  }
  const placed: PlacedRule[] = [
    ...template.rules.map((rule) => ({ rule, labels })),
    ...(meta?.rules ?? []).map((rule, i) => ({ rule, at: parsed.source.positionOf(['rules', i]) })),
    ...sectionFiles.flatMap((s) => s.file.frontmatter.rules.map((rule, i) => ({ rule, at: s.file.source.positionOf(['rules', i]) }))),
  ];
  const ruleResult = checkRules(placed, metrics, alreadyReported, collected.blankIds);
  diagnostics.push(...ruleResult.diagnostics);
  if (meta && issuers) diagnostics.push(...checkRollupDeclarations(meta.rollup, template, issuers, (i, ...key) => parsed.source.positionOf(['rollup', i, ...key])));

  const filing = meta && issuer && issuers ? resolveFiling(meta, issuer, issuers, (p) => parsed.source.positionOf(p)) : undefined;
  if (filing) diagnostics.push(...filing.diagnostics);

  if (hasErrors(diagnostics) || !meta || !issuer || !filing) return { diagnostics, sources, meta };
  const metaAt = {
    issuer: parsed.source.positionOf(['issuer']),
    publishedAt: parsed.source.positionOf(['publishedAt']),
    rollup: meta.rollup.map((_, i) => parsed.source.positionOf(['rollup', i])),
  };
  return {
    sources,
    diagnostics,
    meta,
    report: {
      slug,
      dir,
      meta,
      template,
      sections,
      lead,
      attachments,
      filing: filing.filing,
      metrics,
      tables: collected.tables,
      rules: ruleResult.checked,
      // Last, in the order the load cache restores them. Filled in across reports by loadContent.
      issuer,
      indexNumber: meta.indexNumber ?? '',
      indexNumberDerived: meta.indexNumber === undefined,
      rollups: [],
      metaAt,
    },
  };
}

const covers = (t: TemplateEntry['template'], year: number) => (t.years?.from ?? -Infinity) <= year && year <= (t.years?.to ?? Infinity);
const span = (t: TemplateEntry['template']) => (t.years?.to === undefined ? `${t.years?.from}年度起` : t.years.from === undefined ? `${t.years.to}年度及以前` : `${t.years.from}—${t.years.to}年度`);

/**
 * A format version is mandated for some years (`years:` in template.yaml): a report of another
 * year was written in another format, and is told which version (or the archive form) fits it.
 */
function versionForYear(
  entry: TemplateEntry,
  versions: TemplateEntry[],
  year: number,
  declared: boolean,
  fallback?: TemplateEntry['template'],
): { message: string; hint: string } | undefined {
  const t = entry.template;
  if (covers(t, year)) return undefined;
  const fitting = versions.filter((v) => covers(v.template, year));
  const named = (v: TemplateEntry) => `typeVersion: "${v.template.version}"（${v.template.badge ? `${v.template.badge}，` : ''}${v.template.description ?? v.template.basis ?? v.template.name}）`;
  return {
    message: `${year}年度的报告不能用${t.name} ${t.version} 版的格式${declared ? '' : '（没写 typeVersion 时用最新版）'}：这一版${t.basis ? `（${t.basis.split('；').at(-1)}）` : ''}适用于${span(t)}的报告。`,
    hint: fitting.length
      ? `在 report.yaml 里改为 ${fitting.map(named).join('，或 ')}，并按该版的骨架（nianbao new ${t.id} <文件夹名> --type-version ${fitting[0]!.template.version}）整理章节和表格。`
      : `${t.id} 没有适用于${year}年度的版本：检查 year 是否写错${fallback ? `；按原样归档的旧报告可改用${fallback.name}（${fallback.id}）` : ''}。`,
  };
}
