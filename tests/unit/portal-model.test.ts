/**
 * The model as the portal's process receives it (src/build/portal-model.ts): after the trip through
 * the process channel's serialization, a page reads the same values, the same keys in the same
 * order, and the same shared templates and issuers; a report's bulky parts are taken apart only
 * when one of them is read, and the lists of series read none of them.
 */
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { ContentModel } from '../../src/content/index.ts';
import { isOpened, packModel, unpackModel } from '../../src/build/portal-model.ts';
import { typeHistory } from '../../src/web/years.ts';
import { reportTypes } from '../../src/web/catalogue.ts';
import { sampleModel } from '../web/sample-model.ts';

/** As child_process sends a message with `serialization: 'advanced'`. */
const sent = (model: ContentModel) => unpackModel(v8.deserialize(v8.serialize(packModel(model))));

describe('the portal’s model', () => {
  const model = sampleModel();

  it('reads as the build’s model: values, key order, shared objects', () => {
    const received = sent(model);
    expect(received.reports.length).toBeGreaterThan(10);
    expect(received).toEqual(model);
    expect(JSON.stringify(received)).toBe(JSON.stringify(model));
    for (const [i, report] of received.reports.entries()) expect(Object.keys(report)).toEqual(Object.keys(model.reports[i]!));
    // Reports of one template share it, and their issuer is the model's, as in the build.
    const [a, b] = received.reports.filter((r) => r.template.id === received.reports[0]!.template.id);
    expect(a!.template).toBe(b!.template);
    expect(received.issuers).toContain(received.reports[0]!.issuer);
  });

  it('takes a report’s text and figures apart only when they are read', () => {
    const received = sent(model);
    // The catalogue's view, and every series listed: metadata only.
    for (const r of received.reports) void [r.slug, r.meta.title, r.issuer.name, r.template.id, r.indexNumber];
    for (const t of reportTypes(received)) for (const s of typeHistory(received, t.id)) void [s.organ, s.years, s.reports.length];
    expect(received.reports.filter(isOpened)).toEqual([]);
    const [first, second] = received.reports;
    expect(first!.sections[0]!.title).toBe(model.reports[0]!.sections[0]!.title);
    expect(received.reports.filter(isOpened)).toEqual([first]);
    // Read again, the same objects; assigned, the new value.
    expect(first!.metrics).toBe(first!.metrics);
    const metrics = { ...second!.metrics };
    second!.metrics = metrics;
    expect(second!.metrics).toBe(metrics);
    expect(second!.sections).toEqual(model.reports[1]!.sections);
  });

  it('gives a series’ figures by row when the series page asks for them', () => {
    const received = sent(model);
    const type = reportTypes(received)[0]!.id;
    const series = typeHistory(received, type).find((s) => s.reports.length > 1) ?? typeHistory(received, type)[0]!;
    expect(series.groups).toEqual(typeHistory(model, type).find((s) => s.issuerId === series.issuerId)!.groups);
    expect(series.reports.every(isOpened)).toBe(true);
  });
});
