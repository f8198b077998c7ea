// The search index's bundles: a year whole up to BUNDLE_PAGES pages, split beyond, each report in a
// bundle fixed by its slug, so that one edit indexes a part of a large year again, not all of it.
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { BUNDLE_PAGES, bundleLabel, bundleParts, searchBundles } from '../../src/web/search-index.ts';

const reports = (year: number, n: number, prefix = 'r'): ReportModel[] => Array.from({ length: n }, (_, i) => ({ slug: `${prefix}-${year}-${i}`, meta: { year } }) as unknown as ReportModel);
const page = (slug: string) => `reports/${slug}/index.html`;
/** Each page's bundle name. */
const bundleOf = (bundles: ReturnType<typeof searchBundles>) => new Map(bundles.flatMap((b) => b.pages.map((p) => [p, b.name] as const)));

describe('search bundles', () => {
  it('keeps a year of up to BUNDLE_PAGES pages whole, named by the year, newest year first', () => {
    const bundles = searchBundles([...reports(2023, 60), ...reports(2024, BUNDLE_PAGES)]);
    expect(bundles.map((b) => [b.name, b.year, b.pages.length])).toEqual([
      ['2024', 2024, BUNDLE_PAGES],
      ['2023', 2023, 60],
    ]);
    expect(bundles[1]!.pages).toEqual([...bundles[1]!.pages].sort());
  });

  it('splits a larger year into a power of two of parts, each page in one, none empty, pages sorted', () => {
    expect([1, BUNDLE_PAGES, BUNDLE_PAGES + 1, 2 * BUNDLE_PAGES, 2 * BUNDLE_PAGES + 1, 5 * BUNDLE_PAGES].map(bundleParts)).toEqual([1, 1, 2, 2, 4, 8]);
    const year = reports(2025, 200);
    const bundles = searchBundles(year);
    expect(bundles.map((b) => b.name)).toEqual(['2025-1', '2025-2']);
    expect(bundles.flatMap((b) => b.pages).sort()).toEqual(year.map((r) => page(r.slug)).sort());
    for (const b of bundles) {
      expect(b.pages).toEqual([...b.pages].sort());
      // A hash of 200 slugs into two: neither part near empty nor near all.
      expect(b.pages.length).toBeGreaterThan(60);
      expect(b.pages.length).toBeLessThan(140);
    }
  });

  it('keeps every report in its bundle when reports of the year come and go', () => {
    const year = reports(2025, 200);
    const before = bundleOf(searchBundles(year));
    const after = bundleOf(searchBundles([...year.slice(7), ...reports(2025, 20, 'new')]));
    for (const r of year.slice(7)) expect(after.get(page(r.slug))).toBe(before.get(page(r.slug)));
  });

  it('splits each bundle in two when the year grows past twice the parts', () => {
    const year = reports(2025, 2 * BUNDLE_PAGES);
    const two = bundleOf(searchBundles(year));
    const grown = searchBundles([...year, ...reports(2025, 10, 'new')]);
    expect(grown.map((b) => b.name)).toEqual(['2025-1', '2025-2', '2025-3', '2025-4']);
    for (const b of grown) {
      const from = new Set(b.pages.filter((p) => two.has(p)).map((p) => two.get(p)));
      expect(from.size, b.name).toBe(1);
    }
  });

  it('marks the pages of the reports to render in their own bundle', () => {
    const year = reports(2025, 300);
    const bundles = searchBundles(year, new Set([year[3]!.slug]));
    expect(bundles.filter((b) => b.rendered.size).map((b) => [...b.rendered])).toEqual([[page(year[3]!.slug)]]);
    expect(bundles.find((b) => b.rendered.size)!.pages).toContain(page(year[3]!.slug));
  });

  it('names bundles in the build messages', () => {
    expect(bundleLabel('2025')).toBe('2025 年');
    expect(bundleLabel('2025-2')).toBe('2025 年（第 2 份）');
  });
});
