/** A worker thread taking page snapshots (snapshot-pages.ts sends it pages in batches). */
import { snapshotPage, type PageSnapshot } from './page-snapshot.ts';

export default function snapshotBatch(htmls: string[]): PageSnapshot[] {
  return htmls.map(snapshotPage);
}
