/**
 * Where `build --out` and `merge --out` may write. A build replaces its output folder as a whole,
 * so the folder may be anywhere the user says (a web server's /var/www/ndbg, a temporary folder),
 * but never one whose loss would hurt: the project itself, a folder holding it, the folders
 * nianbao reads (content/, templates/, fonts/, public/), or an existing folder of other files.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isWithin, physicalPath, type PathVerdict } from './project-path.ts';

/** Folders of a project that a build reads; an output inside one would be read back or wipe it. */
export const SOURCE_FOLDERS = ['content', 'templates', 'fonts', 'public', 'src', 'node_modules', '.git'] as const;

/** What a nianbao output folder holds at its top; one of these marks a folder that may be replaced. */
const OUTPUT_MARKERS = ['manifest.json'];

export function checkOutputFolder(out: string, project: { root: string; contentDir: string }): PathVerdict {
  const target = path.resolve(out);
  const real = physicalPath(target);
  if (real === undefined) return { ok: false, path: target, message: `输出文件夹 ${out} 是一个指向不存在位置的符号链接。` };
  const root = physicalPath(project.root) ?? path.resolve(project.root);
  const content = physicalPath(project.contentDir) ?? path.resolve(project.contentDir);
  if (isWithin(real, root) || isWithin(real, content)) {
    return { ok: false, path: target, message: `输出文件夹 ${out} 是项目文件夹本身或包含它：构建会整个替换输出文件夹，项目会被删掉。` };
  }
  for (const name of [...SOURCE_FOLDERS, path.relative(root, content)]) {
    if (isWithin(path.join(root, name), real)) {
      return { ok: false, path: target, message: `输出文件夹 ${out} 在项目的 ${name}/ 里：那里是 nianbao 读取的文件，不能被构建结果替换。` };
    }
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    const names = readdirSync(target);
    if (names.length > 0 && !OUTPUT_MARKERS.some((m) => names.includes(m))) {
      return { ok: false, path: target, message: `输出文件夹 ${out} 里已有其他文件（如 ${names.slice(0, 3).join('、')}），不是 nianbao 的构建结果：构建会整个替换它。` };
    }
  } else if (existsSync(target)) {
    return { ok: false, path: target, message: `${out} 是一个文件，不是文件夹。` };
  }
  return { ok: true, path: target };
}
