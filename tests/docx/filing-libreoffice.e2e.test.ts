/**
 * The filing copies (备案件) of both samples opened in LibreOffice (one soffice run) and printed to
 * PDF with the blank pages a printer prints: the 版头 and 版记 where GB/T 9704-2012 puts them,
 * measured from the ink and the text positions of the pages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE } from '../../src/docx/official-format.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import type { ReportModel } from '../../src/content/index.ts';
import { docxsToPdf } from './libreoffice.ts';
import { bands, inkRows, pdfPages, redInk, type PdfLine, type PdfPage } from './pdf-layout.ts';
import { FAZHI, XINXI, sampleReport } from './samples.ts';

const pt = (twips: number) => twips / 20;
const AREA = { left: pt(PAGE.left), right: pt(PAGE.width - PAGE.right), top: pt(PAGE.top), bottom: pt(PAGE.height - PAGE.bottom) };
const MM = 72 / 25.4;
const CHAR = 16;
const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

const temp = mkdtempSync(path.join(tmpdir(), 'nianbao-filing-lo-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A made-up copy: see beforeAll. */
const LONG_NAME = 'long-signature';

const printed = new Map<string, { report: ReportModel; pdf: string; pages: PdfPage[] }>();
let output = '';
beforeAll(async () => {
  const docxs: string[] = [];
  const reports: ReportModel[] = [];
  for (const slug of [FAZHI, XINXI, LONG_NAME]) {
    const { model, report: sample } = sampleReport(slug === LONG_NAME ? XINXI : slug);
    // The 信息公开 report unsealed, signed by an issuer whose name is longer than the date (7.3.5.2's other case).
    const report = slug === LONG_NAME ? { ...sample, slug, meta: { ...sample.meta, signature: '辰溪县人民政府办公室' }, filing: { ...sample.filing, sealing: 'unsealed' as const } } : sample;
    const file = path.join(temp, `${slug}-beian.docx`);
    writeFileSync(file, await renderReportDocx(report, { root: model.root, form: 'filing' }));
    docxs.push(file);
    reports.push(report);
  }
  const { pdfs, output: said } = await docxsToPdf(docxs, path.join(temp, 'pdf'), { keepBlankPages: true });
  output = said;
  for (const [i, report] of reports.entries()) printed.set(report.slug, { report, pdf: pdfs[i]!, pages: await pdfPages(pdfs[i]!) });
});

const find = (lines: PdfLine[], test: (text: string) => boolean) => lines.find((l) => test(squeeze(l.text)));

