/**
 * The load cache replays exactly what a fresh load gives: the same model and the same diagnostics
 * (warnings and errors), and it never trusts an entry it did not write for these very inputs.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFingerprint } from '../../src/store/tool-fingerprint.ts';
import v8 from 'node:v8';
import { loadContent } from '../../src/content/index.ts';
import { unparsedJson } from '../../src/store/lazy-json.ts';
import { isEntryPart, type EntryPart } from '../../src/store/entry-part.ts';
import { OutputStore } from '../../src/store/cache-store.ts';
import { modelFileChunks, modelFromFile, packModel, unpackModel } from '../../src/build/portal-model.ts';
import { listFiles } from '../../src/store/files.ts';
import { REPO } from '../integrity/sample-project.ts';
import { FZ_2021, projectWithYears, replaceIn, XX_2022 } from './projects.ts';
import { checkContinuity } from '../../src/content/continuity.ts';
import type { ContentModel } from '../../src/content/index.ts';
import { BuildCache } from '../../src/build/cache.ts';
import { OUTPUT_FORMATS } from '../../src/formats/registry.ts';
import { editFile, pastFormatsProject } from '../helpers/past-formats.ts';
import { countyProject } from '../helpers/county-project.ts';

let project: string;
const cacheDir = () => path.join(project, '.cache/nianbao');
/**
 * Every load entry checked, and its stamp kept as a build keeps it once the entry has been left
 * alone for a moment (the clock passed in: nothing waits): the next load trusts them unread.
 */
function trustEntries(): void {
  const store = new OutputStore(cacheDir());
  for (const f of listFiles(path.join(cacheDir(), 'load'))) {
    const key = path.basename(f);
    if (/^[0-9a-f]{64}$/.test(key)) expect(store.get('load', key)).toBeDefined();
  }
  store.saveVerified(Date.now() + 60_000);
}
/** A fresh load, and a load from entries trusted by their stamps. */
function loadsWithTrustedEntries(): { fresh: Extract<ReturnType<typeof loadContent>, { ok: true }>; warm: Extract<ReturnType<typeof loadContent>, { ok: true }> } {
  const fresh = loadContent(project);
  loadContent(project, { cacheDir: cacheDir() });
  trustEntries();
  const warm = loadContent(project, { cacheDir: cacheDir() });
  if (!fresh.ok || !warm.ok) throw new Error('load failed');
  return { fresh, warm };
}
const plain = (r: ReturnType<typeof loadContent>) => JSON.parse(JSON.stringify(r.ok ? { model: r.model.reports, diagnostics: r.diagnostics } : r));

