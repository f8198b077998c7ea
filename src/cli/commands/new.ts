import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findTemplates, loadContent, peekIssuers, peekSiteGovernment, REPORT_SLUG_HINT, reportSlugProblem, resolveProject } from '../../content/index.ts';
import { resolveInside } from '../../paths/project-path.ts';
import { formatDiagnostic } from '../../diagnostics/print.ts';
import type { Ask } from '../prompt.ts';

export interface NewOptions {
  year?: string;
  issuer?: string;
  typeVersion?: string;
  content: string;
}

/**
 * Asks for what `nianbao new` needs and was not given on the command line: type, year, issuer,
 * folder name. Scripts pass everything as arguments and are never asked.
 */
export async function askForNew(
  given: { type?: string; slug?: string } & NewOptions,
  ask: Ask,
): Promise<{ type: string; slug: string } & NewOptions> {
  const { contentDir } = resolveProject(given.content);
  const registry = findTemplates(given.content);
  const type =
    given.type ??
    (await ask('报告类型（输入序号）', {
      choices: [...registry.byType.values()].map((v) => ({ value: v[0]!.template.id, label: `${v[0]!.template.name}（${v[0]!.template.id}）` })),
    }));
  const year = given.year ?? (await ask('报告所属年度', { default: String(new Date().getFullYear() - 1) }));
  const issuers = peekIssuers(contentDir) ?? [];
  const issuer =
    given.issuer ??
    (await ask('发布机构（输入序号或机构编号）', {
      default: defaultIssuer(issuers)?.id,
      ...(issuers.length ? { choices: issuers.map((i) => ({ value: i.id, label: `${i.name}（${i.id}）` })) } : {}),
    }));
  const slug = given.slug ?? (await ask('报告文件夹名（小写字母、数字和 -）', { default: `${year}-${type}` }));
  return { ...given, type, slug, year, issuer };
}

/** `nianbao new <type> <slug>`: copies a template's skeleton into content/reports/<slug>/. Never overwrites. */
export function newCommand(type: string, slug: string, options: NewOptions): number {
  const { contentDir } = resolveProject(options.content);
  const registry = findTemplates(options.content);
  // Without --type-version, the format of the report's year (a 2020 report gets the 2019 format).
  const requestedYear = Number(options.year ?? new Date().getFullYear() - 1);
  const entry = registry.find(type, options.typeVersion, Number.isInteger(requestedYear) ? requestedYear : undefined);
  if (!entry) {
    const known = [...registry.byType.values()].map((v) => `  ${v[0]!.template.id}  ${v[0]!.template.name}（版本：${v.map((e) => e.template.version).join('、')}）`);
    console.error(`错误：没有“${type}${options.typeVersion ? ` ${options.typeVersion} 版` : ''}”这种报告类型。可用的类型：\n${known.join('\n')}`);
    return 1;
  }
  const slugProblem = reportSlugProblem(slug);
  if (slugProblem) {
    console.error(`错误：${slugProblem}\n  怎么办：${REPORT_SLUG_HINT}`);
    return 1;
  }
  const year = Number(options.year ?? new Date().getFullYear() - 1);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    console.error(`错误：年度“${options.year}”不对，请写四位数字，如 --year 2023。`);
    return 1;
  }
  // The name is valid; the folders on the way (content/reports/ may be a symlink) must stay in the project too.
  const inside = resolveInside(contentDir, path.join('reports', slug));
  if (!inside.ok) {
    console.error(`错误：${inside.message} nianbao 只在内容文件夹 ${contentDir} 里新建报告。`);
    return 1;
  }
  const target = inside.path;
  if (existsSync(target)) {
    console.error(`错误：${path.relative(process.cwd(), target)} 已经存在，nianbao 不会覆盖已有内容。换一个文件夹名，或先自行移走它。`);
    return 1;
  }
  const issuers = peekIssuers(contentDir);
  const chosen = issuers && (options.issuer ? findIssuer(issuers, options.issuer) : defaultIssuer(issuers));
  if (issuers && options.issuer && !chosen) {
    const list = issuers.map((i) => `  ${i.id}  ${i.name}`).join('\n');
    console.error(`错误：issuers.yaml 里没有“${options.issuer}”这个发布机构。${list ? `可用的机构：\n${list}` : 'issuers.yaml 里还没有机构。'}\n新机构请先加到 content/issuers.yaml（见 README“发布机构”一节）。`);
    return 1;
  }
  // Without issuers.yaml the skeleton still gets written; check will ask for the file.
  const issuerId = chosen?.id ?? options.issuer ?? '（机构编号）';
  const issuerName = chosen?.name ?? peekSiteGovernment(contentDir) ?? '（发布机构）';
  const fill = (text: string) =>
    text
      .replaceAll('{{year}}', String(year))
      .replaceAll('{{nextYear}}', String(year + 1))
      .replaceAll('{{issuerId}}', issuerId)
      .replaceAll('{{issuerName}}', issuerName);

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

type PeekedIssuer = NonNullable<ReturnType<typeof peekIssuers>>[number];

/** By id, or by full or short name (people type the name they know). */
function findIssuer(issuers: PeekedIssuer[], given: string): PeekedIssuer | undefined {
  return issuers.find((i) => i.id === given) ?? issuers.find((i) => i.name === given || i.shortName === given);
}

/** The 本级政府 if the site has one (the usual author of a new report type), else the first issuer. */
function defaultIssuer(issuers: PeekedIssuer[]): PeekedIssuer | undefined {
  return issuers.find((i) => i.kind === 'government') ?? issuers[0];
}
