/**
 * The search keys of pages already seen, by the SHA-256 of their bytes. A year's search bundle is
 * keyed by its pages' text (search-index.ts), which meant reading every report page of the site on
 * each build that indexes anything: after one edit at a thousand reports, 50 MB read and hashed
 * (about a second) for the five pages rendered. The pages put back from the last output have known
 * digests (OutputDigests), so their keys come from here. A key is a function of the page's bytes and
 * of nianbao's code alone, so an entry never goes stale; the file is pruned to the pages of the build
 * that writes it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OutputDigests } from '../pipeline/output-digests.ts';
import { sha256 } from '../store/cache-store.ts';
import { toolFingerprint } from '../store/tool-fingerprint.ts';
import type { PageKeys } from '../web/search-index.ts';

const FORMAT = 'nianbao-search-keys/1';
const FILE = 'search/keys.json';

export class SearchKeyMemo implements PageKeys {
  private readonly file: string;
  private readonly known = new Map<string, string>();
  private readonly now = new Map<string, string>();
  /** The key of each page seen this build, by its path in the folder being built. */
  private readonly pages = new Map<string, string>();
  private readonly digests?: OutputDigests;

  constructor(cacheDir: string, digests?: OutputDigests) {
    this.digests = digests;
    this.file = path.join(cacheDir, FILE);
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { format?: string; tool?: string; keys?: Record<string, string> };
      if (data.format === FORMAT && data.tool === toolFingerprint() && data.keys && typeof data.keys === 'object') {
        for (const [digest, key] of Object.entries(data.keys)) if (typeof key === 'string') this.known.set(digest, key);
      }
    } catch {
      // None kept, or unreadable: every page is read.
    }
  }

  get(file: string): string | undefined {
    const digest = this.digests?.lookup(file)?.sha256;
    const key = digest === undefined ? undefined : this.known.get(digest);
    if (key) {
      this.now.set(digest!, key);
      this.pages.set(path.resolve(file), key);
    }
    return key;
  }

  /** The key of a page by the SHA-256 of its bytes, if known: a page not yet in the folder being built. */
  ofDigest(sha256: string): string | undefined {
    return this.known.get(sha256);
  }

  set(file: string, key: string, bytes: Uint8Array): void {
    this.now.set(this.digests?.lookup(file)?.sha256 ?? sha256(bytes), key);
    this.pages.set(path.resolve(file), key);
  }

  /**
   * Keeps the keys under the pages' published digests too, once every file is hashed. A page's key
   * leaves out its download block, which the PDF and OFD stages rewrite after the search index is
   * made: kept only under the digest it had then, the key of every page of a first build (and of
   * each page a rebuild rendered) was unknown to the next build, which read and hashed those pages
   * again (a thousand after a first build) and could begin no year's index early.
   */
  saveFinal(): void {
    for (const [file, key] of this.pages) {
      const published = this.digests?.lookup(file)?.sha256;
      if (published) this.now.set(published, key);
    }
    this.save();
  }

  save(): void {
    const tmp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, tool: toolFingerprint(), keys: Object.fromEntries(this.now) }));
      renameSync(tmp, this.file);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
}
