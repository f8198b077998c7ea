/**
 * Which report pages an incremental build rewrites the download block of: only those rendered now
 * and those whose download files differ from the last output's; every page when either is unknown.
 */
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/build/cache.ts';
import type { ContentModel } from '../../src/content/index.ts';
import type { OutputRecord } from '../../src/build/previous-output.ts';

const record = (files: Record<string, string>): OutputRecord => ({ format: 'nianbao-output/1', outDir: '/site/dist', webKey: 'w', portalKey: 'p', pageKeys: {}, files });
const cacheWith = (files?: Record<string, string>) => {
  const cache = new BuildCache('/nonexistent/cache', {} as ContentModel);
  if (files) cache.previous = { dir: '/site/dist', record: record(files) };
  return cache;
};

describe('pages whose download links are refreshed', () => {
  it('all of them without a last output, or when the portal was rendered in full', () => {
    const first = cacheWith();
    first.renderedPages = new Set();
    expect(first.pagesToRefresh()).toBeUndefined();
    expect(cacheWith({}).pagesToRefresh()).toBeUndefined();
  });

  it('the pages rendered now and those whose files changed, gained or lost since the last output', () => {
    const cache = cacheWith({ 'downloads/a.pdf': 'a1', 'downloads/b.pdf': 'b1', 'downloads/c.pdf': 'c1' });
    cache.renderedPages = new Set(['r']);
    cache.noteDownload('downloads/a.pdf', 'a', 'a1');
    cache.noteDownload('downloads/b.pdf', 'b', 'b2');
    cache.noteDownload('downloads/c.pdf', 'c', undefined);
    cache.noteDownload('downloads/d.pdf', 'd', 'd1');
    expect([...cache.pagesToRefresh()!].sort()).toEqual(['b', 'c', 'd', 'r']);
  });
});
