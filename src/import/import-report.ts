import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { findTemplates, LEAD_FILE, loadContent, REPORT_SLUG_HINT, reportSlugProblem, resolveProject } from '../content/index.ts';
import { resolveInside } from '../paths/project-path.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Template } from '../schema/template.ts';
import type { ImportNotice } from './blocks.ts';
import { extractMetrics, type ExtractedMetric } from './metric-candidates.ts';
import { readOutline, type ImportedSection } from './outline.ts';
import { IdPool, pinyinSlug } from './pinyin-id.ts';
import { restoreFullWidthPunctuation } from './punctuation.ts';
import { docConverter, type DocConverter } from './doc-conversion.ts';
import { ImportError } from './import-error.ts';
import { readSource } from './read-source.ts';
import { reportInjectedTerms, withoutInjectedTerms } from './suspicious.ts';
import { readReportTables, type TableImport } from './template-tables.ts';
import { isoDate } from './document-parts.ts';
import { META_FIELDS } from './meta-fields.ts';
import { matchIssuer } from './issuers.ts';
import { linkProseToCells, tableCellFigures } from './prose-cells.ts';
import { suggestIsoDate } from '../metrics/chinese-numeral.ts';

export interface ImportOptions {
  /** Project folder or content folder. */
  project: string;
  type?: string;
  slug?: string;
  /** Replace an existing report folder of the same name. */
  force?: boolean;
  /** The report's year when the document does not say it (`--year`). */
  year?: number;
  /**
   * Asks the editor when the document leaves the type or year uncertain (a terminal); without it
   * (CI, scripts) import goes on with its guess and lists it, and `--type`/`--year` decide.
   */
  ask?: (question: string, choices: { value: string; label: string }[], suggested: string) => Promise<string>;
  /** Converts a .doc (src/import/doc-conversion.ts); default: one LibreOffice run for this file, its folder removed afterwards. */
  docs?: DocConverter;
}

export interface ImportResult {
  dir: string;
  slug: string;
  type: string;
  year?: number;
  /** The issuer as written in report.yaml (an issuers.yaml id when matched). */
  issuer?: string;
  sections: { file: string; level: number; title: string }[];
  metrics: (ExtractedMetric & { file: string })[];
  /** Figures of the prose that state a table cell, now references to it. */
  cellReferences: { written: string; label: string; cell: string; file: string }[];
  punctuationFixes: number;
  notices: ImportNotice[];
  /** What `nianbao check` says about the new folder: the editor's to-do list. */
  diagnostics: Diagnostic[];
}

/**
 * The report type, from the command line, the title or the tables, with the reason shown to the
 * editor. Each type says how it is recognised (`recognize:` in its template.yaml, newest version):
 * titles first, then the tables' text, else the type marked `fallback`.
 */
export function guessType(title: string, tables: string[][][], templates: readonly Template[], option?: string): { type?: string; reason: string; sure: boolean } {
  if (option) return { type: option, reason: '命令行 --type 指定', sure: true };
  const known = templates.filter((t) => t.recognize);
  for (const t of known) {
    const word = t.recognize!.titles.find((w) => new RegExp(w).test(title));
    if (word) return { type: t.id, reason: `标题含“${word}”`, sure: true };
  }
  const cells = tables.flat(2).join('|');
  for (const t of known) {
    if (t.recognize!.tables.some((w) => new RegExp(w).test(cells))) return { type: t.id, reason: `正文中的统计表是${t.name}的表格`, sure: true };
  }
  const words = known.flatMap((t) => t.recognize!.titles.map((w) => `“${w}”`)).join('');
  const fallback = known.find((t) => t.recognize!.fallback);
  const missing = words ? `标题里没有${words}` : '模板没有说明如何认出它们的报告';
  return fallback ? { type: fallback.id, reason: `${missing}，按${fallback.name}导入`, sure: false } : { reason: missing, sure: false };
}

