/**
 * A report page's cache key (BuildCache.pageKey): its series' inputs and those of the reports its
 * roll-up sums, and nothing else's, so an incremental build renders a page again exactly when
 * what it shows changed.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/build/cache.ts';
import { loadContent } from '../../src/content/index.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const root = mkdtempSync(path.join(tmpdir(), 'nianbao-page-key-'));
cpSync(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true });
cpSync(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const COUNTY = 'chenxi-xianzhengfu-2022-xinxi-gongkai';
/** Summed by the county's roll-up (a department's report of the same year). */
const SUMMED = 'chenxi-caizhengju-2022-xinxi-gongkai';
/** Neither in the county government's series nor summed by its roll-up (another issuer, another year)… */
const UNRELATED = 'chenxi-jiaoyuju-2020-xinxi-gongkai';
/** …but in this report's series (the same issuer's 信息公开 reports). */
const SAME_SERIES = 'chenxi-jiaoyuju-2022-xinxi-gongkai';

function keys(): Map<string, string> {
  const loaded = loadContent(root);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics.slice(0, 3)));
  const cache = new BuildCache(path.join(root, '.cache/nianbao'), loaded.model);
  return new Map(loaded.model.reports.map((r) => [r.slug, cache.pageKey(r)]));
}
const touch = (slug: string) => appendFileSync(path.join(root, 'content/reports', slug, 'report.yaml'), '\n# 改动\n');

describe('page keys', () => {
  it('change with the series and the summed reports, and with nothing else', () => {
    const before = keys();
    expect([COUNTY, SUMMED, UNRELATED, SAME_SERIES].filter((s) => !before.has(s))).toEqual([]);
    touch(UNRELATED);
    const afterUnrelated = keys();
    expect(afterUnrelated.get(COUNTY)).toBe(before.get(COUNTY));
    expect(afterUnrelated.get(UNRELATED)).not.toBe(before.get(UNRELATED));
    expect(afterUnrelated.get(SAME_SERIES)).not.toBe(before.get(SAME_SERIES));
    touch(SUMMED);
    const afterSummed = keys();
    expect(afterSummed.get(COUNTY)).not.toBe(afterUnrelated.get(COUNTY));
    expect(afterSummed.get(SUMMED)).not.toBe(afterUnrelated.get(SUMMED));
    expect(afterSummed.get(SAME_SERIES)).toBe(afterUnrelated.get(SAME_SERIES));
  });

  it('are the same when asked again, in any order', () => {
    const loaded = loadContent(root);
    if (!loaded.ok) throw new Error('content');
    const a = new BuildCache(path.join(root, '.cache/nianbao'), loaded.model);
    const b = new BuildCache(path.join(root, '.cache/nianbao'), loaded.model);
    const forward = loaded.model.reports.map((r) => a.pageKey(r));
    const backward = [...loaded.model.reports].reverse().map((r) => b.pageKey(r)).reverse();
    expect(backward).toEqual(forward);
    expect(loaded.model.reports.map((r) => a.pageKey(r))).toEqual(forward);
  });
});
