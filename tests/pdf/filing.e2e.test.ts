/**
 * The filing copies (downloads/<slug>-beian.pdf) of the run's shared build (`nianbao build --form
 * filing`), measured as printed: the red 发文机关标志 35 mm below the type area, the red line 4 mm
 * below the 发文字号 and as wide as the type area, the 主送机关, the signature of each sealing, and
 * the 版记 at the foot of the last, even, page with its last rule on the type area's bottom edge.
 */
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { CHARS_PER_LINE, PAGE, TYPE_AREA } from '../../src/pdf/print-layout.ts';
import { chineseDate } from '../../src/web/text.ts';
import { bands, inkRows, redInk } from '../docx/pdf-layout.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { twoSampleModel } from '../web/sample-model.ts';
import { openPdf, pageLines, type TextLine } from './pdf-read.ts';

const MM = 72 / 25.4;
const CHAR = TYPE_AREA.width / CHARS_PER_LINE;
const LEFT = PAGE.left;
const RIGHT = PAGE.width - PAGE.right;
/** Heights from the page's top edge. */
const TOP = PAGE.top;
const BOTTOM = PAGE.height - PAGE.bottom;
/** Every face is declared with its em box 0.88 em above the baseline and 0.12 em below. */
const emTop = (l: TextLine) => PAGE.height - l.y - 0.88 * l.size;
const emBottom = (l: TextLine) => PAGE.height - l.y + 0.12 * l.size;
const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

let out: string;
const reports = twoSampleModel().reports;
const docs = new Map<string, PDFDocumentProxy>();
const fileOf = (report: ReportModel) => path.join(out, 'downloads', `${report.slug}-beian.pdf`);

beforeAll(async () => {
  out = (await sharedBuild('ndbg')).dist;
  for (const r of reports) docs.set(r.slug, await openPdf(fileOf(r)));
});
afterAll(async () => {
  for (const d of docs.values()) await d.loadingTask.destroy();
});

describe.each(reports.map((r) => [r.slug, r] as const))('%s-beian.pdf', (_slug, report) => {
  const doc = () => docs.get(report.slug)!;
  const lines = (n: number) => pageLines(doc(), n);

  it('sets the 发文机关标志 in red, its top 35 mm below the type area, and the red line 4 mm below the 发文字号, as wide as the type area', async () => {
    const first = await lines(1);
    const mark = first.find((l) => l.text === report.filing.issuers[0]!.document!.mark)!;
    expect(mark.size).toBeCloseTo(42, 1);
    expect(Math.abs((emTop(mark) - TOP) / MM - 35)).toBeLessThan(0.5);
    const red = await redInk(fileOf(report), 1, { x: 0, y: TOP, width: PAGE.width, height: 320 });
    const [glyphs, rule] = bands(red.rows, 3);
    // The red ink of the mark lies within its em box.
    expect(glyphs![0]).toBeGreaterThanOrEqual(emTop(mark) - 0.5);
    const number = first.find((l) => squeeze(l.text).includes(report.filing.docNumber!))!;
    expect(Math.abs((rule![0] - emBottom(number)) / MM - 4)).toBeLessThan(0.5);
    const line = await redInk(fileOf(report), 1, { x: 0, y: rule![0], width: PAGE.width, height: rule![1] - rule![0] + 0.3 });
    expect(Math.abs(line.xMin - LEFT) / MM).toBeLessThan(0.5);
    expect(Math.abs(line.xMax - RIGHT) / MM).toBeLessThan(0.5);
    if (report.filing.signers.length) {
      expect(Math.abs(number.x - (LEFT + 16))).toBeLessThan(1);
      expect(Math.abs(number.xEnd - (RIGHT - 16))).toBeLessThan(1);
      expect(squeeze(number.text)).toContain(`签发人：${report.filing.signers.join('')}`);
    } else expect(Math.abs((number.x + number.xEnd) / 2 - (LEFT + RIGHT) / 2)).toBeLessThan(1);
  });

  it('puts the 主送机关 below the title, flush left, with a full-width colon', async () => {
    const recipient = (await lines(1)).find((l) => l.text === `${report.filing.mainRecipient}：`)!;
    expect(Math.abs(recipient.x - LEFT)).toBeLessThan(0.5);
  });

  it('signs as the document is sealed (7.3.5)', async () => {
    const all = (await Promise.all(Array.from({ length: doc().numPages }, (_, i) => lines(i + 1)))).flat();
    const name = all.find((l) => l.text === report.meta.signature)!;
    const date = all.find((l) => l.text === chineseDate(report.meta.writtenDate))!;
    if (report.filing.sealing === 'sealed') {
      expect(Math.abs(RIGHT - date.xEnd - 4 * CHAR)).toBeLessThan(1);
      expect(Math.abs((name.x + name.xEnd) / 2 - (date.x + date.xEnd) / 2)).toBeLessThan(1);
    } else {
      expect(Math.abs(date.x - name.x - 2 * CHAR)).toBeLessThan(1);
      const anchored = date.xEnd - date.x > name.xEnd - name.x ? date : name;
      expect(Math.abs(RIGHT - anchored.xEnd - 2 * CHAR)).toBeLessThan(1);
    }
  });

  it('ends on an even page with the 版记 at its foot: 4号 text, the last rule on the type area’s bottom edge', async () => {
    const n = doc().numPages;
    expect(n % 2).toBe(0);
    const last = await lines(n);
    const copyTo = last.find((l) => squeeze(l.text).startsWith('抄送：'))!;
    expect(copyTo.size).toBeCloseTo(14, 1);
    expect(Math.abs(copyTo.x - (LEFT + 16))).toBeLessThan(1);
    const printed = last.find((l) => squeeze(l.text).endsWith('印发'))!;
    expect(squeeze(printed.text)).toBe(`${report.filing.printedBy}${chineseDate(report.filing.printedDate!)}印发`);
    expect(Math.abs(printed.x - (LEFT + 16))).toBeLessThan(1);
    expect(Math.abs(printed.xEnd - (RIGHT - 16))).toBeLessThan(1);
    // The rules, from the ink at the type area's left edge below the text (the 版记's text is indented): three, the outer ones thicker.
    const from = PAGE.height - copyTo.y - 30;
    // At 1200 dpi a 0.35 mm rule is 16 pixels high, a 0.25 mm one 12.
    const rules = bands(await inkRows(fileOf(report), n, { x: LEFT + 1, y: from, width: 2, height: BOTTOM - from + 10 }, 1200), 0.2);
    expect(rules).toHaveLength(3);
    expect(Math.abs(rules[2]![1] - BOTTOM) / MM).toBeLessThan(0.5);
    const [a, b, c] = rules.map(([top, bottom]) => (bottom - top + 72 / 1200) / MM);
    expect(Math.abs(a! - 0.35)).toBeLessThan(0.05);
    expect(Math.abs(b! - 0.25)).toBeLessThan(0.05);
    expect(Math.abs(c! - 0.35)).toBeLessThan(0.05);
    // Numbered, as the text ends on this page (no blank page before it).
    expect(last.some((l) => /^—\s*\d+\s*—$/.test(l.text.trim()) && PAGE.height - l.y > BOTTOM)).toBe(true);
  });
});
