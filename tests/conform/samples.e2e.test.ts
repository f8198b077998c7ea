/**
 * `nianbao conform` on nianbao's own two 辰溪 samples as `nianbao build` publishes them (the public
 * copy: no 版头, no 版记): the DOCX read in its XML and as LibreOffice lays it out, the PDF as
 * Chromium printed it. Every rule that applies passes, except the non-conformances listed in
 * KNOWN, which are the filing-copy work of issue 16 (typesetting of last lines and table cells).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conformFile, type ConformReport } from '../../src/conform/conform.ts';
import { classifyFace } from '../../src/conform/faces.ts';
import { formatReport } from '../../src/conform/format.ts';
import { installedFamily } from '../../src/conform/libreoffice.ts';
import { TWO_SAMPLES } from '../integrity/sample-project.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

/**
 * Measured non-conformances of today's renderers, by file and rule: a paragraph whose last line
 * holds one character and its stop (the PDFs: “条。”, “件。”), and the 信息公开 DOCX's narrow table
 * label columns, which LibreOffice breaks one character a line (lines that start with 、 or ）).
 */
const KNOWN: Record<string, string[]> = {
  'chenxi-2022-fazhi-zhengfu.pdf': ['lone-char'],
  'chenxi-sifaju-2022-xinxi-gongkai.pdf': ['lone-char'],
  'chenxi-sifaju-2022-xinxi-gongkai.docx': ['line-start', 'line-end', 'lone-char'],
};

/** Rules about parts a public copy does not have. */
const ABSENT = ['issuer-mark', 'red-rule', 'doc-number', 'attachments', 'colophon'];

const files = TWO_SAMPLES.flatMap((slug) => [`${slug}.docx`, `${slug}.pdf`]);
const reports = new Map<string, ConformReport>();
let downloads: string;

beforeAll(async () => {
  downloads = path.join((await sharedBuild('ndbg')).dist, 'downloads');
  // The DOCX files are laid out by LibreOffice inside conform, side by side.
  await Promise.all(files.map(async (f) => reports.set(f, await conformFile(path.join(downloads, f)))));
});

describe.each(files)('%s', (file) => {
  const report = () => reports.get(file)!;
  const rule = (id: string) => report().results.find((r) => r.id === id)!;

  it('passes every rule that applies, but for the known non-conformances', () => {
    expect(existsSync(path.join(downloads, file))).toBe(true);
    const failed = report().results.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(failed.filter((id) => !(KNOWN[file] ?? []).includes(id)), formatReport(report())).toEqual([]);
  });

  it('measures the page, the grid and the faces, and finds no 版头, 版记 or 发文字号 in the public copy', () => {
    for (const id of ['page-size', 'margin-top', 'margin-left', 'type-area', 'line-pitch', 'lines-per-page', 'chars-per-line', 'body-font', 'body-indent', 'heading-1', 'title', 'title-position', 'page-number-form', 'page-number-position', 'page-number-distance', 'dates', 'line-start', 'line-end']) {
      expect(['pass', 'warn', 'fail'], `${id}: ${rule(id).measured}`).toContain(rule(id).status);
    }
    for (const id of ABSENT) expect(rule(id).status, id).toBe('na');
    expect(rule('lines-per-page').measured).toMatch(/^22 行/);
    expect(rule('chars-per-line').measured).toMatch(/^28 字/);
    expect(rule('dates').measured).toMatch(/成文日期“2023年1月\d+日”/);
    if (file.endsWith('.docx')) {
      expect(report().measuredFrom).toContain('LibreOffice');
      expect(rule('page-size').measured).toMatch(/XML：210 × 297 mm；排版后：210 × 297 mm/);
      expect(rule('body-font').measured).toContain('仿宋_GB2312');
    } else {
      // The PDF's faces are free stand-ins: a note, not a failure, without --strict.
      expect(rule('fonts').status).toBe('warn');
    }
  });
});

it('fails the face rule with --strict when the official faces a DOCX names are not on this machine', async () => {
  // The short report of the fixtures, with the rendering LibreOffice made of it.
  const base = path.join(import.meta.dirname, '../fixtures/conform/base');
  const strict = await conformFile(`${base}.docx`, { strict: true, rendered: `${base}.pdf` });
  const missing = ['仿宋_GB2312', '黑体', '楷体_GB2312', '方正小标宋简体'].filter((n) => classifyFace(n).official && !installedFamily(n));
  const fonts = strict.results.find((r) => r.id === 'fonts')!;
  expect(fonts.status).toBe(missing.length ? 'fail' : 'pass');
  for (const face of missing) expect(fonts.measured).toContain(face);
  const normal = reports.get(`${TWO_SAMPLES[0]}.docx`)!;
  expect(normal.results.find((r) => r.id === 'fonts')!.status).toBe(missing.length ? 'warn' : 'pass');
});
