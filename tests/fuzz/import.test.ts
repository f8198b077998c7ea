/**
 * importReport on random documents (outlines with nasty lines, random bytes, GBK and UTF-16,
 * odd file names) and random --slug values: it fails only with an ImportError in Chinese, and
 * writes nothing but content/reports/<slug>/, never outside the project.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { importReport } from '../../src/import/import-report.ts';
import { ImportError } from '../../src/import/import-error.ts';
import { BASE } from '../helpers/content-fixtures.ts';
import { treeSnapshot } from '../helpers/tree-snapshot.ts';
import { fuzzParameters, fuzzTimeout, nastyText, scaled } from './fuzz-settings.ts';

// sandbox/a/b/project: `../../x` from content/reports/ would land in the sandbox, where it is seen.
const sandbox = mkdtempSync(path.join(tmpdir(), 'nianbao-fuzz-import-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const project = path.join(sandbox, 'a', 'b', 'project');
mkdirSync(path.join(project, 'content', 'reports'), { recursive: true });
// Only site.yaml: the check after each import then reads just the imported report.
cpSync(path.join(BASE, 'content', 'site.yaml'), path.join(project, 'content', 'site.yaml'));
const sources = path.join(sandbox, 'sources');
mkdirSync(sources);

const heading = fc.constantFrom('一、', '二、', '三、', '（一）', '（二）', '1.', '（1）', '四、', '');
const outline = fc
  .record({
    title: fc.oneof(fc.constant('某县2022年政府信息公开工作年度报告'), fc.constant('某县司法局2022年法治政府建设年度报告'), nastyText(6)),
    lines: fc.array(fc.tuple(heading, nastyText(8)), { minLength: 1, maxLength: 12 }),
  })
  .map(({ title, lines }) => [title, '一、总体情况', ...lines.map(([h, t]) => h + t)].join('\n'));
const document = fc.oneof(
  { arbitrary: outline.map((t) => ({ ext: '.txt', bytes: Buffer.from(t, 'utf8') })), weight: 4 },
  outline.map((t) => ({ ext: '.html', bytes: Buffer.from(`<html><body>${t.split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>`, 'utf8') })),
  outline.map((t) => ({ ext: '.txt', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]) })),
  fc.uint8Array({ maxLength: 200 }).map((a) => ({ ext: '.txt', bytes: Buffer.from(a) })),
  fc.uint8Array({ maxLength: 200 }).map((a) => ({ ext: '.docx', bytes: Buffer.from(a) })),
);
const fileName = fc.constantFrom('baogao', 'a b', '中文', '..x', '.hidden', 'x.y');
const slug = fc.option(
  fc.oneof(
    { arbitrary: fc.constant('mouxian-2022'), weight: 3 },
    fc.constantFrom('mouxian-2022', '../../x', '..\\..\\x', '/tmp/nianbao-fuzz-x', 'a b', '中文', '.hidden', 'reports', '..', '.'),
    fc.stringMatching(/^[a-z0-9-]{1,12}$/),
    fc.string({ maxLength: 10 }),
  ),
  { nil: undefined, freq: 2 },
);

let n = 0;
let written = 0;
describe('fuzz: importReport', () => {
  const runs = 150;
  it(`fails only with ImportError and writes only content/reports/<slug>/ (${scaled(runs)} runs)`, { timeout: fuzzTimeout(runs, 300) }, async () => {
    await fc.assert(
      fc.asyncProperty(document, fileName, slug, async (doc, name, s) => {
        const file = path.join(sources, `${n++}-${name}${doc.ext}`);
        writeFileSync(file, doc.bytes);
        const before = treeSnapshot(sandbox);
        let dir: string | undefined;
        try {
          dir = (await importReport(file, { project, slug: s })).dir;
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
          expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
        }
        if (dir !== undefined) {
          written++;
          expect(path.dirname(dir)).toBe(path.join(project, 'content', 'reports'));
          rmSync(dir, { recursive: true });
        }
        expect(treeSnapshot(sandbox)).toEqual(before);
        rmSync(file);
      }),
      fuzzParameters(runs),
    );
    // The property is about writes: make sure the documents drawn did get imported, not only refused.
    if (!process.env.NIANBAO_FUZZ_PATH) expect(written).toBeGreaterThan(scaled(runs) / 10);
  });
});