const CN_DIGIT: Record<string, string> = { '〇': '0', '○': '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The report's year: from its title, else the file's own 年度 property, else the year before publication (flagged). */
export function guessYear(title: string, meta: Record<string, string>): { year?: number; reason: string; sure: boolean } {
  const arabic = /(?:^|[^\d〔\[［])((?:19|20)\d{2})\s*年/.exec(title);
  if (arabic) return { year: Number(arabic[1]), reason: `标题中的“${arabic[1]}年”`, sure: true };
  const chinese = /([〇○零一二三四五六七八九]{4})\s*年/.exec(title);
  if (chinese) return { year: Number([...chinese[1]!].map((c) => CN_DIGIT[c]).join('')), reason: `标题中的“${chinese[1]}年”`, sure: true };
  if (meta['year']) return { year: Number(meta['year']), reason: '文件属性“年度”', sure: true };
  const date = meta['writtenDate'] ?? meta['publishedAt'];
  if (date && /^\d{4}/.test(date)) return { year: Number(date.slice(0, 4)) - 1, reason: `标题中没有年份，按${meta['writtenDate'] ? '成文' : '发布'}日期 ${date.slice(0, 10)} 推断为上一年`, sure: false };
  return { reason: '标题和元数据中都没有年份', sure: false };
}

const yamlValue = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();
const flow = (v: unknown) => stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();

/** A folder of the project for an import's LibreOffice conversions (its own, so two imports don't collide). */
export const importWorkDir = (project: string): string => path.join(resolveProject(project).root, '.cache', 'nianbao', `import-${process.pid}`);

/**
 * Turns an existing report (Word, web page or text) into a content folder: sections at the
 * official heading levels, figures as metric candidates referenced from the text, metadata
 * where the source has it. Never overwrites an existing folder unless asked.
 */
export async function importReport(file: string, options: ImportOptions): Promise<ImportResult> {
  // A bad --slug is refused before the file is even read: nothing is written.
  if (options.slug !== undefined) checkSlug(options.slug, resolveProject(options.project).contentDir);
  if (!existsSync(file)) throw new ImportError(`找不到要导入的文件：${file}`);
  const notices: ImportNotice[] = [];
  // A converter of the caller's (a folder import converts all its .doc files at once), or one for this file.
  const docs = options.docs ?? docConverter(importWorkDir(options.project));
  let source: Awaited<ReturnType<typeof readSource>>;
  try {
    source = await readSource(file, notices, docs);
  } finally {
    if (!options.docs) await docs.dispose();
  }
  const { blocks, properties } = source;
  let punctuationFixes = 0;
  for (const b of blocks) {
    if (b.kind !== 'text') continue;
    const fixed = restoreFullWidthPunctuation(b.text);
    b.text = fixed.text;
    punctuationFixes += fixed.changes;
  }
  reportInjectedTerms(blocks, notices);
  const outline = readOutline(blocks);
  // A Word file made by nianbao (or filled in by hand) carries metadata in its properties.
  for (const [key, value] of Object.entries(properties)) {
    const field = META_FIELDS[key];
    if (field && !outline.meta[field]) outline.meta[field] = value;
  }
  if (outline.sections.length === 0) {
    throw new ImportError('没有找到任何“一、”“（一）”这样的标题，无法分出章节。', '检查文件是否是完整的报告正文；标题须以“一、”“（一）”等序号开头。');
  }
  const title = outline.title ?? '（标题）';
  const parts = outline.parts;
  const allTables = [...outline.leadTables, ...outline.sections.flatMap((x) => x.tables)];
  const templates = findTemplates(options.project);
  const newest = [...templates.byType.values()].map((v) => v[v.length - 1]!.template);
  const guessed = guessType(title, allTables, newest, options.type);
  if (!guessed.sure && options.ask) {
    const answer = await options.ask(
      `《${title}》的报告类型看不出来（${guessed.reason}）。是哪一种？`,
      newest.map((t) => ({ value: t.id, label: `${t.id}（${t.name}）` })),
      guessed.type ?? '',
    );
    Object.assign(guessed, { type: answer, reason: '导入时选择', sure: true });
  }
  const type = guessed.type;
  const available = newest.map((t) => `${t.id}（${t.name}）`).join('、');
  if (!type) throw new ImportError(`看不出《${title}》的报告类型：${guessed.reason}。`, `用 --type 指定，可用：${available}。`);
  notices.push({ severity: guessed.sure ? 'info' : 'warning', message: `报告类型：${type}（${guessed.reason}）${guessed.sure ? '' : '；不对时用 --type 指定'}。` });
  const { root, contentDir } = resolveProject(options.project);
  const entry = templates.find(type);
  if (!entry) throw new ImportError(`未知的报告类型“${type}”。`, `可用：${available}。`);
  let template = entry.template;

  const meta = outline.meta;
  const published = meta['publishedAt'] ? (suggestIsoDate(meta['publishedAt'], true) ?? meta['publishedAt']) : undefined;
  const yearGuess = options.year
    ? { year: options.year, reason: '命令行 --year 指定', sure: true }
    : guessYear(title, { ...meta, ...(outline.writtenDate ? { writtenDate: meta['writtenDate'] ?? outline.writtenDate } : {}) });
  if (!yearGuess.sure && options.ask) {
    const answer = await options.ask(`《${title}》是哪一年度的报告？（${yearGuess.reason}）`, [], yearGuess.year ? String(yearGuess.year) : '');
    if (/^\d{4}$/.test(answer.trim())) Object.assign(yearGuess, { year: Number(answer.trim()), reason: '导入时填写', sure: true });
  }
  const year = yearGuess.year ?? NaN;
  if (yearGuess.year !== undefined) notices.push({ severity: yearGuess.sure ? 'info' : 'warning', message: `年度：${yearGuess.year}（${yearGuess.reason}）${yearGuess.sure ? '' : '，请核对'}。` });
  const signature = outline.signature ?? /^(.+?)关于/.exec(title)?.[1];
  const issuerName = meta['issuer'] ?? meta['source'] ?? signature;
  const issuerMatch = matchIssuer(contentDir, [meta['issuer'], meta['source'], signature, parts.issuerMark?.replace(/文件$/, '')]);
  const place = /^(.{2,8}?[省市县区旗])/.exec(signature ?? issuerName ?? '')?.[1] ?? '';
  // chenxi-sifaju-2022-<type>: place, office (not for the government itself), year, type — offices of one county differ.
  const office = (signature ?? issuerName ?? '').replace(/\s+/g, '').slice(place.length).replace(/^人民政府$/, '').replace(/人民政府办公室$/, 'zhengfuban');
  // A matched issuer names the office by its id (chenxi-sifaju-…), as the county's own folders do.
  const officeSlug = issuerMatch.kind === 'matched' ? issuerMatch.id : office === 'zhengfuban' ? 'zhengfuban' : office ? pinyinSlug(office, 4) : '';
  const placeSlug = pinyinSlug(place.replace(/^(.{2,})[县市区旗]$/, '$1'), 4);
  const slug = options.slug ?? [placeSlug, officeSlug, Number.isFinite(year) ? String(year) : '', type].filter(Boolean).join('-');

  const target = checkSlug(slug, contentDir);
  if (existsSync(target) && !options.force) {
    throw new ImportError(`${path.relative(process.cwd(), target)} 已经存在，没有改动。`, '换一个 --slug，或确认要替换时加 --force。');
  }

  // Template version: recognised from the tables' own headers and rows, never assumed.
  const tableRead = template.tables.length ? readReportTables(findTemplates(options.project), type, allTables, notices, yearGuess.year) : undefined;
  if (tableRead?.template) template = tableRead.template;
  const tableImports = tableRead?.imports ?? [];

  // Sections, metrics, tables
  const ids = new IdPool();
  const fileNames = new IdPool();
  const files: { name: string; text: string; section: ImportedSection }[] = [];
  const metrics: ImportResult['metrics'] = [];
  const cellReferences: ImportResult['cellReferences'] = [];
  const tablesBySection = assignTables(template, outline.sections, tableImports);
  const cellFigures = tableCellFigures(tableImports);

  // The 导语: lead.md; its figures are declared in the first section and referenced from the lead.
  const leadMetrics: ExtractedMetric[] = [];
  const leadParagraphs = outline.preamble.map((p) => {
    const r = extractMetrics(p, ids, withoutInjectedTerms);
    leadMetrics.push(...r.metrics);
    return r.text;
  });
  // Tables before the first heading that are no template table stay tables, in the 导语.
  const usedTables = new Set(tableImports.flatMap((t) => t.sourceTables));
  leadParagraphs.push(...outline.leadTables.filter((t) => !usedTables.has(t)).map(markdownTable));
  const leadText = leadParagraphs.length ? `${leadParagraphs.join('\n\n')}\n` : undefined;

  outline.sections.forEach((section, i) => {
    const name = `${String(i + 1).padStart(2, '0')}-${fileNames.take(pinyinSlug(section.title, 4))}.md`;
    const sectionMetrics: ExtractedMetric[] = i === 0 ? [...leadMetrics] : [];
    const body = section.body.map((p) => {
      if (p.startsWith('#')) return p;
      const r = extractMetrics(p, ids, withoutInjectedTerms);
      sectionMetrics.push(...r.metrics);
      return r.text;
    });
    const tables = tablesBySection.get(i);
    // Tables that are not template tables stay tables in their section.
    const templateRows = new Set(tableImports.flatMap((t) => t.sourceTables));
    body.push(...section.tables.filter((t) => !templateRows.has(t)).map(markdownTable));
    // A figure of the prose that states a table cell refers to the cell; a disagreement is listed.
    const linked: { written: string; label: string; cell: string }[] = [];
    const own = linkProseToCells(body, sectionMetrics, cellFigures, notices, section.title, linked);
    cellReferences.push(...linked.map((l) => ({ ...l, file: name })));
    const fm = [`title: ${yamlValue(section.title)}`, `level: ${section.level}`];
    if (own.length) fm.push('metrics:', ...own.map((m) => `  - ${flow(m.input)}`));
    if (tables?.length) {
      fm.push('tables:');
      for (const t of tables) {
        fm.push(`  ${t.table.id}:`);
        for (const [row, values] of Object.entries(t.rows)) fm.push(`    ${row}: ${flow(values)}`);
      }
    }
    files.push({ name, section, text: `---\n${fm.join('\n')}\n---\n${body.length ? `\n${body.join('\n\n')}\n` : ''}` });
    metrics.push(...own.map((m) => ({ ...m, file: name })));
  });
  if (leadText) notices.push({ severity: 'info', message: `第一个标题之前的 ${outline.preamble.length} 段文字作为导语写入 lead.md。` });

  // report.yaml
  const writtenDate = meta['writtenDate'] ? (isoDate(meta['writtenDate']) ?? meta['writtenDate']) : (outline.writtenDate ?? published?.slice(0, 10));
  const report: string[] = [`# 由 nianbao import 从 ${path.basename(file)} 导入；请核对后删除这一行。`];
  const put = (key: string, value: unknown, note?: string) => {
    if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) {
      report.push(`# ${key}:   ← 原文中没有找到${note ? `（${note}）` : ''}，请补填`);
      notices.push({ severity: 'warning', message: `原文中没有找到 ${key}${note ? `（${note}）` : ''}，已在 report.yaml 中留出位置。` });
    } else report.push(`${key}: ${yamlValue(value)}`);
  };
  put('title', title);
  put('year', year, '年度');
  put('type', type);
  put('typeVersion', template.version);
  if (issuerMatch.kind === 'matched') {
    report.push(`issuer: ${yamlValue(issuerMatch.id)}`);
    notices.push({ severity: 'info', message: `发布机构：${issuerMatch.id}（${issuerMatch.reason}）。` });
  } else if (issuerMatch.kind === 'unmatched') {
    report.push(`# issuer:   ← content/issuers.yaml 中没有“${issuerMatch.names.join('”“')}”，请先在 issuers.yaml 中添加，再写它的 id`);
    notices.push({ severity: 'warning', message: `发布机构“${issuerMatch.names.join('”“')}”不在 content/issuers.yaml 中，没有写 issuer；请添加这个机构后补填。` });
  } else put('issuer', issuerName, '发布机构');
  put('source', meta['source'] ?? issuerName, '信息来源');
  put('writtenDate', writtenDate, '成文日期');
  put('publishedAt', published, '发布日期，如 2023-01-04 11:30');
  if (meta['docNumber']) put('docNumber', meta['docNumber']);
  if (parts.mainRecipient) put('mainRecipient', parts.mainRecipient);
  if (meta['indexNumber']) put('indexNumber', meta['indexNumber']);
  else {
    report.push('# indexNumber: 原文中没有索引号：不写时按发布机构的格式自动编号，发布后运行 nianbao number 写入');
    notices.push({ severity: 'info', message: '原文中没有索引号：将按发布机构的索引号格式自动编号。' });
  }
  put('topic', meta['topic'] ?? '政务公开');
  report.push(`keywords: ${flow(meta['keywords'] ? meta['keywords'].split(/[,，;；\s]+/).filter(Boolean) : [])}`);
  put('signature', signature, '署名');
  if (parts.attachmentNames.length) report.push(`attachments: ${flow(parts.attachmentNames)}`);
  if (parts.note) put('note', parts.note);
  if (!meta['writtenDate'] && !outline.writtenDate && writtenDate) {
    notices.push({ severity: 'info', message: `原文没有单独的成文日期，暂用发布日期 ${writtenDate}，请核对。` });
  }
  // The document's parts the content model has no place for: kept in report.yaml as comments, and listed.
  const kept: [string, string | undefined][] = [
    ['份号', parts.copyNumber],
    ['密级', parts.secrecy],
    ['紧急程度', parts.urgency],
    ['发文机关标志', parts.issuerMark],
    ['签发人', parts.signer],
    ['抄送', parts.copyTo],
    ['印发机关', parts.printedBy],
    ['印发日期', parts.printedDate],
    ...Object.entries(parts.otherMeta).filter(([k, v]) => !(/^(名称|标题)$/.test(k) && v === title)),
  ];
  const keptLines = kept.filter(([, v]) => v);
  if (keptLines.length) {
    report.push('# 原文中的以下内容在内容格式中没有对应字段，保留在这里供核对：');
    for (const [k, v] of keptLines) {
      report.push(`#   ${k}：${v}`);
      notices.push({ severity: 'info', message: `原文的${k}“${v}”在内容格式中没有对应字段，已作为注释保留在 report.yaml 中。` });
    }
  }
  if (parts.secrecy) notices.push({ severity: 'error', message: `原文标有密级“${parts.secrecy}”：涉密文件不得在网站公开，请确认已解密后再发布。` });
  if (parts.attachmentText.length) notices.push({ severity: 'warning', message: `成文日期之后的附件正文（${parts.attachmentText.length} 段）保存在 fujian-yuanwen.txt 中，没有导入为章节；需要公开时请另行整理。` });
  if (parts.pageChrome.length) notices.push({ severity: 'info', message: `网页上不属于报告的文字（导航、打印、页脚等 ${parts.pageChrome.length} 处）没有导入。`, where: parts.pageChrome.slice(0, 4).join(' | ') });

  // Write atomically: a half-written folder never appears in content/.
  const staging = `${target}.import-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(path.join(staging, 'report.yaml'), `${report.join('\n')}\n`);
  for (const f of files) writeFileSync(path.join(staging, f.name), f.text);
  if (leadText) writeFileSync(path.join(staging, LEAD_FILE), leadText);
  if (parts.attachmentText.length) writeFileSync(path.join(staging, 'fujian-yuanwen.txt'), `${parts.attachmentText.join('\n')}\n`);
  if (existsSync(target)) rmSync(target, { recursive: true });
  renameSync(staging, target);

  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const checked = loadContent(root);
  const diagnostics = checked.diagnostics.filter((d) => d.file.startsWith(`${rel(target)}/`));
  return {
    dir: target,
    slug,
    type,
    year: Number.isFinite(year) ? year : undefined,
    issuer: issuerMatch.kind === 'matched' ? issuerMatch.id : issuerMatch.kind === 'none' ? issuerName : undefined,
    sections: files.map((f) => ({ file: f.name, level: f.section.level, title: f.section.title })),
    metrics,
    cellReferences,
    punctuationFixes,
    notices,
    diagnostics,
  };
}

/** The folder content/reports/<slug>/, if the name follows the one slug rule and the folder stays in the content folder. */
function checkSlug(slug: string, contentDir: string): string {
  const problem = reportSlugProblem(slug);
  if (problem) throw new ImportError(problem, `用 --slug 另给一个文件夹名，${REPORT_SLUG_HINT}`);
  const inside = resolveInside(contentDir, path.join('reports', slug));
  if (!inside.ok) throw new ImportError(`${inside.message} nianbao 只把报告导入到内容文件夹 ${contentDir} 里。`);
  return inside.path;
}

/** Puts each template table into the section of its element (e.g. table 三 into “三、收到和处理……申请情况”). */
function assignTables(template: Template, sections: ImportedSection[], imports: TableImport[]) {
  const out = new Map<number, typeof imports>();
  for (const t of imports) {
    if (Object.keys(t.rows).length === 0) continue;
    const element = template.elements.find((e) => e.id === t.table.element);
    let index = sections.findIndex((s) => element?.titles.some((re) => new RegExp(re).test(s.title)) && (element.level === undefined || s.level === element.level));
    if (index < 0) index = sections.findIndex((s) => s.tables.length > 0);
    if (index < 0) index = 0;
    out.set(index, [...(out.get(index) ?? []), t]);
  }
  return out;
}

function markdownTable(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => (r[i] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  const [head = [], ...rest] = rows;
  return [line(head), `|${' --- |'.repeat(width)}`, ...rest.map(line)].join('\n');
}
