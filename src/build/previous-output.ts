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
import { statsStamp } from '../store/files.ts';

const FORMAT = 'nianbao-output/1';

export interface OutputRecord {
  format: string;
  outDir: string;
  webKey: string;
  /** What the pages shared (code, settings, stages) and each report's own page key. */
  portalKey: string;
  pageKeys: Record<string, string>;
  /** Each type's year of combined data files (‹类型›/‹年度›) by the key of its reports; absent in older records. */
  dataKeys?: Record<string, string>;
  /** path → sha256, every file the manifest lists. */
  files: Record<string, string>;
  /** path → the file's stamp (statsStamp) when the record was written, for the files last written before they were hashed; absent in older records. */
  stamps?: Record<string, string>;
}

const recordFile = (cacheDir: string, outDir: string) => path.join(cacheDir, 'outputs', `${sha256(path.resolve(outDir))}.json`);

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
export function writeOutputRecord(cacheDir: string, outDir: string, keys: Pick<OutputRecord, 'webKey' | 'portalKey' | 'pageKeys' | 'dataKeys'>, hashedFrom?: number): void {
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
