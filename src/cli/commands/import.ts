import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { formatMetric, toMetricValue } from '../../metrics/format.ts';
import { docConverter } from '../../import/doc-conversion.ts';
import { importReport, importWorkDir, type ImportOptions, type ImportResult } from '../../import/import-report.ts';
import { ImportError } from '../../import/import-error.ts';
import { formatDiagnostic } from '../../diagnostics/print.ts';

export interface ImportCommandOptions {
  type?: string;
  year?: string;
  /** Ask in the terminal when the type or year is uncertain (set by the CLI when stdin is a terminal). */
  ask?: ImportOptions['ask'];
  slug?: string;
  force?: boolean;
  content?: string;
  json?: boolean;
}

const yearOption = (o: ImportCommandOptions) => (o.year && /^\d{4}$/.test(o.year) ? Number(o.year) : undefined);

const IMPORTABLE = /\.(docx|doc|html?|txt|pdf)$/i;

/** `nianbao import <folder>`: every report file in it, one summary table and one to-do list for all. */
async function importFolder(folder: string, options: ImportCommandOptions): Promise<number> {
  if (options.slug) {
    console.error(pc.red('错误：导入整个文件夹时不能用 --slug（每份报告的文件夹名按报告自动生成）。'));
    return 1;
  }
  const files = readdirSync(folder)
    .filter((n) => IMPORTABLE.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
    .sort();
  const skipped = readdirSync(folder).filter((n) => !IMPORTABLE.test(n) && statSync(path.join(folder, n)).isFile());
  const rows: { file: string; result?: ImportResult; error?: string }[] = [];
  const project = options.content ?? '.';
  // The folder's .doc files go through LibreOffice together, from the start, beside the other files' import (src/import/doc-conversion.ts).
  const oldWord = files.filter((n) => /\.doc$/i.test(n)).map((n) => path.join(folder, n));
  if (oldWord.length > 1) console.error(pc.dim(`用 LibreOffice 把 ${oldWord.length} 个 .doc 文件一次转为 .docx（与其他文件的导入同时进行）……`));
  const docs = docConverter(importWorkDir(project), oldWord);
  docs.start();
  try {
    for (const name of files) {
      try {
        rows.push({ file: name, result: await importReport(path.join(folder, name), { project, type: options.type, year: yearOption(options), force: options.force, ask: options.ask, docs }) });
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        rows.push({ file: name, error: `${e.message}${e.hint ? ` ${e.hint}` : ''}` });
      }
    }
  } finally {
    await docs.dispose();
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return rows.some((r) => r.error) ? 1 : 0;
  }
  const issuerOf = (r: ImportResult) => r.notices.find((n) => n.message.startsWith('发布机构：'))?.message.replace(/^发布机构：|（.*$/g, '') ?? r.issuer ?? '—';
  console.log(pc.bold(`导入 ${files.length} 个文件（${path.relative(process.cwd(), folder) || '.'}）：\n`));
  console.log(['文件', '报告文件夹', '类型', '年度', '发布机构', '章节', '指标', '待办'].join('\t'));
  for (const r of rows) {
    if (r.error) console.log([r.file, pc.red('未导入'), '', '', '', '', '', r.error].join('\t'));
    else {
      const x = r.result!;
      const todo = x.notices.filter((n) => n.severity !== 'info').length + x.diagnostics.length;
      console.log([r.file, x.slug, x.type, x.year ?? '—', issuerOf(x), x.sections.length, x.metrics.length, todo].join('\t'));
    }
  }
  if (skipped.length) console.log(pc.dim(`\n没有导入的文件（不是 .docx/.doc/.html/.txt/.pdf）：${skipped.join('、')}`));
  console.log(pc.bold('\n待办清单：'));
  let count = 0;
  for (const r of rows) {
    if (r.error) {
      console.log(`${pc.red('  ✗')} ${r.file}：${r.error}`);
      count++;
      continue;
    }
    for (const n of r.result!.notices.filter((x) => x.severity !== 'info')) {
      console.log(`${n.severity === 'error' ? pc.red('  ✗') : pc.yellow('  !')} ${r.file}：${n.message}${n.where ? `\n      ${pc.dim(n.where)}` : ''}`);
      count++;
    }
    for (const d of r.result!.diagnostics) {
      console.log(`${formatDiagnostic(d)}\n`);
      count++;
    }
  }
  console.log(count ? `\n共 ${count} 项；逐项处理后运行 npx nianbao check。` : '  （没有需要处理的问题）');
  return rows.some((r) => r.error) ? 1 : 0;
}

/** `nianbao import <file>`: an existing report in, a content folder and a to-do list out. */
export async function importCommand(file: string, options: ImportCommandOptions): Promise<number> {
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) return importFolder(file, options);
  let result: ImportResult;
  try {
    result = await importReport(file, { project: options.content ?? '.', type: options.type, year: yearOption(options), slug: options.slug, force: options.force, ask: options.ask });
  } catch (e) {
    if (e instanceof ImportError) {
      console.error(pc.red(`错误：${e.message}`));
      if (e.hint) console.error(`  怎么办：${e.hint}`);
      return 1;
    }
    throw e;
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const rel = path.relative(process.cwd(), result.dir) || '.';
  console.log(pc.green(`已导入到 ${rel}/：${result.sections.length} 个章节，${result.metrics.length} 个指标候选。`));
  if (result.punctuationFixes) console.log(`已把 ${result.punctuationFixes} 处半角标点改为中文全角标点。`);

  const todo = [...result.notices.filter((n) => n.severity !== 'info'), ...result.diagnostics];
  const infos = result.notices.filter((n) => n.severity === 'info');
  if (todo.length) {
    console.log(pc.bold(`\n需要你处理（${todo.length} 项）：`));
    for (const n of result.notices.filter((x) => x.severity !== 'info')) {
      console.log(`${n.severity === 'error' ? pc.red('  ✗') : pc.yellow('  !')} ${n.message}${n.where ? `\n      ${pc.dim(n.where)}` : ''}`);
    }
    for (const d of result.diagnostics) console.log(`${formatDiagnostic(d)}\n`);
  }
  for (const n of infos) console.log(`  ${pc.dim('·')} ${n.message}`);

  console.log(pc.bold('\n请核对这些指标（编号、名称可以改得更好懂；改编号时正文里的 :m[编号] 要一起改）：'));
  for (const m of result.metrics) {
    const value = toMetricValue(m.input);
    const shown = value ? formatMetric({ value, unit: m.input.unit ?? '' }) : m.written;
    console.log(`  ${m.file}  ${m.input.id}  ${m.input.label}  ${shown}`);
  }
  console.log(`\n下一步：逐项处理上面的问题，然后运行 npx nianbao check。`);
  return 0;
}
