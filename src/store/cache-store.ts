/**
 * A folder of build outputs addressed by the hash of their inputs: `<kind>/<ab>/<key>`, each with a
 * sidecar naming the key and the SHA-256 of the bytes. An entry whose sidecar is missing, belongs
 * to another key or no longer matches its bytes (a crash mid-write, a hand edit, another tool's
 * file) is treated as absent. Writes go through a temporary name and a rename, so two builds
 * sharing the cache never see half a file. The whole folder can be deleted at any time.
 *
 * Checking an entry means reading and hashing it: some 600 MB of PDF, OFD and Word files for a
 * site of a thousand reports, on every build. So a build keeps, per kind, the stamps (size,
 * modification and change times, inode) of the entries it checked (`<kind>/verified.json`), and
 * the next one trusts an entry unread while its stamp is the same. Any write, rename over or
 * re-link moves a file's change time, which no one but the kernel sets.
 *
 * Each build also notes when it last used each entry (`<kind>/used.json`, merged across builds):
 * entries nobody used for a while are removed by cache-prune.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileStamp as stampOf, statsStamp } from './files.ts';

const FORMAT = 'nianbao-cache/1';
const VERIFIED_FILE = 'verified.json';
const VERIFIED_FORMAT = 'nianbao-verified/1';
export const USED_FILE = 'used.json';
const USED_FORMAT = 'nianbao-used/1';
/** Entry name → [stamp, size, sha256], as verified.json holds them. */
type VerifiedEntries = Record<string, [string, number, string]>;

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
  /** Entries this process checked, trusted by their stamps, or wrote: the ones whose stamps it keeps. */
  private readonly checked = new Set<string>();
  /** Kinds whose stamps from the last build have been read. */
  private readonly seeded = new Set<string>();
  /** Entries this build needs but did not look at (kind → keys): its output came back from the last one. */
  private readonly needed = new Map<string, Set<string>>();
  constructor(dir: string) {
    this.dir = dir;
  }

  /** The stamps the last build kept for a kind's entries: trusted while a file still has its stamp. */
  private seed(kind: string): void {
    if (this.seeded.has(kind)) return;
    this.seeded.add(kind);
    try {
      const data = JSON.parse(readFileSync(path.join(this.dir, kind, VERIFIED_FILE), 'utf8')) as { format?: string; entries?: VerifiedEntries };
      if (data.format !== VERIFIED_FORMAT || typeof data.entries !== 'object') return;
      for (const [key, [stamp, size, sha]] of Object.entries(data.entries)) {
        const file = this.file(kind, key);
        if (!this.verified.has(file) && typeof stamp === 'string' && typeof size === 'number' && typeof sha === 'string') this.verified.set(file, { stamp, size, sha256: sha });
      }
    } catch {
      // No stamps (a first build, an older cache, a key that is not one): entries are read and checked.
    }
  }

  /**
   * Keeps the stamps of the entries this process checked, trusted or wrote, for the next build. An
   * entry is kept only if it was not written since it was checked (same size, modification time
   * and inode; linking it into an output folder moves only its change time), and not changed in the
   * last moments: a write in the same tick of the kernel's coarse clock could leave its stamp as it was.
   */
  saveVerified(now = Date.now()): void {
    this.saveUse(now);
    const recent = now - 50;
    const byKind = new Map<string, VerifiedEntries>();
    for (const file of this.checked) {
      const kind = path.basename(path.dirname(path.dirname(file)));
      const entries = byKind.get(kind) ?? {};
      byKind.set(kind, entries);
      const v = this.verified.get(file);
      const now = statSync(file, { bigint: true, throwIfNoEntry: false });
      if (!v || !now || now.ctimeMs >= recent) continue;
      const [size, mtime, , ino] = v.stamp.split(':');
      if (String(now.size) !== size || String(now.mtimeNs) !== mtime || String(now.ino) !== ino) continue;
      entries[path.basename(file)] = [statsStamp(now), v.size, v.sha256];
    }
    for (const [kind, entries] of byKind) {
      const file = path.join(this.dir, kind, VERIFIED_FILE);
      const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      try {
        writeFileSync(tmp, JSON.stringify({ format: VERIFIED_FORMAT, entries }));
        renameSync(tmp, file);
      } catch {
        rmSync(tmp, { force: true });
      }
    }
  }

  /**
   * Notes an entry as used by this build without reading it: what it holds is already in place
   * (put back from the last output). Kept from pruning like the entries the build read.
   */
  markUsed(kind: string, key: string): void {
    this.file(kind, key);
    const keys = this.needed.get(kind) ?? new Set<string>();
    this.needed.set(kind, keys);
    keys.add(key);
  }

  /**
   * Merges the time of this use into each kind's `used.json` (key → last use, ms). Two builds
   * saving at once may lose one's marks; the entries then only look older, and are made again if
   * pruned. The ledger is advisory: an entry absent from it is dated by its file's modification time.
   */
  private saveUse(now: number): void {
    const byKind = new Map<string, Set<string>>();
    for (const [kind, keys] of this.needed) byKind.set(kind, new Set(keys));
    for (const file of this.checked) {
      const kind = path.basename(path.dirname(path.dirname(file)));
      const keys = byKind.get(kind) ?? new Set<string>();
      byKind.set(kind, keys);
      keys.add(path.basename(file));
    }
    for (const [kind, keys] of byKind) {
      const file = path.join(this.dir, kind, USED_FILE);
      const used = readUse(file);
      for (const key of keys) used[key] = now;
      writeUse(file, used);
    }
  }

  private file(kind: string, key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key) || !/^[a-z0-9-]+$/.test(kind)) throw new Error(`缓存键不合法：${kind}/${key}`);
    return path.join(this.dir, kind, key.slice(0, 2), key);
  }

  get(kind: string, key: string): Buffer | undefined {
    const file = this.file(kind, key);
    this.seed(kind);
    try {
      const known = this.verified.get(file);
      const stamp = stampOf(file);
      if (known && known.stamp === stamp && this.sameSidecar(file, key, known)) {
        // Checked before and untouched since: read, not hashed again. Stamped before the read,
        // so a write during it is caught by the next look at the stamp.
        const bytes = readFileSync(file);
        if (bytes.length === known.size) {
          this.checked.add(file);
          return bytes;
        }
      }
      const side = this.sidecar(file, key);
      if (!side) return undefined;
      const bytes = readFileSync(file);
      const digest = sha256(bytes);
      if (bytes.length !== side.size || digest !== side.sha256) return undefined;
      this.verified.set(file, { stamp, size: bytes.length, sha256: digest });
      this.checked.add(file);
      return bytes;
    } catch {
      return undefined;
    }
  }

  /**
   * An entry's first line (its bytes up to the first newline), with its file and size. An entry
   * trusted by its stamp (checked before, untouched since) is read no further: what follows is read
   * where it is used, checked by digests the first line holds (entry-part.ts). Any other is read
   * whole and checked as `get` does, and given whole as well.
   */
  head(kind: string, key: string): { file: string; size: number; first: Buffer; whole?: Buffer } | undefined {
    const trusted = this.trusted(kind, key);
    if (trusted) {
      try {
        return { file: trusted.file, size: trusted.size, first: readFirstLine(trusted.file) };
      } catch {
        return undefined;
      }
    }
    const whole = this.get(kind, key);
    if (!whole) return undefined;
    const end = whole.indexOf(0x0a);
    return { file: this.file(kind, key), size: whole.length, first: end === -1 ? whole : whole.subarray(0, end), whole };
  }

  /**
   * An entry's file and digest, once its bytes are checked against its sidecar. A file this store
   * checked and nobody touched since (same size, times and inode) is not read again: a build asks
   * for a printed file's entry when deciding whether the portal can be reused, then again to place it.
   */
  entry(kind: string, key: string): { file: string; size: number; sha256: string } | undefined {
    const trusted = this.trusted(kind, key);
    if (trusted) return trusted;
    const file = this.file(kind, key);
    return this.get(kind, key) ? { file, ...this.verified.get(file)! } : undefined;
  }

  /**
   * An entry this store checked and nobody touched since (its stamp the one kept, its sidecar still
   * agreeing), noted as checked: its file, size and digest, unread. Undefined for any other (or one
   * that cannot be looked at): the caller reads and checks it whole.
   */
  private trusted(kind: string, key: string): { file: string; size: number; sha256: string } | undefined {
    const file = this.file(kind, key);
    this.seed(kind);
    const known = this.verified.get(file);
    try {
      if (!known || known.stamp !== stampOf(file) || !this.sameSidecar(file, key, known)) return undefined;
    } catch {
      return undefined;
    }
    this.checked.add(file);
    return { file, size: known.size, sha256: known.sha256 };
  }

  /** Whether the entry's sidecar (small) still names its key and the digest it was checked against. */
  private sameSidecar(file: string, key: string, known: { size: number; sha256: string }): boolean {
    try {
      const side = this.sidecar(file, key);
      return side !== undefined && side.size === known.size && side.sha256 === known.sha256;
    } catch {
      return false;
    }
  }

  private sidecar(file: string, key: string): Sidecar | undefined {
    const side = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Partial<Sidecar>;
    return side.format === FORMAT && side.key === key ? (side as Sidecar) : undefined;
  }

  /**
   * Whether an entry of this key is there, unread and unchecked: a hint for planning work
   * (starting workers); the entry is still checked when it is used.
   */
  holds(kind: string, key: string): boolean {
    return existsSync(this.file(kind, key));
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
      this.verified.set(file, { stamp: stampOf(file), size: side.size, sha256: side.sha256 });
      this.checked.add(file);
    } catch {
      // A cache that cannot be written only makes the next build slower.
      rmSync(tmp, { force: true });
      rmSync(`${tmp}.json`, { force: true });
    }
    return side.sha256;
  }
}

/** A file's bytes up to its first newline (all of them when it has none), read a chunk at a time. */
function readFirstLine(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    for (let at = 0; ; ) {
      // Heads are some 6 KB (15 KB at most at a thousand reports): one read, most often.
      const chunk = Buffer.allocUnsafe(16 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, at);
      const end = chunk.subarray(0, n).indexOf(0x0a);
      chunks.push(chunk.subarray(0, end === -1 ? n : end));
      if (end !== -1 || n === 0) return Buffer.concat(chunks);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** A kind's ledger of last uses (key → ms); empty when missing or not one. */
export function readUse(file: string): Record<string, number> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: string; used?: Record<string, unknown> };
    if (data.format !== USED_FORMAT || typeof data.used !== 'object' || data.used === null) return {};
    const used: Record<string, number> = {};
    for (const [key, at] of Object.entries(data.used)) if (typeof at === 'number' && Number.isFinite(at)) used[key] = at;
    return used;
  } catch {
    return {};
  }
}

export function writeUse(file: string, used: Record<string, number>): void {
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify({ format: USED_FORMAT, used }));
    renameSync(tmp, file);
  } catch {
    // Not kept: the entries only look older to the next prune.
    rmSync(tmp, { force: true });
  }
}
