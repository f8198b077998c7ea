/** A worker thread taking page snapshots (snapshot-pages.ts sends it the pages' files in batches). */
import { readFileSync } from 'node:fs';
import { snapshotPage, type PageSnapshot } from './page-snapshot.ts';

export default function snapshotBatch(files: string[]): PageSnapshot[] {
  return files.map((f) => snapshotPage(readFileSync(f, 'utf8')));
}