describe.each([FAZHI, XINXI])('the filing copy of %s in LibreOffice', (slug) => {
  const of = () => printed.get(slug)!;

  it('opens without complaint, on an even number of pages', () => {
    expect(output).not.toMatch(/error|repair|corrupt|recover|fail/i);
    expect(of().pages.length % 2).toBe(0);
  });

  it('sets the 发文机关标志 in red, its top 35 mm below the type area, then the 发文字号 and 4 mm below it the red line as wide as the type area', async () => {
    const { pdf, pages, report } = of();
    const red = await redInk(pdf, 1, { x: 0, y: AREA.top, width: PAGE.width / 20, height: 320 });
    const [mark, rule] = bands(red.rows, 3);
    expect(mark, 'red mark').toBeDefined();
    expect(rule, 'red line').toBeDefined();
    // The ink of the mark's characters starts within a millimetre of 35 mm (the em box's top is a little above the ink).
    expect((mark![0] - AREA.top) / MM).toBeGreaterThan(34.5);
    expect((mark![0] - AREA.top) / MM).toBeLessThan(36.2);
    const line = await redInk(pdf, 1, { x: 0, y: rule![0] - 0.2, width: PAGE.width / 20, height: rule![1] - rule![0] + 0.6 });
    expect(Math.abs(line.xMin - AREA.left) / MM).toBeLessThan(0.5);
    expect(Math.abs(line.xMax - AREA.right) / MM).toBeLessThan(0.5);
    // The 发文字号's ink ends about 4 mm above the line.
    const number = find(pages[0]!.lines, (t) => t.includes(report.filing.docNumber!.slice(0, 3)))!;
    const ink = await inkRows(pdf, 1, { x: number.xMin, y: number.yMin - 4, width: 60, height: number.yMax - number.yMin + 8 });
    const gap = (rule![0] - ink.at(-1)!) / MM;
    expect(gap).toBeGreaterThan(3);
    expect(gap).toBeLessThan(5);
    if (report.filing.signers.length) {
      // A report to a higher level: the 发文字号 one character in from the left, the 签发人 one in from the right.
      expect(Math.abs(number.xMin - (AREA.left + CHAR))).toBeLessThan(1.5);
      const signer = find(pages[0]!.lines, (t) => t.startsWith('签发人'))!;
      expect(Math.abs(signer.xMax - (AREA.right - CHAR))).toBeLessThan(1.5);
    } else expect(Math.abs((number.xMin + number.xMax) / 2 - (AREA.left + AREA.right) / 2)).toBeLessThan(2);
  });

  it('puts the 主送机关 below the title, flush left, with a full-width colon', () => {
    const { pages, report } = of();
    const recipient = find(pages[0]!.lines, (t) => t === `${report.filing.mainRecipient}：`)!;
    expect(recipient).toBeDefined();
    expect(Math.abs(recipient.xMin - AREA.left)).toBeLessThan(1);
  });

  it('signs as the document is sealed (7.3.5)', () => {
    const { pages, report } = of();
    const lines = pages.flatMap((p) => p.lines);
    const name = find(lines, (t) => t === report.meta.signature)!;
    const date = lines[lines.indexOf(name) + 1]!;
    expect(squeeze(date.text)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    if (report.filing.sealing === 'sealed') {
      // The date four characters from the right, the issuer centred on it.
      expect(Math.abs((AREA.right - date.xMax) / CHAR - 4)).toBeLessThan(0.34);
      expect(Math.abs((name.xMin + name.xMax) / 2 - (date.xMin + date.xMax) / 2) / CHAR).toBeLessThan(0.34);
    } else {
      // Unsealed, the date longer than the name here: the date two characters from the right, the name two characters left of it.
      expect(Math.abs((AREA.right - date.xMax) / CHAR - 2)).toBeLessThan(0.34);
      expect(Math.abs((date.xMin - name.xMin) / CHAR - 2)).toBeLessThan(0.34);
    }
  });

  it('prints the 版记 at the foot of the last page: its last rule on the type area’s bottom edge, 0.35 mm rules outside and 0.25 mm between', async () => {
    const { pdf, pages, report } = of();
    const last = pages.at(-1)!;
    expect(last.number % 2).toBe(0);
    const copyTo = find(last.lines, (t) => t.startsWith('抄送：'))!;
    expect(copyTo).toBeDefined();
    expect(Math.abs(copyTo.xMin - (AREA.left + CHAR))).toBeLessThan(1.5);
    // 印发机关 one character in from the left, 印发日期 one character in from the right, on one line.
    const by = find(last.lines, (t) => t.startsWith(report.filing.printedBy!))!;
    const date = find(last.lines, (t) => t.endsWith('印发'))!;
    expect(Math.abs(by.xMin - (AREA.left + CHAR))).toBeLessThan(1.5);
    expect(Math.abs(date.xMax - (AREA.right - CHAR))).toBeLessThan(1.5);
    expect(Math.abs(date.yMax - by.yMax)).toBeLessThan(2);
    // No page number on the 版记 page.
    expect(last.lines.some((l) => /^—\s*\d+\s*—$/.test(l.text.trim()))).toBe(false);
    // The rules, read from the ink at the left edge of the type area (where no text is).
    const rules = bands(await inkRows(pdf, last.number, { x: AREA.left + 1, y: AREA.top, width: 4, height: AREA.bottom - AREA.top + 10 }));
    expect(rules).toHaveLength(3);
    expect(Math.abs(rules[2]![1] - AREA.bottom) / MM).toBeLessThan(1);
    const thickness = rules.map(([a, b]) => b - a);
    expect(thickness[0]).toBeGreaterThan(thickness[1]!);
    expect(thickness[2]).toBeGreaterThan(thickness[1]!);
  });
});

it('signs an unsealed copy with an issuer longer than the date: the name two characters from the right, the date two characters right of its start (7.3.5.2)', () => {
  const { pages, report } = printed.get(LONG_NAME)!;
  const lines = pages.flatMap((p) => p.lines);
  const name = find(lines, (t) => t === report.meta.signature)!;
  const date = lines[lines.indexOf(name) + 1]!;
  expect(squeeze(date.text)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  expect(date.xMax - date.xMin).toBeLessThan(name.xMax - name.xMin);
  expect(Math.abs((AREA.right - name.xMax) / CHAR - 2)).toBeLessThan(0.34);
  expect(Math.abs((date.xMin - name.xMin) / CHAR - 2)).toBeLessThan(0.34);
});
