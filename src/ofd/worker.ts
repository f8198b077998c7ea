/**
 * A worker thread of the OFD stage (src/ofd/stage.ts): converts the printed PDFs it is sent.
 * Each thread keeps its own font files in memory once read.
 */
import { readFileSync } from 'node:fs';
import type { DocumentInfo } from '../pdf/document-info.ts';
import { OutputStore } from '../store/cache-store.ts';
import { pdfToOfd, type OfdResult } from './convert.ts';
import { faceFinder, type FaceFinder } from './faces.ts';

export interface OfdJob {
  pdfFile: string;
  info: DocumentInfo;
  fontsDir: string;
  /** The build cache's folder, which keeps the faces' official cuts (src/ofd/faces.ts); none without the cache. */
  cacheDir?: string;
}

const finders = new Map<string, FaceFinder>();

/** The faces of `fontsDir` and the installed ones, found once a thread. */
export function finderFor(fontsDir: string, cacheDir?: string): FaceFinder {
  const at = `${fontsDir}\0${cacheDir ?? ''}`;
  let find = finders.get(at);
  if (!find) finders.set(at, (find = faceFinder(fontsDir, undefined, cacheDir ? new OutputStore(cacheDir) : undefined)));
  return find;
}

export default async function convertJob(job: OfdJob): Promise<OfdResult> {
  return pdfToOfd(new Uint8Array(readFileSync(job.pdfFile)), job.info, finderFor(job.fontsDir, job.cacheDir));
}
