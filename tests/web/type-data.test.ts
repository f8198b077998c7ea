/**
 * The combined data files (src/web/type-data.ts), written by the build from each report's parts:
 * the same bytes as the whole-file functions of export.ts, and an incremental build's years read
 * back from their files make the same all-years files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContentModel } from '../../src/content/index.ts';
import { typeCsv, typeData, typeJson } from '../../src/web/export.ts';
import { openDataFiles } from '../../src/web/open-data.ts';
import { partsOfFiles, typeDataFile, writeTypeDataFiles } from '../../src/web/type-data.ts';
import { portalPaths } from '../../src/web/urls.ts';
import { sampleModel } from './sample-model.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nianbao-type-data-'));
  dirs.push(d);
  return d;
};

/** Every combined file of the model by its site path, as export.ts's whole-file functions make it. */
function expected(model: ContentModel): Map<string, string> {
  const paths = portalPaths(model.site.basePath);
  const files = new Map<string, string>();
  for (const t of openDataFiles(model)) {
    for (const year of [...t.years.map((y) => y.year), null]) {
      const name = year ?? 'all';
      files.set(paths.typeData(t.id, name, 'json').slice(paths.base.length), typeJson(typeData(model.reports, { id: t.id, name: t.name }, year, paths.report)));
      files.set(paths.typeData(t.id, name, 'csv').slice(paths.base.length), typeCsv(model.reports, t.id, year));
    }
  }
  return files;
}

/** The samples with one year of 信息公开 reports left without figures: its files have empty arrays and no CSV lines. */
function withEmptyYear(model: ContentModel): ContentModel {
  const copy = structuredClone(model);
  for (const r of copy.reports) if (r.template.id === 'xinxi-gongkai' && r.meta.year === 2020) for (const s of r.sections) s.metricIds = [];
  return copy;
}

describe('the combined data files', () => {
  for (const [name, model] of [['samples', sampleModel()], ['a year without figures', withEmptyYear(sampleModel())]] as const) {
    it(`are written with the bytes of the whole-file functions (${name})`, () => {
      const dir = tempDir();
      const done = writeTypeDataFiles(dir, model);
      const files = expected(model);
      expect(files.size).toBeGreaterThan(10);
      for (const [rel, text] of files) expect(readFileSync(path.join(dir, rel), 'utf8'), rel).toBe(text);
      expect(done.made.length).toBe(files.size / 2 - openDataFiles(model).length);
      // The live preview's endpoint gives the same bytes.
      const paths = portalPaths(model.site.basePath);
      for (const t of openDataFiles(model)) {
        expect(typeDataFile(model, t.id, 'all', 'json').toString()).toBe(files.get(paths.typeData(t.id, 'all', 'json').slice(paths.base.length)));
        expect(typeDataFile(model, t.id, t.years[0]!.year, 'csv').toString()).toBe(files.get(paths.typeData(t.id, t.years[0]!.year, 'csv').slice(paths.base.length)));
      }
    });

    it(`make the same all-years files from years read back from their files (${name})`, () => {
      const first = tempDir();
      writeTypeDataFiles(first, model);
      const paths = portalPaths(model.site.basePath);
      const rel = (type: string, year: number, ext: 'json' | 'csv') => path.join(first, paths.typeData(type, year, ext).slice(paths.base.length));
      const second = tempDir();
      const done = writeTypeDataFiles(second, model, (type, year) => partsOfFiles(readFileSync(rel(type, year, 'json')), readFileSync(rel(type, year, 'csv'))));
      expect(done.made).toEqual([]);
      for (const t of openDataFiles(model)) {
        for (const ext of ['json', 'csv'] as const) {
          const all = paths.typeData(t.id, 'all', ext).slice(paths.base.length);
          expect(readFileSync(path.join(second, all), 'utf8'), all).toBe(expected(model).get(all));
        }
      }
    });
  }

  it('reads back only files in the shape it writes', () => {
    const model = sampleModel();
    const dir = tempDir();
    writeTypeDataFiles(dir, model);
    const paths = portalPaths(model.site.basePath);
    const json = readFileSync(path.join(dir, paths.typeData('xinxi-gongkai', 2022, 'json').slice(paths.base.length)));
    const csv = readFileSync(path.join(dir, paths.typeData('xinxi-gongkai', 2022, 'csv').slice(paths.base.length)));
    expect(partsOfFiles(json, csv)).toBeDefined();
    // The same data, written otherwise (by another tool, or by hand), is not taken apart.
    expect(partsOfFiles(Buffer.from(JSON.stringify(JSON.parse(json.toString()))), csv)).toBeUndefined();
    expect(partsOfFiles(json, Buffer.from(csv.toString().replace(/^\uFEFF/, '')))).toBeUndefined();
  });
});
