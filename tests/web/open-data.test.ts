/**
 * Open data: every row names its year, report and issuer; combined files per type and year and
 * per type across years; the data note; the JSON Schemas. Pure functions over the county samples
 * (many issuers and years), and the files as published in the run's shared build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataRow, ReportDataFile, TypeDataFile } from '../../src/schema/open-data.ts';
import { dataJsonSchemas } from '../../src/schema/json-schema.ts';
import { CSV_HEADER, reportCsv, reportData, typeCsv, typeData } from '../../src/web/export.ts';
import { dataNote, openDataFiles } from '../../src/web/open-data.ts';
import { portalPaths } from '../../src/web/urls.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { sampleModel } from './sample-model.ts';

/** RFC 4180 CSV (quoted fields with commas, quotes and line breaks), after the byte-order mark. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.slice(1);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

/** CSV rows as records keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('rows that say whose they are (county samples: many issuers and years)', () => {
  const model = sampleModel();
  const paths = portalPaths(model.site.basePath);

  it('gives every JSON row and every CSV row the year, type, report and issuer of its report', () => {
    for (const report of model.reports) {
      const data = ReportDataFile.parse(reportData(report));
      for (const row of data.metrics) {
        expect(row).toMatchObject({ year: report.meta.year, type: report.template.id, report: report.slug, issuer: report.issuer.name, issuerId: report.issuer.id, indexNumber: report.indexNumber });
      }
      const csv = records(reportCsv(report));
      expect(csv).toHaveLength(data.metrics.length);
      csv.forEach((r, i) => {
        expect([r['年度'], r['报告类型'], r['发布机构'], r['发布机构编号'], r['报告编号'], r['报告标题'], r['索引号'], r['指标编号']]).toEqual([
          String(report.meta.year),
          report.template.name,
          report.issuer.name,
          report.issuer.id,
          report.slug,
          report.meta.title,
          report.indexNumber,
          data.metrics[i]!.id,
        ]);
      });
    }
  });

  it('puts every report of a type and year in one file, and every year in another, rows unchanged', () => {
    for (const t of openDataFiles(model)) {
      const reportsOfType = model.reports.filter((r) => r.template.id === t.id);
      const all = TypeDataFile.parse(typeData(model.reports, t, null, paths.report));
      expect(all.year).toBeNull();
      expect(all.reports.map((r) => r.report)).toEqual(reportsOfType.map((r) => r.slug));
      expect(all.rows).toEqual(reportsOfType.flatMap((r) => reportData(r).metrics));
      const byYear = t.years.map((y) => TypeDataFile.parse(typeData(model.reports, t, y.year, paths.report)));
      expect(byYear.flatMap((f) => f.rows)).toEqual(all.rows.slice().sort((a, b) => b.year - a.year));
      for (const f of byYear) expect(new Set(f.rows.map((r) => r.year))).toEqual(new Set([f.year]));
      // The CSV of all years: the header once, then every report's rows.
      const csv = parseCsv(typeCsv(model.reports, t.id, null));
      expect(csv[0]).toEqual(CSV_HEADER);
      expect(csv.slice(1).map((r) => `${r[0]} ${r[4]} ${r[7]}`)).toEqual(all.rows.map((r) => `${r.year} ${r.report} ${r.id}`));
    }
    // The samples hold several years and issuers of 信息公开 reports: the combined file is more than one report.
    const xinxi = openDataFiles(model).find((t) => t.id === 'xinxi-gongkai')!;
    expect(xinxi.years.length).toBeGreaterThan(2);
    expect(new Set(typeData(model.reports, xinxi, 2022, paths.report).reports.map((r) => r.issuerId)).size).toBeGreaterThan(10);
  });
});

describe('the published data files (shared build under /fzzfjs/)', () => {
  let dist: string;
  const read = (rel: string) => readFileSync(path.join(dist, rel), 'utf8');
  beforeAll(async () => {
    dist = (await sharedBuild('fzzfjs')).dist;
  });

  it('writes per report, per type and year and per type across years; every file parses and every row says whose it is', () => {
    const files = readdirSync(path.join(dist, 'data'), { recursive: true, encoding: 'utf8' }).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'chenxi-2022-fazhi-zhengfu.json',
        'chenxi-sifaju-2022-xinxi-gongkai.csv',
        'fazhi-zhengfu/2022.csv',
        'fazhi-zhengfu/2022.json',
        'fazhi-zhengfu/all.csv',
        'fazhi-zhengfu/all.json',
        'xinxi-gongkai/2022.json',
        'xinxi-gongkai/all.csv',
        'README.txt',
        'index.html',
        'report-data.schema.json',
        'type-data.schema.json',
      ]),
    );
    for (const file of files.filter((f) => /\.(json|csv)$/.test(f) && !f.endsWith('.schema.json'))) {
      const text = read(path.join('data', file));
      if (file.endsWith('.csv')) {
        for (const r of records(text)) for (const col of ['年度', '报告编号', '发布机构', '发布机构编号']) expect(r[col], `${file} ${col}`).toMatch(/\S/);
      } else {
        const json = JSON.parse(text) as unknown;
        const rows = file.includes('/') ? TypeDataFile.parse(json).rows : ReportDataFile.parse(json).metrics;
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) DataRow.parse(r);
      }
    }
    const all = TypeDataFile.parse(JSON.parse(read('data/xinxi-gongkai/all.json')));
    expect(all.reports.map((r) => r.url)).toEqual(['/fzzfjs/reports/chenxi-sifaju-2022-xinxi-gongkai/']);
    expect(new Set(all.rows.map((r) => `${r.year} ${r.report} ${r.issuer}`))).toEqual(new Set(['2022 chenxi-sifaju-2022-xinxi-gongkai 辰溪县司法局']));
  });

  it('publishes the JSON Schemas generated from the zod schemas, the same as schema/', () => {
    for (const [name, schema] of Object.entries(dataJsonSchemas())) {
      expect(JSON.parse(read(`data/${name}`))).toEqual(JSON.parse(JSON.stringify(schema)));
      expect(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../schema', name), 'utf8')), 'run `npm run schema`').toEqual(JSON.parse(JSON.stringify(schema)));
    }
    const rowSchema = (JSON.parse(read('data/type-data.schema.json')) as { properties: { rows: { items: { required: string[]; properties: Record<string, { title: string }> } } } }).properties.rows.items;
    expect(rowSchema.required).toEqual(expect.arrayContaining(['year', 'report', 'issuer', 'issuerId', 'id', 'value']));
    expect(rowSchema.properties['issuer']!.title).toBe('发布机构');
  });

  it('explains the data in Chinese: terms of use, formats and every field, on a page and in README.txt, linking every file', () => {
    const readme = read('data/README.txt');
    expect(readme.startsWith('\uFEFF')).toBe(true);
    const page = read('data/index.html');
    for (const text of [readme, page]) {
      expect(text).toContain('使用条件');
      expect(text).toContain('注明来源“辰溪县人民政府办公室”');
      for (const column of CSV_HEADER) expect(text).toContain(column);
      for (const field of Object.keys(DataRow.shape)) expect(text).toContain(field);
      expect(text).toContain('UTF-8');
    }
    const links = new Set([...page.matchAll(/href="([^"]+)"/g)].map((m) => m[1]));
    const published = readdirSync(path.join(dist, 'data'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|json|txt)$/.test(f));
    for (const f of published) expect(links.has(`/fzzfjs/data/${f}`), f).toBe(true);
    // The note's own words for the fields come from the zod schema's descriptions.
    expect(dataNote(sampleModel()).jsonFields.find((f) => f.name === 'year')!.title).toBe('年度');
  });
});
