import path from 'node:path';
import pc from 'picocolors';
import { formatMetric, toMetricValue } from '../../metrics/format.ts';
import { importReport, type ImportResult } from '../../import/import-report.ts';
import { ImportError } from '../../import/read-source.ts';
import { formatDiagnostic } from '../print.ts';

export interface ImportCommandOptions {
  type?: string;
  slug?: string;
  force?: boolean;
  content?: string;
  json?: boolean;
}

/** `nianbao import <file>`: an existing report in, a content folder and a to-do list out. */
export async function importCommand(file: string, options: ImportCommandOptions): Promise<number> {
  let result: ImportResult;
  try {
    result = await importReport(file, { project: options.content ?? '.', type: options.type, slug: options.slug, force: options.force });
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
