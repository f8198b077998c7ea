/**
 * The text Pagefind read of each report page (search-index.ts SearchTexts), kept in the build cache
 * by the page's search key, one file a page, under a folder named for nianbao's code (the text is
 * made by it). After one edit at a thousand reports the edited year's 200 pages are indexed again:
 * 195 of them are read from here instead of being read and their tables parsed once more (about a
 * second of the build's own thread, while it prints). Folders of other code and texts of pages no
 * longer on the site are removed when the index is written.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../store/cache-store.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';
import type { SearchTexts } from '../web/search-index.ts';

const FORMAT = 'nianbao-search-text/1';
const FOLDER = 'search/text';

export class SearchTextMemo implements SearchTexts {
  private readonly root: string;
  private readonly dir: string;

  constructor(cacheDir: string) {
    this.root = path.join(cacheDir, FOLDER);
    this.dir = path.join(this.root, sha256(`${FORMAT}\n${toolFingerprint()}`).slice(0, 16));
  }

  private file(pageKey: string): string | undefined {
    // A key is a SHA-256 in hex; anything else names no file.
    return /^[0-9a-f]{64}$/.test(pageKey) ? path.join(this.dir, `${pageKey}.html`) : undefined;
  }

  get(pageKey: string): string | undefined {
    const file = this.file(pageKey);
    try {
      return file && readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  set(pageKey: string, text: string): void {
    const file = this.file(pageKey);
    if (!file) return;
    const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(tmp, text);
      renameSync(tmp, file);
    } catch {
      // Not kept: the page is read again next time.
      rmSync(tmp, { force: true });
    }
  }

  keepOnly(pageKeys: ReadonlySet<string>): void {
    try {
      for (const name of readdirSync(this.root)) if (path.join(this.root, name) !== this.dir) rmSync(path.join(this.root, name), { recursive: true, force: true });
      for (const name of readdirSync(this.dir)) {
        if (!pageKeys.has(name.slice(0, -'.html'.length)) || !name.endsWith('.html')) rmSync(path.join(this.dir, name), { force: true });
      }
    } catch {
      // Nothing kept yet.
    }
  }
}
