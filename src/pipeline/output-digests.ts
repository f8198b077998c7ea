/**
 * What a build already knows of the files it put into its folder: the digest of a cache entry it
 * has just verified, or of bytes it has just hashed. The manifest stage takes a digest from here
 * when the file is still exactly the one recorded (same size, times and inode), instead of reading
 * hundreds of megabytes of PDFs again; any file written since is read and hashed as usual.
 */
import { copyFileSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileStamp as stampOf, type FileDigest } from '../store/files.ts';


export class OutputDigests {
  private readonly known = new Map<string, { stamp: string; digest: FileDigest }>();

  /** Remembers the digest of a file as it is now. */
  record(file: string, digest: FileDigest): void {
    this.known.set(path.resolve(file), { stamp: stampOf(file), digest });
  }

  /**
   * Whether a recorded file was written through in place since (same inode, other size or
   * modification time). Placed files may be hard links to the last output or to the cache, so such
   * a write changed them there too; nianbao itself only ever replaces files.
   */
  writtenInPlace(file: string): boolean {
    const entry = this.known.get(path.resolve(file));
    if (!entry) return false;
    try {
      const [size, mtime, , ino] = entry.stamp.split(':');
      const [size2, mtime2, , ino2] = stampOf(file).split(':');
      return ino === ino2 && (size !== size2 || mtime !== mtime2);
    } catch {
      return false;
    }
  }

  /** The recorded digest, if the file has not changed since. */
  lookup(file: string): FileDigest | undefined {
    const entry = this.known.get(path.resolve(file));
    if (!entry) return undefined;
    try {
      return stampOf(file) === entry.stamp ? entry.digest : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * Makes the folders that `files` (paths relative to `root`) go in, parents first, one system call
 * each: placing thousands of files into a fresh folder, a failed link and a recursive mkdir for
 * each new folder cost several times more.
 */
export function makeFolders(root: string, files: readonly string[]): void {
  const folders = new Set<string>();
  for (const rel of files) {
    for (let dir = path.dirname(rel); dir !== '.' && dir !== '/' && !folders.has(dir); dir = path.dirname(dir)) folders.add(dir);
  }
  // Sorted, a folder comes after its parent.
  for (const dir of [...folders].sort()) {
    try {
      mkdirSync(path.join(root, dir));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') mkdirSync(path.join(root, dir), { recursive: true });
    }
  }
}

/**
 * Puts a copy of `source` at `dest`: a hard link where the file system allows it (no bytes
 * copied, and removing the old output later frees nothing twice), else a plain copy. Files placed
 * so are never written to in place: whoever rewrites one replaces it (see web/downloads.ts).
 */
export function placeFile(source: string, dest: string): void {
  // Linked at the first try in a build's fresh folder (one system call; an incremental build places
  // thousands of files): the folder is made, or a file of that name removed, only when asked for.
  try {
    linkSync(source, dest);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') mkdirSync(path.dirname(dest), { recursive: true });
    else if (code === 'EEXIST') rmSync(dest, { force: true });
  }
  try {
    linkSync(source, dest);
  } catch {
    mkdirSync(path.dirname(dest), { recursive: true });
    rmSync(dest, { force: true });
    copyFileSync(source, dest);
  }
}
