/**
 * How a year's pages go to Pagefind (IndexFeed in src/web/search-index.ts): all of them before
 * any answer is awaited, so that Pagefind never waits for the build's thread while it is busy
 * with the PDF stage; and a turn of the event loop every few pages, so that the PDF stage's
 * browser messages are not held up while the pages are read and rewritten. Pagefind is replaced
 * here by an index that answers only when the test says so: the order of events is what is
 * checked, not their timing. (That the bundle is the same as page by page is checked with the
 * real Pagefind in tests/web/search-ignored-bundle.test.ts.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';

/** What the stand-in index was sent, and the answers it holds back. */
const pagefind = vi.hoisted(() => {
  const state = { added: [] as string[], answers: [] as (() => void)[], written: [] as string[] };
  const index = {
    addHTMLFile: ({ sourcePath }: { sourcePath: string }) => {
      state.added.push(sourcePath);
      return new Promise<{ errors: string[] }>((resolve) => state.answers.push(() => resolve({ errors: [] })));
    },
    writeFiles: async ({ outputPath }: { outputPath: string }) => {
      state.written.push(outputPath);
      return { errors: [], outputPath };
    },
    deleteIndex: async () => {},
  };
  return { state, createIndex: async () => ({ index, errors: [] }), close: async () => {} };
});
vi.mock('pagefind', () => ({ createIndex: pagefind.createIndex, close: pagefind.close }));

const { writeSearchIndex } = await import('../../src/web/search-index.ts');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the pages of a year on their way to Pagefind', () => {
  it('are all sent before any answer, with turns of the event loop every eight pages', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'nianbao-search-feed-'));
    dirs.push(site);
    const slugs = Array.from({ length: 40 }, (_, i) => `r${String(i).padStart(2, '0')}-2022`);
    for (const slug of slugs) {
      mkdirSync(path.join(site, 'reports', slug), { recursive: true });
      writeFileSync(path.join(site, 'reports', slug, 'index.html'), `<html lang="zh-CN"><body><main data-pagefind-body><h1>${slug}</h1><p>正文</p></main></body></html>`);
    }
    const reports = slugs.map((slug) => ({ slug, meta: { year: 2022 } }) as unknown as ReportModel);

    // What other work of the build would see: how many pages had gone when each of its turns came.
    const seenAtTurns: number[] = [];
    let feeding = true;
    const otherWork = () => {
      seenAtTurns.push(pagefind.state.added.length);
      if (feeding) setImmediate(otherWork);
    };
    setImmediate(otherWork);

    const writing = writeSearchIndex(site, reports);
    // Every page is sent while no answer has come (Pagefind is never left waiting for more)…
    await vi.waitUntil(() => pagefind.state.added.length === slugs.length, { timeout: 20_000, interval: 5 });
    expect(pagefind.state.answers).toHaveLength(slugs.length);
    expect(pagefind.state.added).toEqual(slugs.map((s) => `reports/${s}/index.html`));
    // …and the other work had a turn after every eighth page at the latest.
    feeding = false;
    // The turns up to the last page (whether or not another turn came before the wait above ended).
    const upToAll = [...seenAtTurns.filter((n) => n < slugs.length), slugs.length];
    const steps = upToAll.slice(1).map((n, i) => n - upToAll[i]!);
    expect(Math.max(...steps), `pages sent at each turn: ${upToAll.join(',')}`).toBeLessThanOrEqual(8);
    expect(upToAll.filter((n) => n > 0 && n < slugs.length).length).toBeGreaterThanOrEqual(4);
    expect(pagefind.state.written).toEqual([]);
    // The bundle is written only once every page has been answered.
    for (const answer of pagefind.state.answers.splice(0)) answer();
    const done = await writing;
    expect(done.indexed).toEqual(['2022']);
    expect(pagefind.state.written).toEqual([path.join(site, 'pagefind', '2022')]);
  });
});
