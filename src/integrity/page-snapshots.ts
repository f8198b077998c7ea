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
import { writeChunks, type FileDigest } from '../store/files.ts';
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
  if (placed && store) {
    for (const digest of digests) store.markUsed(KIND, snapshotKey(digest));
    store.markUsed(INDEX_KIND, placed.sha256);
  }
  return placed;
}

const snapshotKey = (pageDigest: string, tool = toolFingerprint()): string => sha256(`${tool}\n${pageDigest}`);

/**
 * Where each page's snapshot lies in a pages file (by snapshot key: offset and length), kept in the
 * store under the file's SHA-256 once it is written. The next build that must make the file again
 * (a page changed) takes the unchanged pages' snapshots out of the last output's file, read once,
 * instead of looking up some 1,400 cached snapshots one by one (about 0.4 s of CPU at a thousand
 * reports, each a look at its stamp, its sidecar and its bytes).
 */
const INDEX_KIND = 'pages-index';
const INDEX_FORMAT = 'nianbao-pages-index/1';
type PagesIndex = { format: string; snapshots: [string, number, number][] };

/** The last output's pages file and where its snapshots lie, when the file is still the one published and its index is kept. */
function lastSnapshots(last: LastOutput, store: OutputStore): { bytes: Buffer; at: Map<string, [number, number]> } | undefined {
  const published = last.files[PAGES_FILE];
  if (!published || last.tool !== toolFingerprint()) return undefined;
  let index: PagesIndex;
  try {
    const kept = store.get(INDEX_KIND, published);
    if (!kept) return undefined;
    index = JSON.parse(kept.toString('utf8')) as PagesIndex;
    if (index.format !== INDEX_FORMAT || !Array.isArray(index.snapshots)) return undefined;
  } catch {
    return undefined;
  }
  const bytes = last.read(PAGES_FILE);
  if (!bytes) return undefined;
  const at = new Map<string, [number, number]>();
  for (const [key, start, size] of index.snapshots) {
    // Every range a whole JSON object inside the file, as written (the file's digest vouches for the rest).
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(size) || start < 0 || size < 2 || start + size > bytes.length) return undefined;
    if (bytes[start] !== OPEN || bytes[start + size - 1] !== CLOSE) return undefined;
    at.set(key, [start, size]);
  }
  return { bytes, at };
}

/**
 * `knownDigest` gives the SHA-256 of a page the build has already checked or hashed (and not
 * touched since): such a page whose snapshot is cached is not read at all. The file is put
 * together from the snapshots' JSON bytes as cached (each was written by JSON.stringify, which
 * writes it again unchanged after JSON.parse), never decoded: parsing 1,400 snapshots and writing
 * 34 MB again took about 0.6 s of a thousand reports' rebuild, and decoding the cached text and
 * encoding the whole file again another 0.6 s. With `last`, the snapshots of pages unchanged since
 * it are taken from its pages file (lastSnapshots). Writes the file as `into`, piece by piece
 * (writeChunks), and gives its size and SHA-256.
 */
export async function cachedPagesFile(
  dir: string,
  files: readonly string[],
  store: OutputStore,
  knownDigest: (rel: string) => string | undefined = () => undefined,
  last: LastOutput | undefined,
  into: string,
): Promise<FileDigest> {
  const rels = files.filter(isPage);
  const snapshots: (Buffer | undefined)[] = [];
  const keys: string[] = [];
  const missing: { at: number; rel: string; key: string }[] = [];
  const tool = toolFingerprint();
  const previous = last && lastSnapshots(last, store);
  for (const rel of rels) {
    const digest = knownDigest(rel) ?? sha256(readFileSync(path.join(dir, rel)));
    const key = snapshotKey(digest, tool);
    keys.push(key);
    const range = previous?.at.get(key);
    if (range) {
      snapshots.push(previous!.bytes.subarray(range[0], range[0] + range[1]));
      // Its entry is still needed (the next build may not have this file to take it from).
      store.markUsed(KIND, key);
      continue;
    }
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
  let offset = chunks[0]!.length;
  const index: PagesIndex = { format: INDEX_FORMAT, snapshots: [] };
  rels.forEach((rel, i) => {
    const name = Buffer.from(`${i ? ',' : ''}${JSON.stringify(rel)}:`);
    chunks.push(name, snapshots[i]!);
    index.snapshots.push([keys[i]!, offset + name.length, snapshots[i]!.length]);
    offset += name.length + snapshots[i]!.length;
  });
  chunks.push(Buffer.from('}}\n'));
  const written = writeChunks(into, chunks);
  store.put(INDEX_KIND, written.sha256, Buffer.from(JSON.stringify(index)));
  return written;
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
