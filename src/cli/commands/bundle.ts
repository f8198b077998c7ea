import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { createBundle } from '../../integrity/bundle.ts';
import { localCopy } from '../../integrity/deployed-copy.ts';
import { verifyCopy } from '../../integrity/verify.ts';
import { isWithin, physicalPath } from '../../paths/project-path.ts';
import { formatReport } from './verify.ts';

export interface BundleCommandOptions {
  out?: string;
}

/**
 * `nianbao bundle [dist]`: one ZIP of the built site for upload through a CMS, made only from a
 * dist/ that still matches its manifest; prints the archive's SHA-256 and writes it beside it.
 */
export async function bundleCommand(distDir: string, options: BundleCommandOptions): Promise<number> {
  if (!existsSync(distDir)) {
    console.error(pc.red(`✗ 找不到输出文件夹 ${distDir}。先运行 nianbao build。`));
    return 2;
  }
  const checked = await verifyCopy({ copy: localCopy(distDir) });
  if (!checked.ok) {
    console.error(pc.red(`✗ ${checked.error}`));
    return 2;
  }
  if (!checked.report.ok) {
    console.error(formatReport(checked.report));
    console.error(pc.red(`✗ ${distDir} 与它的清单不一致，不打包。请重新运行 nianbao build。`));
    return 1;
  }
  const { manifest } = checked.report;
  const out = options.out ?? path.join(path.dirname(path.resolve(distDir)), `nianbao-${manifest.build.content.sha256.slice(0, 12)}.zip`);
  // The archive may go anywhere but into the folder it packs (it would become an extra file there).
  const realOut = physicalPath(out);
  if (realOut === undefined || isWithin(physicalPath(distDir) ?? path.resolve(distDir), realOut) || (existsSync(out) && statSync(out).isDirectory())) {
    console.error(pc.red(`✗ 发布包不能写到 ${options.out}：${realOut === undefined ? '路径经过一个指向不存在位置的符号链接' : existsSync(out) && statSync(out).isDirectory() ? '这是一个文件夹' : `它在要打包的 ${distDir} 里面`}。`));
    console.error('  怎么办：--out 写 dist 之外的一个 .zip 文件路径，如 ../nianbao.zip。没有改动任何文件。');
    return 2;
  }
  const bundle = await createBundle(distDir, out);
  const shaFile = `${out}.sha256`;
  writeFileSync(shaFile, `${bundle.sha256}  ${path.basename(out)}\n`);
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  console.log(`✓ 已打包 ${bundle.files} 个文件（含 manifest.json）：${rel(out)}（${(bundle.size / 1024 / 1024).toFixed(1)} MB）`);
  console.log(`SHA-256：${bundle.sha256}`);
  console.log(pc.dim(`  校验值也写在 ${rel(shaFile)}；上传后可用 sha256sum -c ${path.basename(shaFile)} 核对，解压部署后用 nianbao verify 检查。`));
  return 0;
}
