/**
 * A report page, its print pages and its data files find their report by the slug in their props
 * (src/web/model.ts `reportBySlug`): through an index made once a model, not by searching the list
 * on each page, and without opening a report the portal's process has not read yet.
 */
import v8 from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentModel } from '../../src/content/index.ts';
import { isOpened, packModel, unpackModel } from '../../src/build/portal-model.ts';
import { providePortalInput, reportBySlug, withdrawPortalInput } from '../../src/web/model.ts';
import { sampleModel } from '../web/sample-model.ts';

afterEach(() => withdrawPortalInput());

describe('a page’s report by its slug', () => {
  const model = sampleModel();

  it('is the model’s report of that slug, for every report', () => {
    providePortalInput({ model });
    expect(model.reports.length).toBeGreaterThan(10);
    for (const report of model.reports) expect(reportBySlug(report.slug)).toBe(report);
  });

  it('follows a new model (the live preview’s reload)', () => {
    providePortalInput({ model });
    const first = model.reports[0]!;
    expect(reportBySlug(first.slug)).toBe(first);
    const reloaded: ContentModel = { ...model, reports: model.reports.map((r) => ({ ...r })) };
    providePortalInput({ model: reloaded });
    expect(reportBySlug(first.slug)).toBe(reloaded.reports[0]);
    expect(reportBySlug(first.slug)).not.toBe(first);
  });

  it('names a slug the model does not have, in Chinese', () => {
    providePortalInput({ model });
    expect(() => reportBySlug('2099-no-such-report')).toThrow(/找不到报告“2099-no-such-report”/);
  });

  it('opens no report of the portal process’s model to make its index', () => {
    const received = unpackModel(v8.deserialize(v8.serialize(packModel(model))));
    providePortalInput({ model: received });
    const last = received.reports.at(-1)!;
    expect(reportBySlug(last.slug)).toBe(last);
    expect(received.reports.filter(isOpened)).toEqual([]);
  });
});
