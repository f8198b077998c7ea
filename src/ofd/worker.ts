/**
 * A worker thread of the OFD stage (src/ofd/stage.ts): converts the printed PDFs it is sent.
 * Each thread keeps its own font files in memory once read.
 */
import { readFileSync } from 'node:fs';
import type { DocumentInfo } from '../pdf/document-info.ts';
import { pdfToOfd, type OfdResult } from './convert.ts';
import { faceFinder, type FaceFinder } from './faces.ts';

export interface OfdJob {
  pdfFile: string;
  info: DocumentInfo;
  fontsDir: string;
}

const finders = new Map<string, FaceFinder>();

/** The faces of `fontsDir` and the installed ones, found once a thread. */
export function finderFor(fontsDir: string): FaceFinder {
  let find = finders.get(fontsDir);
  if (!find) finders.set(fontsDir, (find = faceFinder(fontsDir)));
  return find;
}

export default async function convertJob(job: OfdJob): Promise<OfdResult> {
  return pdfToOfd(new Uint8Array(readFileSync(job.pdfFile)), job.info, finderFor(job.fontsDir));
}
