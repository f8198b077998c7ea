import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadContent, resolveProject } from '../../content/index.ts';
import { REPORT_SLUG } from '../../content/load-report.ts';
import { BUILTIN_TEMPLATES, loadTemplates } from '../../content/templates.ts';
import { formatDiagnostic } from '../print.ts';

export interface NewOptions {
  year?: string;
  issuer?: string;
  typeVersion?: string;
  content: string;
}

/** `nianbao new <type> <slug>`: copies a template's skeleton into content/reports/<slug>/. Never overwrites. */
export function newCommand(type: string, slug: string, options: NewOptions): number {
  const { root, contentDir } = resolveProject(options.content);
  const templatesDir = existsSync(path.join(root, 'templates')) ? path.join(root, 'templates') : BUILTIN_TEMPLATES;
  const { registry } = loadTemplates(templatesDir, root);
  const entry = registry.find(type, options.typeVersion);
  if (!entry) {
    const known = [...registry.byType.values()].map((v) => `  ${v[0]!.template.id}  ${v[0]!.template.name}（版本：${v.map((e) => e.template.version).join('、')}）`);
    console.error(`错误：没有“${type}${options.typeVersion ? ` ${options.typeVersion} 版` : ''}”这种报告类型。可用的类型：\n${known.join('\n')}`);
    return 1;
  }
  if (!REPORT_SLUG.test(slug)) {
    console.error(`错误：文件夹名“${slug}”只能用小写字母、数字和 -，如 chenxi-2023-fazhi-zhengfu。`);
    return 1;
  }
  const year = Number(options.year ?? new Date().getFullYear() - 1);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    console.error(`错误：年度“${options.year}”不对，请写四位数字，如 --year 2023。`);
    return 1;
  }
  const target = path.join(contentDir, 'reports', slug);
  if (existsSync(target)) {
    console.error(`错误：${path.relative(process.cwd(), target)} 已经存在，nianbao 不会覆盖已有内容。换一个文件夹名，或先自行移走它。`);
    return 1;
  }
  const issuer = options.issuer ?? siteGovernment(contentDir) ?? '（发布机构）';
  const fill = (text: string) =>
    text.replaceAll('{{year}}', String(year)).replaceAll('{{nextYear}}', String(year + 1)).replaceAll('{{issuer}}', issuer);

  mkdirSync(path.dirname(target), { recursive: true });
  const staging = `${target}.tmp-${process.pid}`;
  try {
    cpSync(entry.skeletonDir, staging, { recursive: true });
    for (const name of readdirSync(staging)) {
      const file = path.join(staging, name);
      writeFileSync(file, fill(readFileSync(file, 'utf8')));
    }
    cpSync(staging, target, { recursive: true, errorOnExist: true, force: false });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const rel = path.relative(process.cwd(), target) || '.';
  console.log(`已新建 ${entry.template.name}（${entry.template.version} 版）：${rel}/`);
  for (const name of readdirSync(target).sort()) console.log(`  ${name}`);

  const check = loadContent(options.content);
  const own = check.diagnostics.filter((d) => d.file.includes(`reports/${slug}/`));
  if (own.length) {
    console.log('\n请填写骨架后再检查，目前还有：');
    for (const d of own) console.log(formatDiagnostic(d));
  }
  console.log(`\n下一步：编辑 ${rel}/report.yaml 和各章节，然后运行 npx nianbao check。`);
  return 0;
}

function siteGovernment(contentDir: string): string | undefined {
  try {
    const site = parse(readFileSync(path.join(contentDir, 'site.yaml'), 'utf8')) as { government?: unknown };
    return typeof site?.government === 'string' ? site.government : undefined;
  } catch {
    return undefined;
  }
}
