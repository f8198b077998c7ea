import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { findTemplates, loadContent, peekIssuers, resolveProject } from '../content/index.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Template } from '../schema/template.ts';
import type { ImportNotice } from './blocks.ts';
import { extractMetrics, type ExtractedMetric } from './metric-candidates.ts';
import { readOutline, type ImportedSection } from './outline.ts';
import { IdPool, pinyinSlug } from './pinyin-id.ts';
import { restoreFullWidthPunctuation } from './punctuation.ts';
import { ImportError, readSource } from './read-source.ts';
import { reportInjectedTerms, withoutInjectedTerms } from './suspicious.ts';
import { readTemplateTables } from './template-tables.ts';

export interface ImportOptions {
  /** Project folder or content folder. */
  project: string;
  type?: string;
  slug?: string;
  /** Replace an existing report folder of the same name. */
  force?: boolean;
}

export interface ImportResult {
  dir: string;
  slug: string;
  type: string;
  sections: { file: string; level: number; title: string }[];
  metrics: (ExtractedMetric & { file: string })[];
  punctuationFixes: number;
  notices: ImportNotice[];
  /** What `nianbao check` says about the new folder: the editor's to-do list. */
  diagnostics: Diagnostic[];
}

/** Word document properties → report.yaml fields (the names `src/docx` writes). */
const PROPERTY_FIELDS: Record<string, string> = {
  索引号: 'indexNumber',
  发布机构: 'issuer',
  信息来源: 'source',
  成文日期: 'writtenDate',
  发布日期: 'publishedAt',
  文号: 'docNumber',
  主题分类: 'topic',
  关键词: 'keywords',
  年度: 'year',
};

function guessType(title: string, template?: string): string {
  if (template) return template;
  if (/法治政府/.test(title)) return 'fazhi-zhengfu';
  if (/政府信息公开/.test(title)) return 'xinxi-gongkai';
  return 'gongzuo-baogao';
}

const yamlValue = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();
const flow = (v: unknown) => stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();

/**
 * Turns an existing report (Word, web page or text) into a content folder: sections at the
 * official heading levels, figures as metric candidates referenced from the text, metadata
 * where the source has it. Never overwrites an existing folder unless asked.
 */
