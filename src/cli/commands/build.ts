import path from 'node:path';
import { build } from '../../build/build.ts';
import { formatDiagnostic, summarize } from '../print.ts';

export interface BuildCommandOptions {
  out?: string;
  base?: string;
}

/** `nianbao build [path]`: check, then render every output into dist/ (atomically). */
export async function buildCommand(target: string, options: BuildCommandOptions): Promise<number> {
  const started = performance.now();
  const result = await build({
    target,
    outDir: options.out,
    basePath: options.base ?? (process.env.NIANBAO_BASE || undefined),
    log: (m) => console.log(m),
  });
  for (const d of result.diagnostics) console.log(`${formatDiagnostic(d)}\n`);
  if (!result.ok) {
    if (result.error) {
      console.error(`✗ 构建失败：${result.error.stage}出错：${result.error.message}`);
    } else {
      console.error(summarize(result.diagnostics, undefined));
    }
    console.error('  原有的输出文件夹没有改动。');
    return 1;
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`✓ 构建完成（${secs} 秒）：${path.relative(process.cwd(), result.outDir) || '.'}/`);
  return 0;
}
