/**
 * A stretch of a cache entry's file, named by where it lies and what its bytes hash to, and read
 * only when needed. A rebuild takes a thousand reports' checked models from the load cache, reading
 * each entry's first line alone (cache-store.ts `head`): the rest, nine tenths of the bytes (some
 * 90 MB), is read for the few reports whose text a build uses, here or in the portal's process,
 * which is handed these references instead of the bytes. The digest makes each part answer for
 * itself: the entry may be replaced or removed after its first line was read.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

export interface EntryPart {
  /** The entry's file (an absolute path). */
  file: string;
  /** Where the part begins in it, and its length, in bytes. */
  at: number;
  size: number;
  /** SHA-256 of the part's bytes, kept in the entry's first line. */
  sha256: string;
}

export function isEntryPart(value: unknown): value is EntryPart {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return false;
  const part = value as Partial<EntryPart>;
  return typeof part.file === 'string' && typeof part.at === 'number' && typeof part.size === 'number' && typeof part.sha256 === 'string';
}

/** The part's bytes, checked against its digest; a clear error when the entry changed or went since its first line was read. */
export function readEntryPart(part: EntryPart): Buffer {
  const bytes = Buffer.alloc(part.size);
  let read = 0;
  try {
    const fd = openSync(part.file, 'r');
    try {
      while (read < part.size) {
        const n = readSync(fd, bytes, read, part.size - read, part.at + read);
        if (n === 0) break;
        read += n;
      }
    } finally {
      closeSync(fd);
    }
  } catch {
    read = -1;
  }
  if (read !== part.size || createHash('sha256').update(bytes).digest('hex') !== part.sha256) {
    throw new Error(
      `缓存文件 ${part.file} 在这次构建读取之后被改动或删除（可能是同时运行的另一次构建或清理缓存），内容无法使用。` +
        '请重新运行 nianbao build：它会重新检查缓存，用不上的条目重新生成。反复出现时，可以删除缓存文件夹 .cache/nianbao 后再构建。',
    );
  }
  return bytes;
}
