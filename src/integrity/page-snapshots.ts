/**
 * manifest-pages.json through the cache: a page's snapshot depends only on its bytes (and on the
 * snapshot code, in the tool fingerprint), so unchanged pages are not parsed again. The file
 * written is byte for byte what `pagesFileFor` writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isPage, PAGES_FORMAT } from './pages-file.ts';
import { PAGES_FILE } from './manifest.ts';
import type { LastOutput } from '../pipeline/stage.ts';
import type { FileDigest } from '../store/files.ts';
import { snapshotPages } from './snapshot-pages.ts';
import { sha256, type OutputStore } from '../store/cache-store.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';

const KIND = 'page-snapshot';

/**
 * Puts the last output's manifest-pages.json in place when this build's pages are the ones it
 * describes: the same code made it, the same pages are there, each with the digest it was
 * published with (known without reading: `knownDigest`). A rebuild with no change then neither
 * reads a snapshot nor writes some 30 MB again (1,000 reports). The file's digest, or undefined
 * when it must be made. The pages' snapshots in `store` are noted as used (unread): the next
 * build that changes a page needs the others', and pruning must not take them.
 */
export function reuseLastPagesFile(outDir: string, files: readonly string[], last: LastOutput, knownDigest: (rel: string) => string | undefined, store?: OutputStore): FileDigest | undefined {
  if (!last.tool || last.tool !== toolFingerprint() || !last.files[PAGES_FILE]) return undefined;
  const pages = files.filter(isPage);
  if (pages.length !== Object.keys(last.files).filter(isPage).length) return undefined;
  const digests: string[] = [];
  for (const rel of pages) {
    const digest = knownDigest(rel);
    if (!digest || digest !== last.files[rel]) return undefined;
    digests.push(digest);
  }
  const placed = last.place(PAGES_FILE, path.join(outDir, PAGES_FILE));
  if (placed && store) for (const digest of digests) store.markUsed(KIND, snapshotKey(digest));
  return placed;
}

const snapshotKey = (pageDigest: string, tool = toolFingerprint()): string => sha256(`${tool}\n${pageDigest}`);

/**
 * `knownDigest` gives the SHA-256 of a page the build has already checked or hashed (and not
 * touched since): such a page whose snapshot is cached is not read at all. The file is put
 * together from the snapshots' JSON bytes as cached (each was written by JSON.stringify, which
 * writes it again unchanged after JSON.parse), never decoded: parsing 1,400 snapshots and writing
 * 34 MB again took about 0.6 s of a thousand reports' rebuild, and decoding the cached text and
 * encoding the whole file again another 0.6 s.
 */
export async function cachedPagesFile(dir: string, files: readonly string[], store: OutputStore, knownDigest: (rel: string) => string | undefined = () => undefined): Promise<Buffer> {
  const rels = files.filter(isPage);
  const snapshots: (Buffer | undefined)[] = [];
  const missing: { at: number; rel: string; key: string }[] = [];
  const tool = toolFingerprint();
  for (const rel of rels) {
    const digest = knownDigest(rel) ?? sha256(readFileSync(path.join(dir, rel)));
    const key = snapshotKey(digest, tool);
    const bytes = store.get(KIND, key);
    // The store gives back exactly what was put (checked); anything but an object is made again.
    const usable = bytes !== undefined && bytes.length > 1 && bytes[0] === OPEN && bytes[bytes.length - 1] === CLOSE ? bytes : undefined;
    // Pages keep their place in the file whether their snapshot is cached or made now.
    snapshots.push(usable);
    // Only the names are kept: the pages are read again where they are parsed (snapshot-pages.ts).
    if (!usable) missing.push({ at: snapshots.length - 1, rel, key });
  }
  const made = await snapshotPages(missing.map((m) => path.join(dir, m.rel)));
  missing.forEach(({ at, key }, i) => {
    snapshots[at] = Buffer.from(JSON.stringify(made[i]));
    store.put(KIND, key, snapshots[at]!);
  });
  // What JSON.stringify({ format, pages }) writes: a page's name is never an array index, so the keys keep their order.
  const chunks: Buffer[] = [Buffer.from(`{"format":${JSON.stringify(PAGES_FORMAT)},"pages":{`)];
  rels.forEach((rel, i) => chunks.push(Buffer.from(`${i ? ',' : ''}${JSON.stringify(rel)}:`), snapshots[i]!));
  chunks.push(Buffer.from('}}\n'));
  return Buffer.concat(chunks);
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
