/** Writing the portal's data files from the build's own process (type-data.ts, report-data.ts). */
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { writeChunks } from '../store/files.ts';

/** A file written: where, and its size and SHA-256 (the manifest need not read it again). */
export interface WrittenFile {
  file: string;
  size: number;
  sha256: string;
}

/** Written beside and renamed into place: a file of the same name may be a link to the last output's (never written through). */
export function writeDataFile(file: string, chunks: Buffer[]): WrittenFile {
  mkdirSync(path.dirname(file), { recursive: true });
  const digest = writeChunks(`${file}.tmp`, chunks);
  renameSync(`${file}.tmp`, file);
  return { file, ...digest };
}

/** Lets the event loop run: other work of the build (the search index's or the portal process's messages) goes on between files. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
