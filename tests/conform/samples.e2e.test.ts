/**
 * `nianbao conform` on nianbao's own two 辰溪 samples as `nianbao build --form filing` makes them:
 * the public copy (no 版头, no 版记) and the filing copy (备案件, with 版头 and 版记), each as DOCX
 * (read in its XML and as LibreOffice lays it out) and as PDF (as Chromium printed it). Every rule
 * that applies passes: no known failures, no lone characters on a paragraph's last line, no table
 * label stacked one character a line.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conformFile, type ConformReport } from '../../src/conform/conform.ts';
import { classifyFace } from '../../src/conform/faces.ts';
import { formatReport } from '../../src/conform/format.ts';
import { convertWithLibreOffice, installedFamily } from '../../src/conform/libreoffice.ts';
import { analyse } from '../../src/conform/layout.ts';
import { readPdf, type Line, type PdfLayout } from '../../src/conform/pdf-read.ts';
import { TWO_SAMPLES } from '../integrity/sample-project.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

/** The parts of a filing copy that a public copy does not have. */
const FILING_ONLY = ['issuer-mark', 'red-rule', 'doc-number', 'colophon'];

const filing = (file: string) => file.includes('-beian.');
const files = TWO_SAMPLES.flatMap((slug) => [`${slug}.docx`, `${slug}.pdf`, `${slug}-beian.docx`, `${slug}-beian.pdf`]);
const reports = new Map<string, ConformReport>();
/** The pages as printed: the PDF itself, or LibreOffice's rendering of the DOCX. */
const printed = new Map<string, string>();
let downloads: string;
/** Each file's printed pages read once, for the tests that measure them (they only read the layout). */
const layouts = new Map<string, Promise<PdfLayout>>();
const layoutOf = (file: string) => {
  if (!layouts.has(file)) layouts.set(file, readPdf(printed.get(file)!));
  return layouts.get(file)!;
};

/**
 * Table labels stacked one character a line: three or more single characters (or marks), each
 * alone on its line in its cell, one under the other at the same x, on consecutive lines.
 */
function stackedLabels(layout: PdfLayout): string[] {
  const single = /^[\p{Script=Han}\p{P}]$/u;
  const found: string[] = [];
  for (const page of layout.pages) {
    // A character standing alone in its cell (a justified line of text is drawn a character at a time, each touching the next).
    const all = page.lines.flatMap((l) => l.runs);
    const alone = (r: (typeof all)[number]) => !all.some((o) => o !== r && Math.abs(o.baseline - r.baseline) < 1 && o.xEnd > r.x - r.size / 2 && o.x < r.xEnd + r.size / 2);
    const runs = all.filter((r) => single.test(r.text.trim()) && alone(r)).sort((a, b) => a.x - b.x || a.baseline - b.baseline);
    let stack: typeof runs = [];
    const end = () => {
      if (stack.length >= 3) found.push(`第 ${page.number} 页“${stack.map((r) => r.text.trim()).join('/')}”`);
    };
    for (const r of runs) {
      const last = stack[stack.length - 1];
      if (last && Math.abs(r.x - last.x) < 1.5 && r.baseline > last.baseline && r.baseline - last.baseline < r.size * 2) stack.push(r);
      else {
        end();
        stack = [r];
      }
    }
    end();
  }
  return found;
}

beforeAll(async () => {
  downloads = path.join((await sharedBuild('ndbg')).dist, 'downloads');
  // All four Word files laid out by one LibreOffice run, then measured.
  const docx = files.filter((f) => f.endsWith('.docx'));
  const { outputs, log } = await convertWithLibreOffice(
    docx.map((f) => path.join(downloads, f)),
    mkdtempSync(path.join(tmpdir(), 'nianbao-conform-samples-')),
  );
  await Promise.all(
    files.map(async (f) => {
      const rendered = f.endsWith('.docx') ? outputs[docx.indexOf(f)] : undefined;
      if (f.endsWith('.docx') && !rendered) throw new Error(`LibreOffice did not lay out ${f}:\n${log}`);
      printed.set(f, rendered ?? path.join(downloads, f));
      reports.set(f, await conformFile(path.join(downloads, f), { rendered }));
    }),
  );
});

/**
 * Widows and orphans: a paragraph's last line alone at the top of a page (the line before it, on
 * the page before, is full; it is not), or its first line alone at the foot of a page (indented
 * two characters, and the next page's first line runs on from it).
 */
function widowsAndOrphans(layout: PdfLayout): string[] {
  const a = analyse(layout);
  if (a.left === undefined || a.right === undefined) return ['版心找不到'];
  const lines = a.bodyLines.concat(a.headings.map((h) => h.line)).sort((p, q) => p.page - q.page || p.baseline - q.baseline);
  const full = (l: Line) => l.xEnd >= a.right! - l.size * 0.7;
  const flush = (l: Line) => Math.abs(l.x - a.left!) < 2;
  const found: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [prev, l] = [lines[i - 1]!, lines[i]!];
    if (l.page !== prev.page + 1 || !flush(l) || !full(prev)) continue;
    if (!full(l)) found.push(`第 ${l.page} 页页首“${l.text}”`);
    if (Math.abs(prev.x - a.left! - 2 * prev.size) < 3) found.push(`第 ${prev.page} 页页末“${prev.text}”`);
  }
  return found;
}

describe.each(files)('%s', (file) => {
  const report = () => reports.get(file)!;
  const rule = (id: string) => report().results.find((r) => r.id === id)!;

  it('passes every rule that applies', () => {
    expect(existsSync(path.join(downloads, file))).toBe(true);
    const failed = report().results.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(failed, formatReport(report())).toEqual([]);
    // Measured, not skipped: the typesetting rules saw lines.
    for (const id of ['lone-char', 'line-start', 'line-end']) expect(rule(id).status, id).toBe('pass');
    expect(rule('lone-char').measured).toBe('没有');
  });

  it('stacks no table label one character a line', async () => {
    const layout = await layoutOf(file);
    expect(layout.pages.some((p) => p.lines.length > 0)).toBe(true);
    expect(stackedLabels(layout)).toEqual([]);
  });

  it('leaves no paragraph’s last line alone at a page top, nor its first line alone at a page foot', async () => {
    const layout = await layoutOf(file);
    expect(widowsAndOrphans(layout)).toEqual([]);
  });

  it('measures the page, the grid and the faces; the 版头, 版记 and 发文字号 are in the filing copy only', () => {
    for (const id of ['page-size', 'margin-top', 'margin-left', 'type-area', 'line-pitch', 'lines-per-page', 'chars-per-line', 'body-font', 'body-indent', 'heading-1', 'title', 'title-position', 'page-number-form', 'page-number-position', 'page-number-distance', 'dates', 'line-start', 'line-end']) {
      expect(['pass', 'warn', 'fail'], `${id}: ${rule(id).measured}`).toContain(rule(id).status);
    }
    for (const id of FILING_ONLY) expect(rule(id).status, id).toBe(filing(file) ? 'pass' : 'na');
    expect(rule('attachments').status).toBe('na');
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
