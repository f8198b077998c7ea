import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { listFiles } from '../store/files.ts';

/**
 * A fixed date for every entry, given in local time: ZIP stores local date fields, so a fixed
 * instant would come out different in another time zone. With it, the same dist/ always gives
 * the same archive bytes and the same SHA-256.
 */
const ENTRY_DATE = () => new Date(2000, 0, 1, 0, 0, 0);

export interface Bundle {
  file: string;
  sha256: string;
  size: number;
  files: number;
}

/** Packs every file of `dir` (manifest included) into one ZIP at `outFile`, files at the top level. */
export async function createBundle(dir: string, outFile: string): Promise<Bundle> {
  const files = listFiles(dir);
  const zip = new yazl.ZipFile();
  for (const rel of files) {
    zip.addFile(path.join(dir, rel), rel, { mtime: ENTRY_DATE(), mode: 0o100644, compress: true, forceDosTimestamp: true });
  }
  zip.end();
  mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const partial = `${outFile}.partial-${process.pid}`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    renameSync(partial, outFile);
  } finally {
    rmSync(partial, { force: true });
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(outFile)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { file: outFile, sha256: hash.digest('hex'), size, files: files.length };
}
