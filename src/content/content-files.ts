/**
 * Every file of a content folder, and what a glob would skip without a word: names starting with
 * a dot (a report folder `.chenxi-2023` would simply vanish) and symlinks that lead out of it.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { physicalPath, isWithin } from '../paths/project-path.ts';

/** Housekeeping files of editors, Git and file managers: not content, not worth a warning. */
const HOUSEKEEPING = new Set(['.DS_Store', '.gitkeep', '.gitignore', '.gitattributes', 'Thumbs.db', 'desktop.ini']);

export interface ContentFiles {
  /** Relative paths (platform separators) of the files nianbao reads, sorted. */
  files: string[];
  /** Relative paths of files and folders whose names start with a dot (not descended into). */
  hidden: string[];
  /** Relative paths of symlinks that point outside the content folder, or nowhere (not followed). */
  outside: string[];
}

export function listContentFiles(contentDir: string): ContentFiles {
  const out: ContentFiles = { files: [], hidden: [], outside: [] };
  const realRoot = physicalPath(contentDir) ?? path.resolve(contentDir);
  const walk = (rel: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(path.join(contentDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel ? path.join(rel, e.name) : e.name;
      if (HOUSEKEEPING.has(e.name) && !e.isSymbolicLink()) continue;
      // A link out of the folder is an error whatever its name; other dot entries are reported, not read.
      const real = e.isSymbolicLink() ? physicalPath(path.join(contentDir, child)) : undefined;
      if (e.isSymbolicLink() && (real === undefined || !isWithin(realRoot, real))) {
        out.outside.push(child);
        continue;
      }
      if (e.name.startsWith('.')) {
        out.hidden.push(child);
        continue;
      }
      let isDir = e.isDirectory();
      if (real !== undefined) {
        try {
          isDir = statSync(real).isDirectory();
        } catch {
          out.outside.push(child);
          continue;
        }
      }
      // A link loop inside the folder would otherwise never end.
      if (isDir) {
        if (depth < 16) walk(child, depth + 1);
      } else out.files.push(child);
    }
  };
  walk('', 0);
  out.files.sort();
  out.hidden.sort();
  out.outside.sort();
  return out;
}