export async function importReport(file: string, options: ImportOptions): Promise<ImportResult> {
  if (!existsSync(file)) throw new ImportError(`找不到要导入的文件：${file}`);
  const notices: ImportNotice[] = [];
  const { blocks, properties } = await readSource(file, notices);
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
    const field = PROPERTY_FIELDS[key];
    if (field && !outline.meta[field]) outline.meta[field] = value;
  }
  if (outline.sections.length === 0) {
    throw new ImportError('没有找到任何“一、”“（一）”这样的标题，无法分出章节。', '检查文件是否是完整的报告正文；标题须以“一、”“（一）”等序号开头。');
  }
  const title = outline.title ?? '（标题）';
  const type = guessType(title, options.type);
  const { root, contentDir } = resolveProject(options.project);
  const entry = findTemplates(options.project).find(type);
  if (!entry) throw new ImportError(`未知的报告类型“${type}”。`, '可用：fazhi-zhengfu、xinxi-gongkai、gongzuo-baogao。');
  const template = entry.template;

  const meta = outline.meta;
  const published = meta['publishedAt'];
  const year = Number(meta['year'] ?? /（(\d{4})年）|(\d{4})年/.exec(title)?.slice(1).find(Boolean) ?? (published ? Number(published.slice(0, 4)) - 1 : NaN));
  const signature = outline.signature ?? /^(.+?)关于/.exec(title)?.[1];
  const issuer = meta['issuer'] ?? meta['source'] ?? signature;
  const place = /^(.{2,8}?[省市县区旗])/.exec(signature ?? issuer ?? '')?.[1] ?? '';
  const slug = options.slug ?? [pinyinSlug(place, 4), Number.isFinite(year) ? String(year) : '', type].filter(Boolean).join('-');

  const target = path.join(contentDir, 'reports', slug);
  if (existsSync(target) && !options.force) {
    throw new ImportError(`${path.relative(process.cwd(), target)} 已经存在，没有改动。`, '换一个 --slug，或确认要替换时加 --force。');
  }

  // Sections, metrics, tables
  const ids = new IdPool();
  const fileNames = new IdPool();
  const files: { name: string; text: string; section: ImportedSection }[] = [];
  const metrics: ImportResult['metrics'] = [];
  const allTableRows = outline.sections.flatMap((s) => s.tables.flat());
  const tableImports = template.tables.length ? readTemplateTables(template, allTableRows) : [];
  for (const t of tableImports) {
    if (t.missing.length) {
      notices.push({
        severity: 'warning',
        message: `表格「${t.table.title}」有 ${t.missing.length} 行没有在原文中找到，请手工填写：${t.missing.join('；')}`,
      });
    }
  }
  const tablesBySection = assignTables(template, outline.sections, tableImports);

  outline.sections.forEach((section, i) => {
    const name = `${String(i + 1).padStart(2, '0')}-${fileNames.take(pinyinSlug(section.title, 4))}.md`;
    const sectionMetrics: ExtractedMetric[] = [];
    const body = section.body.map((p) => {
      if (p.startsWith('#')) return p;
      const r = extractMetrics(p, ids, withoutInjectedTerms);
      sectionMetrics.push(...r.metrics);
      return r.text;
    });
    if (section.tables.length && !template.tables.length) {
      body.push(...section.tables.map(markdownTable));
    }
    const fm = [`title: ${yamlValue(section.title)}`, `level: ${section.level}`];
    if (sectionMetrics.length) fm.push('metrics:', ...sectionMetrics.map((m) => `  - ${flow(m.input)}`));
    const tables = tablesBySection.get(i);
    if (tables?.length) {
      fm.push('tables:');
      for (const t of tables) {
        fm.push(`  ${t.table.id}:`);
        for (const [row, values] of Object.entries(t.rows)) fm.push(`    ${row}: ${flow(values)}`);
      }
    }
    files.push({ name, section, text: `---\n${fm.join('\n')}\n---\n${body.length ? `\n${body.join('\n\n')}\n` : ''}` });
    metrics.push(...sectionMetrics.map((m) => ({ ...m, file: name })));
  });
  if (outline.preamble.length) {
    notices.push({ severity: 'warning', message: `第一个标题之前有 ${outline.preamble.length} 段文字（导语），没有导入，请自行放到合适的章节。`, where: outline.preamble[0]?.slice(0, 40) });
  }

  // report.yaml
  const writtenDate = meta['writtenDate'] ?? outline.writtenDate ?? published?.slice(0, 10);
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
  // report.yaml names the issuer by its id in issuers.yaml; an unknown name is left for the editor.
  const known = issuer ? peekIssuers(contentDir)?.find((i) => i.name === issuer || i.shortName === issuer) : undefined;
  if (known || !issuer) put('issuer', known?.id ?? issuer, '发布机构');
  else {
    report.push(`issuer: ${yamlValue(issuer)}   # ← issuers.yaml 里没有这个机构：先把它加进 issuers.yaml，再把这里改成它的编号（id）`);
    notices.push({ severity: 'warning', message: `发布机构“${issuer}”不在 issuers.yaml 里：请先添加这个机构，再把 report.yaml 的 issuer 改成它的编号。` });
  }
  put('source', meta['source'] ?? issuer, '信息来源');
  put('writtenDate', writtenDate, '成文日期');
  put('publishedAt', published, '发布日期，如 2023-01-04 11:30');
  if (meta['docNumber']) put('docNumber', meta['docNumber']);
  if (meta['indexNumber']) put('indexNumber', meta['indexNumber']);
  else {
    report.push('# indexNumber: 原文中没有索引号：不写时按发布机构的格式自动编号，发布后运行 nianbao number 写入');
    notices.push({ severity: 'info', message: '原文中没有索引号：将按发布机构的索引号格式自动编号。' });
  }
  put('topic', meta['topic'] ?? '政务公开');
  report.push(`keywords: ${flow(meta['keywords'] ? meta['keywords'].split(/[,，;；\s]+/).filter(Boolean) : [])}`);
  put('signature', signature, '署名');
  if (!meta['writtenDate'] && !outline.writtenDate && writtenDate) {
    notices.push({ severity: 'info', message: `原文没有单独的成文日期，暂用发布日期 ${writtenDate}，请核对。` });
  }

  // Write atomically: a half-written folder never appears in content/.
  const staging = `${target}.import-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(path.join(staging, 'report.yaml'), `${report.join('\n')}\n`);
  for (const f of files) writeFileSync(path.join(staging, f.name), f.text);
  if (existsSync(target)) rmSync(target, { recursive: true });
  renameSync(staging, target);

  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const checked = loadContent(root);
  const diagnostics = checked.diagnostics.filter((d) => d.file.startsWith(`${rel(target)}/`));
  return {
    dir: target,
    slug,
    type,
    sections: files.map((f) => ({ file: f.name, level: f.section.level, title: f.section.title })),
    metrics,
    punctuationFixes,
    notices,
    diagnostics,
  };
}

/** Puts each template table into the section of its element (e.g. table 三 into “三、收到和处理……申请情况”). */
function assignTables(template: Template, sections: ImportedSection[], imports: ReturnType<typeof readTemplateTables>) {
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
