import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readFileSync, statSync, writevSync } from 'node:fs';
import path from 'node:path';

/**
 * A file's size, modification and change times (ns) and inode: unchanged while nobody writes,
 * renames over or re-links it, so a digest taken under one stamp still holds under it.
 */
export function fileStamp(file: string): string {
  return statsStamp(statSync(file, { bigint: true }));
}

/** The stamp of a file's stats (taken with `bigint: true`), as fileStamp gives it. */
export function statsStamp(st: { size: bigint; mtimeNs: bigint; ctimeNs: bigint; ino: bigint }): string {
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
}

/** Plain code-unit order: the same on every machine, whatever its locale. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every file under `dir`, as sorted forward-slash paths relative to it (symbolic links followed).
 * `skipFolder`: folders (by the same relative path) not walked at all. `whileWritten`: other work
 * may be writing under `dir`, and a folder it removes while it is walked is passed over.
 */
export function listFiles(dir: string, skipFolder?: (rel: string) => boolean, whileWritten = false): string[] {
  const out: string[] = [];
  const entries = (rel: string) => {
    try {
      return readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch (e) {
      if (whileWritten && rel && (e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  };
  const walk = (rel: string) => {
    for (const entry of entries(rel)) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      // A link to nowhere is listed as a file (verify reports it), not a crash.
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (statSync(path.join(dir, child), { throwIfNoEntry: false })?.isDirectory() ?? false));
      if (!isDir) out.push(child);
      else if (!skipFolder?.(child)) walk(child);
    }
  };
  walk('');
  return out.sort(byCodeUnits);
}

export interface FileDigest {
  size: number;
  sha256: string;
}

/**
 * Writes `chunks` one after another as `file` (replacing it) and gives the file's size and SHA-256,
 * without joining them into one buffer first (34 MB for the pages file of a thousand reports: fresh
 * memory, then a copy). libuv splits more pieces than IOV_MAX (1,024) into several writes; a file
 * not written whole is an error, never a shorter file.
 */
export function writeChunks(file: string, chunks: readonly Uint8Array[]): FileDigest {
  const hash = createHash('sha256');
  let size = 0;
  for (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  const fd = openSync(file, 'w');
  try {
    const written = writevSync(fd, chunks as Uint8Array[]);
    if (written !== size) throw new Error(`写入 ${file} 时只写入了 ${written} / ${size} 字节（磁盘已满？）`);
  } finally {
    closeSync(fd);
  }
  return { size, sha256: hash.digest('hex') };
}

export function digestBytes(bytes: Uint8Array): FileDigest {
  return { size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** `seenAt`: when this process last took the file's stamp (before the stat), if it did. */
const inputDigests = new Map<string, { stamp: string; sha256: string; seenAt?: number }>();

/** A stamp's change time in ms (stamps are `size:mtimeNs:ctimeNs:ino`). */
const stampCtimeMs = (stamp: string): number => Number(stamp.split(':')[2]) / 1e6;

/**
 * SHA-256 of an input file (content, fonts), remembered for the life of the process while the
 * file's size, times and inode stay the same: the load cache, the build cache and the manifest's
 * content revision each hash the same content files, and `nianbao dev` hashes them on every save.
 */
export function inputFileSha256(file: string, seenAt = Date.now()): string {
  const st = statSync(file, { bigint: true });
  const stamp = statsStamp(st);
  const known = inputDigests.get(file);
  if (known?.stamp === stamp) {
    known.seenAt = seenAt;
    return known.sha256;
  }
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  inputDigests.set(file, { stamp, sha256, seenAt });
  return sha256;
}

/**
 * The input digests this process took of files under `dir`, for the next process (the load cache
 * keeps them between builds): only files unchanged since they were hashed, and not changed in the
 * last moments (a write in the same tick of the kernel's coarse clock could leave the stamp as it was).
 */
export function inputDigestsUnder(dir: string, now = Date.now()): Record<string, [stamp: string, sha256: string]> {
  const recent = now - 50;
  const prefix = path.resolve(dir) + path.sep;
  const kept: Record<string, [string, string]> = {};
  for (const [file, { stamp, sha256, seenAt }] of inputDigests) {
    if (!file.startsWith(prefix)) continue;
    // Looked at in this process and unchanged for a while before: any later change moves its
    // change time past the stamp's, so the stamp kept cannot match it. Not looked at again (some
    // 7,000 stats at a thousand reports, 0.4 s): only the others are.
    if (seenAt !== undefined && stampCtimeMs(stamp) < seenAt - 50) {
      kept[path.relative(dir, file)] = [stamp, sha256];
      continue;
    }
    const st = statSync(file, { bigint: true, throwIfNoEntry: false });
    if (!st || st.ctimeMs >= recent || statsStamp(st) !== stamp) continue;
    kept[path.relative(dir, file)] = [stamp, sha256];
  }
  return kept;
}

/** Digests an earlier process kept (inputDigestsUnder), used while each file's stamp is the same. */
export function rememberInputDigests(dir: string, kept: Record<string, [string, string]>): void {
  // Thousands of entries: the folder is resolved once, and a path is normalised only when it could leave it.
  const root = path.resolve(dir) + path.sep;
  for (const [rel, entry] of Object.entries(kept)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string' || path.isAbsolute(rel)) continue;
    if (rel.includes('..') && rel.split(/[\\/]/).includes('..')) continue;
    const file = rel.includes('\\') || rel.includes('//') || rel.includes('./') ? path.join(root, rel) : root + rel;
    if (!inputDigests.has(file)) inputDigests.set(file, { stamp: entry[0], sha256: entry[1] });
  }
}

/** SHA-256 over the names and contents of every file under `dir`; '-' when there is no such folder. */
export function folderDigest(dir: string): string {
  if (!existsSync(dir)) return '-';
  const listing = listFiles(dir).map((f) => `${f}\0${inputFileSha256(path.join(dir, f))}`).join('\n');
  return createHash('sha256').update(listing).digest('hex');
}

/** SHA-256 of a file, streamed (PDFs and search indexes can be large). */
export function digestFile(file: string): Promise<FileDigest> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    createReadStream(file)
      .on('data', (chunk) => {
        size += chunk.length;
        hash.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ size, sha256: hash.digest('hex') }));
  });
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
