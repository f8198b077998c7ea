/**
 * The one decision whether a path given by a user (a command-line option) or found in content (a
 * Markdown image, a report folder) may be read or written: it must stay inside a given folder,
 * both as written and on the disk. Pure of the CLI so that content, import and the renderers share it.
 *
 *   as written: `..`, absolute paths and Windows-style `..\x` are resolved before comparing
 *   on disk:    the realpath of the nearest existing ancestor, so a symlink on the way counts
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

export type PathVerdict = { ok: true; path: string } | { ok: false; path: string; message: string };

/** Backslashes are separators too: `..\..\x` must not pass as a file name on Linux and then escape on Windows. */
export function normalizeSeparators(given: string): string {
  return given.replace(/\\/g, '/');
}

/** Whether `p` is `folder` or inside it (both absolute, already resolved). */
export function isWithin(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * Where `p` really is: the realpath of its nearest existing ancestor with the rest appended.
 * Undefined for a dangling symlink on the way (writing through it would land wherever it points).
 */
export function physicalPath(p: string): string | undefined {
  let existing = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...rest);
    } catch {
      try {
        lstatSync(existing);
        return undefined; // exists as a link whose target does not: refuse rather than guess
      } catch {
        // does not exist: try its parent
      }
    }
    const parent = path.dirname(existing);
    if (parent === existing) return path.resolve(p);
    rest.unshift(path.basename(existing));
    existing = parent;
  }
}

/**
 * Resolves `given` against `base` (default: `folder`) and says whether the result stays inside
 * `folder`. The message (Chinese) names the folder and why the path leaves it.
 */
export function resolveInside(folder: string, given: string, base: string = folder): PathVerdict {
  const root = path.resolve(folder);
  if (given.includes('\0')) return { ok: false, path: given, message: `路径“${given.replace(/\0/g, '\\0')}”含有空字符。` };
  const normalized = normalizeSeparators(given);
  const target = path.resolve(base, normalized);
  // A drive letter (`C:\x`) is absolute on Windows, whatever Linux makes of it.
  if (!isWithin(root, target) || /^[A-Za-z]:\//.test(normalized)) {
    const why = path.isAbsolute(normalized) || /^[A-Za-z]:\//.test(normalized) ? '这是一个绝对路径，' : normalized.split('/').includes('..') ? '其中的“..”' : '';
    return { ok: false, path: target, message: `路径“${given}”${why}指向 ${root} 之外。` };
  }
  const realRoot = physicalPath(root);
  const realTarget = physicalPath(target);
  if (realRoot === undefined || realTarget === undefined || !isWithin(realRoot, realTarget)) {
    return { ok: false, path: target, message: `路径“${given}”经过符号链接指向 ${root} 之外${realTarget ? `（实际位置 ${realTarget}）` : '（链接指向的位置不存在）'}。` };
  }
  return { ok: true, path: target };
}