beforeAll(() => {
  project = projectWithYears('nianbao-load-cache-');
  // A lint warning (half-width comma in Chinese text), so there is something to replay.
  replaceIn(project, `content/reports/${FZ_2021}/02-maodun-jiufen.md`, '矛盾', '矛盾,纠纷');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the load cache', () => {
  it('gives the same model and the same diagnostics as a fresh load, cold and warm', () => {
    const fresh = loadContent(project);
    expect(fresh.ok && fresh.diagnostics.some((d) => d.severity === 'warning')).toBe(true);
    const cold = loadContent(project, { cacheDir: cacheDir() });
    const warm = loadContent(project, { cacheDir: cacheDir() });
    expect(cold.ok && cold.cache).toMatchObject({ hits: 0, misses: 4 });
    expect(warm.ok && warm.cache).toMatchObject({ hits: 4, misses: 0 });
    expect(plain(cold)).toEqual(plain(fresh));
    expect(plain(warm)).toEqual(plain(fresh));
  });

  it('keeps a cached report’s text, figures, rules and tables as JSON until they are read, in their place among its keys, and the packed model sends them unread', () => {
    const fresh = loadContent(project);
    loadContent(project, { cacheDir: cacheDir() });
    // Entries not yet trusted by their stamps: read whole and checked, their parts kept as bytes.
    rmSync(path.join(cacheDir(), 'load/verified.json'), { force: true });
    const warm = loadContent(project, { cacheDir: cacheDir() });
    if (!fresh.ok || !warm.ok) throw new Error('load failed');
    const [report] = warm.model.reports;
    const [original] = fresh.model.reports;
    for (const part of ['sections', 'metrics', 'rules', 'tables']) expect(unparsedJson(report!, part), part).toBeInstanceOf(Uint8Array);
    // (A key whose value is undefined is not kept, as before: JSON leaves it out.)
    expect(Object.keys(report!)).toEqual(Object.keys(JSON.parse(JSON.stringify(original))));
    // Sent to the portal's process as the text itself, and read there as the fresh load's values.
    const received = unpackModel(v8.deserialize(v8.serialize(packModel(warm.model))));
    expect(unparsedJson(report!, 'sections')).toBeDefined();
    expect(received.reports[0]!.sections).toEqual(original!.sections);
    expect(JSON.stringify(received.reports)).toBe(JSON.stringify(fresh.model.reports));
    // Through the model file: the unread parts' bytes after the model's structure, read there as views of the file.
    const chunks = modelFileChunks(packModel(warm.model));
    expect(chunks.length).toBe(2 + 4 * warm.model.reports.length);
    const fromFile = unpackModel(modelFromFile(Buffer.concat(chunks)));
    expect(JSON.stringify(fromFile.reports)).toBe(JSON.stringify(fresh.model.reports));
    expect(fromFile.site).toEqual(fresh.model.site);
    // Read: parsed once, the same object after; assigned: the new value.
    expect(report!.sections).toEqual(original!.sections);
    expect(report!.sections).toBe(report!.sections);
    expect(unparsedJson(report!, 'sections')).toBeUndefined();
    const rules = [...report!.rules];
    report!.rules = rules;
    expect(report!.rules).toBe(rules);
    expect(unparsedJson(report!, 'rules')).toBeUndefined();
    expect(JSON.stringify(warm.model.reports)).toBe(JSON.stringify(fresh.model.reports));
  });

  it('reads no more than the head of an entry trusted by its stamp: each part is read from the entry, and checked, where it is used, in this process or the portal’s', () => {
    const { fresh, warm } = loadsWithTrustedEntries();
    expect(warm.cache).toMatchObject({ hits: 4, misses: 0 });
    // Where each part lies (the entry's file, offset, length, digest), not its bytes.
    for (const report of warm.model.reports)
      for (const part of ['sections', 'metrics', 'rules', 'tables']) {
        const text = unparsedJson(report, part);
        expect(isEntryPart(text), `${report.slug} ${part}`).toBe(true);
        expect(path.dirname(path.dirname((text as EntryPart).file))).toBe(path.join(cacheDir(), 'load'));
      }
    // The model file holds no part's bytes: the portal's process reads the parts it uses from the entries.
    const chunks = modelFileChunks(packModel(warm.model));
    expect(chunks).toHaveLength(2);
    const fromFile = unpackModel(modelFromFile(Buffer.concat(chunks)));
    expect(JSON.stringify(fromFile.reports)).toBe(JSON.stringify(fresh.model.reports));
    expect(JSON.stringify(unpackModel(v8.deserialize(v8.serialize(packModel(warm.model)))).reports)).toBe(JSON.stringify(fresh.model.reports));
    expect(JSON.stringify(warm.model.reports)).toBe(JSON.stringify(fresh.model.reports));
  });

  it('stops with a Chinese message when an entry changed or went after its head was read, and the next load makes it again', () => {
    const { fresh, warm } = loadsWithTrustedEntries();
    const [first, second] = warm.model.reports;
    // One entry's text changed in place, its length kept (a byte of the sections' JSON); another removed.
    const changed = unparsedJson(first!, 'sections') as EntryPart;
    const bytes = readFileSync(changed.file);
    const at = bytes.indexOf('"', changed.at + 2);
    expect(at).toBeGreaterThan(changed.at);
    bytes[at + 1] = bytes[at + 1] === 0x41 ? 0x42 : 0x41;
    writeFileSync(changed.file, bytes);
    const removed = unparsedJson(second!, 'metrics') as EntryPart;
    rmSync(removed.file);
    for (const read of [() => first!.sections, () => second!.metrics]) expect(read).toThrow(/^缓存文件 .+ 在这次构建读取之后被改动或删除.*请重新运行 nianbao build/);
    // The next load checks the changed entry whole (its stamp moved), finds it damaged, and loads both reports afresh.
    const again = loadContent(project, { cacheDir: cacheDir() });
    expect(again.ok && again.cache).toMatchObject({ hits: 2, misses: 2 });
    expect(plain(again)).toEqual(plain(fresh));
  });

  it('replays errors: a broken report fails the same way from the cache', () => {
    replaceIn(project, `content/reports/${XX_2022}/report.yaml`, 'year: 2022', 'year: 二〇二二');
    const fresh = loadContent(project);
    expect(fresh.ok).toBe(false);
    loadContent(project, { cacheDir: cacheDir() });
    const warm = loadContent(project, { cacheDir: cacheDir() });
    expect(warm.ok).toBe(false);
    expect(warm.diagnostics).toEqual(fresh.diagnostics);
    replaceIn(project, `content/reports/${XX_2022}/report.yaml`, 'year: 二〇二二', 'year: 2022');
  });

  it('reads a changed site.yaml setting into every report (the lint level of a rule)', () => {
    const site = path.join(project, 'content/site.yaml');
    const original = readFileSync(site, 'utf8');
    writeFileSync(site, `${original}\nlint:\n  levels:\n    lint.halfwidth-punctuation: off\n`);
    const fresh = loadContent(project);
    const cached = loadContent(project, { cacheDir: cacheDir() });
    expect(cached.ok && cached.cache!.misses).toBe(4);
    expect(plain(cached)).toEqual(plain(fresh));
    expect(fresh.diagnostics.some((d) => d.rule === 'lint.halfwidth-punctuation')).toBe(false);
    writeFileSync(site, original);
  });

  it('treats entries with another key or damaged bytes as absent', () => {
    const fresh = loadContent(project);
    loadContent(project, { cacheDir: cacheDir() });
    const dir = path.join(cacheDir(), 'load');
    const files = listFiles(dir);
    for (const [i, f] of files.filter((x) => !x.endsWith('.json')).entries()) {
      writeFileSync(path.join(dir, f), i % 2 ? '{"format":"nianbao-load/1"' : JSON.stringify({ format: 'nianbao-load/1', key: 'x', diagnostics: [] }));
    }
    const again = loadContent(project, { cacheDir: cacheDir() });
    expect(again.ok && again.cache).toMatchObject({ hits: 0, misses: 4 });
    expect(plain(again)).toEqual(plain(fresh));
  });
});

