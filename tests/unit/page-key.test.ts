/**
 * A report page's cache key (BuildCache.pageKey): its series' inputs and those of the reports its
 * roll-up sums, and the address and title of its 上一篇 and 下一篇 (any issuer's), and nothing
 * else's, so an incremental build renders a page again exactly when what it shows changed.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/build/cache.ts';
import { loadContent, seriesKey } from '../../src/content/index.ts';
import { typeNeighbours } from '../../src/web/catalogue.ts';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';

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

function load() {
  const loaded = loadContent(root);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics.slice(0, 3)));
  return loaded.model;
}
function keys(): Map<string, string> {
  const model = load();
  const cache = new BuildCache(path.join(root, '.cache/nianbao'), model);
  return new Map(model.reports.map((r) => [r.slug, cache.pageKey(r)]));
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

  it("change with the title or the address of the 上一篇 or 下一篇, another issuer's report", () => {
    const model = load();
    // A report whose 下一篇 is neither in its series nor summed by it: only the pager links them.
    const pair = model.reports
      .map((report) => ({ report, next: typeNeighbours(model, report).next }))
      .find(({ report, next }) => next && seriesKey(next) !== seriesKey(report) && !report.rollups.length && !next.rollups.length);
    if (!pair?.next) throw new Error('no report with another issuer as its 下一篇');
    const { report, next } = pair;
    const yaml = path.join(root, 'content/reports', next.slug, 'report.yaml');
    const text = readFileSync(yaml, 'utf8');
    const before = keys();
    touch(next.slug);
    expect(keys().get(report.slug), 'a change the page does not show').toBe(before.get(report.slug));
    writeFileSync(yaml, text.replace(`title: ${next.meta.title}`, `title: ${next.meta.title}（修订）`));
    expect(load().reports.find((r) => r.slug === next.slug)?.meta.title).toBe(`${next.meta.title}（修订）`);
    const retitled = keys();
    expect(retitled.get(report.slug), '上一篇/下一篇 shows the new title').not.toBe(before.get(report.slug));
    // Taken out of the list (a draft): the page links to another report now.
    writeFileSync(yaml, text.replace(/^status: .*$/m, '').concat('\nstatus: draft\n'));
    expect(load().reports.some((r) => r.slug === next.slug)).toBe(false);
    expect(keys().get(report.slug)).not.toBe(retitled.get(report.slug));
    writeFileSync(yaml, text);
  });
});

describe("a printed report's key", () => {
  const LAST_YEAR = 'chenxi-jiaoyuju-2021-xinxi-gongkai';
  const THIS_YEAR = 'chenxi-jiaoyuju-2022-xinxi-gongkai';
  const printed = OUTPUT_FORMATS.filter((f) => f.cacheInputs.previousReport);
  const printKeys = () => {
    const model = load();
    const cache = new BuildCache(path.join(root, '.cache/nianbao'), model);
    const report = (slug: string) => model.reports.find((r) => r.slug === slug)!;
    return Object.fromEntries(printed.flatMap((f) => [LAST_YEAR, THIS_YEAR].map((slug) => [`${f.id} ${slug}`, cache.outputKey(f, report(slug))])));
  };
  const section = path.join(root, 'content/reports', LAST_YEAR, '02-zhudong-gongkai.md');

  it("changes with last year's figures, not with last year's text alone", () => {
    expect(printed.map((f) => f.id)).toEqual(expect.arrayContaining(['pdf', 'ofd']));
    const before = printKeys();
    // A paragraph added to the section's text; its figures (in the front matter) stay as they were.
    const text = readFileSync(section, 'utf8');
    const body = text.indexOf('\n---\n') + 5;
    writeFileSync(section, `${text.slice(0, body)}\n本年度新增说明一段。\n${text.slice(body)}`);
    const edited = printKeys();
    for (const f of printed) {
      expect(edited[`${f.id} ${LAST_YEAR}`], `${f.id}: the edited report`).not.toBe(before[`${f.id} ${LAST_YEAR}`]);
      expect(edited[`${f.id} ${THIS_YEAR}`], `${f.id}: the next year's shows none of that text`).toBe(before[`${f.id} ${THIS_YEAR}`]);
    }
    writeFileSync(section, readFileSync(section, 'utf8').replace('xingzheng-xuke: [33]', 'xingzheng-xuke: [34]'));
    const refigured = printKeys();
    for (const f of printed) expect(refigured[`${f.id} ${THIS_YEAR}`], `${f.id}: the next year's compares with the figure`).not.toBe(edited[`${f.id} ${THIS_YEAR}`]);
  });
});


describe('issuer page keys', () => {
  const issuerOf = (model: ReturnType<typeof load>, slug: string) => model.reports.find((r) => r.slug === slug)!.issuer.id;
  const issuerKeys = (model: ReturnType<typeof load>) => new BuildCache(path.join(root, '.cache/nianbao'), model).issuerKeys();

  it('change with the issuer’s own reports, and no other issuer’s', () => {
    const model = load();
    const before = issuerKeys(model);
    const own = issuerOf(model, UNRELATED);
    expect(Object.keys(before)).toEqual(model.issuers.map((i) => i.id));
    touch(UNRELATED);
    const after = issuerKeys(load());
    expect(after[own]).not.toBe(before[own]);
    for (const id of Object.keys(before).filter((id) => id !== own)) expect(after[id], id).toBe(before[id]);
  });

  it('change when a report of the issuer is gone, or its entry in issuers.yaml changes', () => {
    const model = load();
    const before = issuerKeys(model);
    const own = issuerOf(model, SAME_SERIES);
    const removed = issuerKeys({ ...model, reports: model.reports.filter((r) => r.slug !== SAME_SERIES) });
    expect(Object.entries(removed).filter(([id, key]) => key !== before[id]).map(([id]) => id)).toEqual([own]);
    // Another issuer's telephone: only its page shows it.
    const other = model.issuers.find((i) => i.id !== own)!;
    const moved = issuerKeys({ ...model, issuers: model.issuers.map((i) => (i === other ? { ...i, contact: { ...i.contact, telephone: '0745-0000000' } } : i)) });
    expect(Object.entries(moved).filter(([id, key]) => key !== before[id]).map(([id]) => id)).toEqual([other.id]);
  });
});
