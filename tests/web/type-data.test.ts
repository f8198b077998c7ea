/**
 * The combined data files (src/web/type-data.ts), written by the build from each report's parts:
 * the same bytes as the whole-file functions of export.ts, and an incremental build's years read
 * back from their files make the same all-years files.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
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
    it(`are written with the bytes of the whole-file functions (${name})`, async () => {
      const dir = tempDir();
      const done = await writeTypeDataFiles(dir, model);
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

    it(`make the same all-years files from years read back from their files (${name})`, async () => {
      const first = tempDir();
      await writeTypeDataFiles(first, model);
      const paths = portalPaths(model.site.basePath);
      const rel = (type: string, year: number, ext: 'json' | 'csv') => path.join(first, paths.typeData(type, year, ext).slice(paths.base.length));
      const second = tempDir();
      const done = await writeTypeDataFiles(second, model, (type, year) => () => partsOfFiles(readFileSync(rel(type, year, 'json')), readFileSync(rel(type, year, 'csv'))));
      expect(done.made).toEqual([]);
      for (const t of openDataFiles(model)) {
        for (const ext of ['json', 'csv'] as const) {
          const all = paths.typeData(t.id, 'all', ext).slice(paths.base.length);
          expect(readFileSync(path.join(second, all), 'utf8'), all).toBe(expected(model).get(all));
        }
      }
    });
  }

  it('gives the digest of each file it writes, and leaves a type’s all-years files to reuseAll only when every year was put back', async () => {
    const model = sampleModel();
    const paths = portalPaths(model.site.basePath);
    const first = tempDir();
    const done = await writeTypeDataFiles(first, model);
    expect(done.written.length).toBe(expected(model).size);
    for (const w of done.written) expect(w).toEqual({ file: w.file, size: statSync(w.file).size, sha256: createHash('sha256').update(readFileSync(w.file)).digest('hex') });
    const rel = (type: string, year: number | 'all', ext: 'json' | 'csv') => paths.typeData(type, year, ext).slice(paths.base.length);
    const fromFirst = (type: string, year: number) => partsOfFiles(readFileSync(path.join(first, rel(type, year, 'json'))), readFileSync(path.join(first, rel(type, year, 'csv'))));
    const types = openDataFiles(model);
    const [changed, ...others] = types;
    expect(changed && others.length).toBeTruthy();
    // Every year of every type put back but one year of the first type: only the other types' all-years files are offered.
    const asked: { type: string; years: readonly number[] }[] = [];
    const readBack: string[] = [];
    const second = tempDir();
    const again = await writeTypeDataFiles(
      second,
      model,
      (type, year) => (type === changed!.id && year === changed!.years[0]!.year ? undefined : () => (readBack.push(type), fromFirst(type, year))),
      (type, years) => (asked.push({ type, years }), true),
    );
    expect(asked).toEqual(others.map((t) => ({ type: t.id, years: t.years.map((y) => y.year) })));
    // Only the changed type's other years are read back (for its all-years files); the other types' years are not read at all.
    expect(readBack).toEqual(changed!.years.slice(1).map(() => changed!.id));
    // Taken: not written (reuseAll puts them in place itself); the changed type's are written, with the same bytes as a whole build.
    for (const t of others) expect(existsSync(path.join(second, rel(t.id, 'all', 'json')))).toBe(false);
    expect(readFileSync(path.join(second, rel(changed!.id, 'all', 'json')), 'utf8')).toBe(expected(model).get(rel(changed!.id, 'all', 'json')));
    expect(again.written.map((w) => path.relative(second, w.file)).sort()).toEqual(
      [rel(changed!.id, changed!.years[0]!.year, 'json'), rel(changed!.id, changed!.years[0]!.year, 'csv'), rel(changed!.id, 'all', 'json'), rel(changed!.id, 'all', 'csv')].sort(),
    );
    // Declined: written.
    const third = tempDir();
    await writeTypeDataFiles(third, model, (type, year) => () => fromFirst(type, year), () => false);
    for (const t of types) expect(readFileSync(path.join(third, rel(t.id, 'all', 'csv')), 'utf8')).toBe(expected(model).get(rel(t.id, 'all', 'csv')));
    // A year put back whose files cannot be taken apart: its parts are made from the model, to the same bytes.
    const fourth = tempDir();
    await writeTypeDataFiles(fourth, model, () => () => undefined, () => false);
    for (const t of types) for (const ext of ['json', 'csv'] as const) expect(readFileSync(path.join(fourth, rel(t.id, 'all', ext)), 'utf8')).toBe(expected(model).get(rel(t.id, 'all', ext)));
  });

  it('reads back only files in the shape it writes', async () => {
    const model = sampleModel();
    const dir = tempDir();
    await writeTypeDataFiles(dir, model);
    const paths = portalPaths(model.site.basePath);
    const json = readFileSync(path.join(dir, paths.typeData('xinxi-gongkai', 2022, 'json').slice(paths.base.length)));
    const csv = readFileSync(path.join(dir, paths.typeData('xinxi-gongkai', 2022, 'csv').slice(paths.base.length)));
    expect(partsOfFiles(json, csv)).toBeDefined();
    // The same data, written otherwise (by another tool, or by hand), is not taken apart.
    expect(partsOfFiles(Buffer.from(JSON.stringify(JSON.parse(json.toString()))), csv)).toBeUndefined();
    expect(partsOfFiles(json, Buffer.from(csv.toString().replace(/^\uFEFF/, '')))).toBeUndefined();
  });
});
