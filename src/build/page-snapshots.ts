/**
 * manifest-pages.json through the cache: a page's snapshot depends only on its bytes (and on the
 * snapshot code, in the tool fingerprint), so unchanged pages are not parsed again. The file
 * written is byte for byte what `pagesFileFor` writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isPage, PAGES_FORMAT } from '../integrity/pages-file.ts';
import { snapshotPage, type PageSnapshot } from '../integrity/page-snapshot.ts';
import { sha256, type OutputStore } from './cache-store.ts';
import { toolFingerprint } from './tool-fingerprint.ts';

const KIND = 'page-snapshot';

export function cachedPagesFile(dir: string, files: readonly string[], store: OutputStore): string {
  const pages: Record<string, PageSnapshot> = {};
  const tool = toolFingerprint();
  for (const rel of files.filter(isPage)) {
    const html = readFileSync(path.join(dir, rel), 'utf8');
    const key = sha256(`${tool}\n${sha256(html)}`);
    const cached = store.get(KIND, key);
    let snapshot: PageSnapshot | undefined;
    try {
      snapshot = cached && (JSON.parse(cached.toString('utf8')) as PageSnapshot);
    } catch {
      snapshot = undefined;
    }
    if (!snapshot) {
      snapshot = snapshotPage(html);
      store.put(KIND, key, Buffer.from(JSON.stringify(snapshot)));
    }
    pages[rel] = snapshot;
  }
  return `${JSON.stringify({ format: PAGES_FORMAT, pages })}\n`;
}