/** Reports of a load whose figures were read (parsed from the cache entry). */
const figuresRead = (r: ReturnType<typeof loadContent>) => (r.ok ? r.model.reports.filter((x) => unparsedJson(x, 'metrics') === undefined).map((x) => x.slug) : []);
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the checks across reports, from the cache', () => {
  it('compare years by the values kept in the entries, reading no report’s figures, and find the same mismatches', () => {
    const dir = pastFormatsProject(made);
    const cache = path.join(dir, '.cache/nianbao');
    loadContent(dir, { cacheDir: cache });
    const warm = loadContent(dir, { cacheDir: cache });
    if (!warm.ok) throw new Error('load failed');
    expect(warm.cache?.misses).toBe(0);
    // The years were compared (2022 with 2021, 2021 with 2020 through the bridges), from the values alone.
    expect(checkContinuity(warm.model.reports).checked.length).toBeGreaterThanOrEqual(15);
    expect(figuresRead(warm)).toEqual([]);
    // The keys of the prints that compare with last year: the same from the cache as from a fresh load, without reading it.
    const fresh = loadContent(dir);
    if (!fresh.ok) throw new Error('load failed');
    const keys = (model: ContentModel) => {
      const cacheOf = new BuildCache(path.join(dir, 'keys'), model);
      return model.reports.flatMap((r) => OUTPUT_FORMATS.filter((f) => f.cacheInputs.previousReport).map((f) => `${f.id} ${r.slug} ${cacheOf.outputKey(f, r)}`));
    };
    expect(keys(warm.model)).toEqual(keys(fresh.model));
    expect(figuresRead(warm)).toEqual([]);
    // A mismatch: 上年结转 (自然人) 2 → 3 in 2022. The cached load names the same cells, files, lines and values.
    editFile(
      path.join(dir, 'content/reports/chenxi-sifaju-2022-xinxi-gongkai/03-shenqing-chuli.md'),
      'xinshou: [36, 3, 0, 0, 2, 1, 42]\n    jiezhuan: [2, 0, 0, 0, 0, 0, 2]',
      'xinshou: [35, 3, 0, 0, 2, 1, 41]\n    jiezhuan: [3, 0, 0, 0, 0, 0, 3]',
    );
    const broken = loadContent(dir);
    loadContent(dir, { cacheDir: cache });
    const cached = loadContent(dir, { cacheDir: cache });
    // The unchanged reports from the cache, the edited one read afresh: the check reads the figures of both.
    expect(cached.ok).toBe(false);
    const continuity = (r: ReturnType<typeof loadContent>) => r.diagnostics.filter((d) => d.rule === 'continuity');
    expect(continuity(broken)).toHaveLength(2);
    expect(continuity(cached)).toEqual(continuity(broken));
  });

  it('sum a county’s departments by the values kept in their entries, reading only the county report’s figures', () => {
    const dir = countyProject();
    made.push(dir);
    const cache = path.join(dir, '.cache/nianbao');
    const fresh = loadContent(dir);
    loadContent(dir, { cacheDir: cache });
    const warm = loadContent(dir, { cacheDir: cache });
    if (!fresh.ok || !warm.ok) throw new Error('load failed');
    const rolled = (r: typeof warm) => r.model.reports.filter((x) => x.rollups.length).map((x) => [x.slug, x.rollups]);
    expect(rolled(warm)).toEqual(rolled(fresh));
    expect(rolled(warm)).toHaveLength(1);
    const [county] = rolled(warm)[0]!;
    expect(figuresRead(warm)).toEqual([county]);
  });
});

describe('the tool fingerprint in every key', () => {
  it('changes when a file of nianbao’s code or templates changes', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'nianbao-code-'));
    try {
      for (const f of ['package.json', 'astro.config.mjs']) cpSync(path.join(REPO, f), path.join(copy, f));
      mkdirSync(path.join(copy, 'src/docx'), { recursive: true });
      writeFileSync(path.join(copy, 'src/docx/render.ts'), 'export const a = 1;\n');
      cpSync(path.join(REPO, 'templates'), path.join(copy, 'templates'), { recursive: true });
      const before = codeFingerprint(copy);
      expect(codeFingerprint(copy)).toBe(before);
      writeFileSync(path.join(copy, 'src/docx/render.ts'), 'export const a = 2;\n');
      const afterCode = codeFingerprint(copy);
      expect(afterCode).not.toBe(before);
      replaceIn(copy, 'templates/fazhi-zhengfu/2019/template.yaml', '每年4月1日之前', '每年四月一日之前');
      expect(codeFingerprint(copy)).not.toBe(afterCode);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
