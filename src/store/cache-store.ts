/**
 * A folder of build outputs addressed by the hash of their inputs: `<kind>/<ab>/<key>`, each with a
 * sidecar naming the key and the SHA-256 of the bytes. An entry whose sidecar is missing, belongs
 * to another key or no longer matches its bytes (a crash mid-write, a hand edit, another tool's
 * file) is treated as absent. Writes go through a temporary name and a rename, so two builds
 * sharing the cache never see half a file. The whole folder can be deleted at any time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileStamp as stampOf } from './files.ts';

const FORMAT = 'nianbao-cache/1';

interface Sidecar {
  format: string;
  key: string;
  sha256: string;
  size: number;
}

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');


export class OutputStore {
  readonly dir: string;
  /** Entries whose bytes this store has checked, with the file's stamp at the time. */
  private readonly verified = new Map<string, { stamp: string; size: number; sha256: string }>();
  constructor(dir: string) {
    this.dir = dir;
  }

  private file(kind: string, key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key) || !/^[a-z0-9-]+$/.test(kind)) throw new Error(`缓存键不合法：${kind}/${key}`);
    return path.join(this.dir, kind, key.slice(0, 2), key);
  }

  get(kind: string, key: string): Buffer | undefined {
    const file = this.file(kind, key);
    try {
      const side = this.sidecar(file, key);
      if (!side) return undefined;
      const stamp = stampOf(file);
      const bytes = readFileSync(file);
      const digest = sha256(bytes);
      if (bytes.length !== side.size || digest !== side.sha256) return undefined;
      this.verified.set(file, { stamp, size: bytes.length, sha256: digest });
      return bytes;
    } catch {
      return undefined;
    }
  }

  /**
   * An entry's file and digest, once its bytes are checked against its sidecar. A file this store
   * checked and nobody touched since (same size, times and inode) is not read again: a build asks
   * for a printed file's entry when deciding whether the portal can be reused, then again to place it.
   */
  entry(kind: string, key: string): { file: string; size: number; sha256: string } | undefined {
    const file = this.file(kind, key);
    const known = this.verified.get(file);
    try {
      if (known && known.stamp === stampOf(file)) return { file, size: known.size, sha256: known.sha256 };
    } catch {
      return undefined;
    }
    return this.get(kind, key) ? { file, ...this.verified.get(file)! } : undefined;
  }

  private sidecar(file: string, key: string): Sidecar | undefined {
    const side = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Partial<Sidecar>;
    return side.format === FORMAT && side.key === key ? (side as Sidecar) : undefined;
  }

  has(kind: string, key: string): boolean {
    return this.entry(kind, key) !== undefined;
  }

  /** Stores an entry; returns the SHA-256 of the bytes (computed for the sidecar anyway). */
  put(kind: string, key: string, bytes: Uint8Array): string {
    const file = this.file(kind, key);
    mkdirSync(path.dirname(file), { recursive: true });
    // Unique per writer: builds in other processes or worker threads may write the same entry at once.
    const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    const side: Sidecar = { format: FORMAT, key, sha256: sha256(bytes), size: bytes.byteLength };
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
      writeFileSync(`${tmp}.json`, JSON.stringify(side));
      renameSync(`${tmp}.json`, `${file}.json`);
    } catch {
      // A cache that cannot be written only makes the next build slower.
      rmSync(tmp, { force: true });
      rmSync(`${tmp}.json`, { force: true });
    }
    return side.sha256;
  }
}
