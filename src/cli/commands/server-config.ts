import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { loadContent, resolveProject } from '../../content/index.ts';
import { isWithin, physicalPath } from '../../paths/project-path.ts';
import { defaultServerRoot, serverConfigFiles } from '../../server-config/files.ts';
import { OUTPUT_FORMATS } from '../../formats/registry.ts';
import { outputFileTypes } from '../../pipeline/stage.ts';
import { formatDiagnostic } from '../../diagnostics/print.ts';

/** Folders of the project whose files are read or published: configuration does not go there. */
const KEEP_OUT = ['content', 'templates', 'public', 'fonts', 'src', 'dist'];

/**
 * `nianbao server-config [project] [--out folder] [--root site folder] [--base /sub-path/]`: nginx,
 * Apache and IIS configuration for the site's base path (site.yaml, or --base as for build).
 */
export function serverConfigCommand(target: string, options: { out?: string; root?: string; base?: string }): number {
  const { root: project } = resolveProject(target);
  const loaded = loadContent(target, { basePath: options.base ?? process.env.NIANBAO_BASE });
  if (!loaded.ok) {
    for (const d of loaded.diagnostics.filter((x) => x.severity === 'error')) console.error(formatDiagnostic(d));
    console.error(pc.red('✗ 内容有错误，没有生成服务器配置。先运行 nianbao check。'));
    return 1;
  }
  const basePath = loaded.model.site.basePath;
  const siteRoot = options.root ?? defaultServerRoot(basePath);
  if (!siteRoot.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(siteRoot)) {
    console.error(pc.red(`✗ --root 应是服务器上网站文件夹的绝对路径，如 ${defaultServerRoot(basePath)}；写的是“${siteRoot}”。`));
    return 2;
  }
  const out = path.resolve(options.out ?? path.join(project, 'server-config'));
  const real = physicalPath(out) ?? out;
  const inside = KEEP_OUT.find((name) => isWithin(physicalPath(path.join(project, name)) ?? path.join(project, name), real));
  if (inside) {
    console.error(pc.red(`✗ ${out} 在项目的 ${inside}/ 里：那里的文件会被读取或发布，服务器配置不放在那里。用 --out 指定别的文件夹。`));
    return 2;
  }
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(serverConfigFiles(basePath, siteRoot, outputFileTypes(OUTPUT_FORMATS)))) {
    writeFileSync(path.join(out, name), text);
    console.log(`已生成 ${path.join(out, name)}`);
  }
  console.log(`✓ 子路径 ${basePath}，网站文件夹 ${siteRoot}。用法见 ${path.join(out, 'README.txt')}。`);
  return 0;
}
