/**
 * The record of the last output a build published into an output folder: the web key it was
 * built from and the hash of every file, taken from its manifest. A later build whose web key is
 * the same copies the portal's pages and search index from that folder instead of running Astro
 * and Pagefind again, and trusts a file only if its bytes still match the record: either read and
 * hashed again, or, for a file whose stamp (size, modification and change times, inode) is the one
 * recorded, without reading it. Any write, rename over or re-link of a file moves its change time,
 * which no one but the kernel sets.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, parseManifest } from '../integrity/manifest.ts';
import { sha256 } from '../store/cache-store.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';
import { statsStamp } from '../store/files.ts';

const FORMAT = 'nianbao-output/1';

export interface OutputRecord {
  format: string;
  outDir: string;
  webKey: string;
  /** What the pages shared (code, settings, stages) and each report's own page key. */
  portalKey: string;
  pageKeys: Record<string, string>;
  /** Each issuer's page key (BuildCache.issuerKey); absent in older records (every issuer page is rendered). */
  issuerKeys?: Record<string, string>;
  /** Each type's year of combined data files (‹类型›/‹年度›) by the key of its reports; absent in older records. */
  dataKeys?: Record<string, string>;
  /** nianbao's code fingerprint (toolFingerprint) of the build that published it; absent in older records. */
  tool?: string;
  /** path → sha256, every file the manifest lists. */
  files: Record<string, string>;
  /** path → the file's stamp (statsStamp) when the record was written, for the files last written before they were hashed; absent in older records. */
  stamps?: Record<string, string>;
}

/** The last output a build published into the folder it builds, and its record. */
export interface LastOutputFolder {
  dir: string;
  record: OutputRecord;
}

/** A file of the last output whose bytes are the ones its record gives. */
export interface Published {
  rel: string;
  size: number;
  hash: string;
  /** Size, modification time and inode when it was checked (not the change time, which linking itself moves): the same when it is linked, or it changed since. */
  checkedAs: string;
}

/** Size, modification time and inode: a file's stamp without the change time, which linking moves. */
const identityOf = (st: { size: bigint; mtimeNs: bigint; ino: bigint }): string => `${st.size}:${st.mtimeNs}:${st.ino}`;
export const identity = (file: string): string => identityOf(statSync(file, { bigint: true }));

/**
 * A file of the last output, trusted only if it still has the bytes the record gives: read and
 * hashed again, unless its stamp is still the one recorded (previous-output.ts) and its bytes are
 * not asked for.
 */
export function readPublished(previous: LastOutputFolder, rel: string): Published | 'missing' | 'changed';
export function readPublished(previous: LastOutputFolder, rel: string, want: 'bytes'): (Published & { bytes: Buffer }) | 'missing' | 'changed';
export function readPublished(previous: LastOutputFolder, rel: string, want?: 'bytes'): (Published & { bytes?: Buffer }) | 'missing' | 'changed' {
  const hash = previous.record.files[rel];
  if (!hash) return 'missing';
  const file = path.join(previous.dir, rel);
  const st = statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!st) return 'missing';
  const checkedAs = identityOf(st);
  if (!want && previous.record.stamps?.[rel] === statsStamp(st)) return { rel, size: Number(st.size), hash, checkedAs };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return 'missing';
  }
  // Stamped before reading: a write during the read moves the stamp, and putBack sees it.
  return sha256(bytes) === hash ? { rel, size: bytes.byteLength, hash, checkedAs, bytes } : 'changed';
}

const recordFile = (cacheDir: string, outDir: string) => path.join(cacheDir, 'outputs', `${sha256(path.resolve(outDir))}.json`);

/** Whether a build published into `outDir` with this cache (its record is there; not read or checked). */
export const hasOutputRecord = (cacheDir: string, outDir: string): boolean => existsSync(recordFile(cacheDir, outDir));

export function readOutputRecord(cacheDir: string, outDir: string): OutputRecord | undefined {
  try {
    const data = JSON.parse(readFileSync(recordFile(cacheDir, outDir), 'utf8')) as OutputRecord;
    if (data.format !== FORMAT || data.outDir !== path.resolve(outDir) || typeof data.webKey !== 'string' || typeof data.portalKey !== 'string' || typeof data.pageKeys !== 'object' || typeof data.files !== 'object') return undefined;
    return data;
  } catch {
    return undefined;
  }
}

/**
 * After a successful swap: what is now in `outDir`, according to the manifest just written.
 * `hashedFrom`: when the manifest stage began to hash (ms since the epoch). A file modified since
 * may no longer hold the bytes it was hashed as, so it gets no stamp and is read again next time.
 */
export function writeOutputRecord(cacheDir: string, outDir: string, keys: Pick<OutputRecord, 'webKey' | 'portalKey' | 'pageKeys' | 'issuerKeys' | 'dataKeys'>, hashedFrom?: number): void {
  const manifestPath = path.join(outDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return;
  const parsed = parseManifest(readFileSync(manifestPath, 'utf8'));
  if (!parsed.ok) return;
  const stamps: Record<string, string> = {};
  if (hashedFrom !== undefined) {
    for (const f of parsed.manifest.files) {
      const st = statSync(path.join(outDir, f.path), { bigint: true, throwIfNoEntry: false });
      if (st && st.size === BigInt(f.size) && st.mtimeMs < hashedFrom) stamps[f.path] = statsStamp(st);
    }
  }
  const record: OutputRecord = {
    format: FORMAT,
    outDir: path.resolve(outDir),
    tool: toolFingerprint(),
    ...keys,
    files: Object.fromEntries(parsed.manifest.files.map((f) => [f.path, f.sha256])),
    ...(hashedFrom !== undefined ? { stamps } : {}),
  };
  const file = recordFile(cacheDir, outDir);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(record));
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // Without a record the next build renders the portal again; nothing else depends on it.
  }
}
