/**
 * The sample reports opened in a real word processor (LibreOffice, headless) and printed to PDF:
 * what a reader sees on the pages must be the official format.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHARS_PER_LINE, LINE_PITCH, LINES_PER_PAGE, PAGE } from '../../src/docx/official-format.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import { docxsToPdf, type Conversion } from './libreoffice.ts';
import { inkRows, isCjk, pdfPages, type PdfLine, type PdfPage } from './pdf-layout.ts';
import { FAZHI, FIXTURES, XINXI, loadModel, renderSample, sampleReport } from './samples.ts';

const pt = (twips: number) => twips / 20;
const AREA = { left: pt(PAGE.left), right: pt(PAGE.width - PAGE.right), top: pt(PAGE.top), bottom: pt(PAGE.height - PAGE.bottom) };
const PITCH = pt(LINE_PITCH);
const CHAR = (AREA.right - AREA.left) / CHARS_PER_LINE;
const MM = 72 / 25.4;

/** 三号 lines are about 20.8 pt high in their boxes, 二号 title lines 28.6; table text much less. */
const isBodyLine = (l: PdfLine) => l.yMax - l.yMin > 19;
const inTypeArea = (l: PdfLine) => l.yMin > AREA.top - 4 && l.yMax < AREA.bottom + 4;
const cjkCount = (text: string) => [...text].filter(isCjk).length;
const hasLatin = (text: string) => /[\x21-\x7e]/.test(text);

/** Characters that may not begin a line, and those that may not end one (Chinese line-breaking rules). */
const NO_START = '，。、；：？！）》”’」』〕】…—·%';
const NO_END = '（《“‘「『〔【';

/**
 * A line of 27 instead of 28 is right when the line-breaking rules moved its last character on:
 * to keep a closing mark off the start of the next line, an opening mark off its own end, or a
 * number whole.
 */
function movedByLineBreaking(n: number, expected: number, next: PdfLine | undefined): boolean {
  if (!next) return false;
  const chars = [...next.text.replace(/\s/g, '')];
  if (n === expected - 1 && (NO_START.includes(chars[1] ?? '') || NO_END.includes(chars[0] ?? ''))) return true;
  // A number (half-width digits, with the space LibreOffice puts around them) that did not fit.
  const number = /^[0-9A-Za-z.%]+/.exec(chars.join(''))?.[0];
  return number !== undefined && n + number.length / 2 + 1 >= expected;
}

const temp = mkdtempSync(path.join(tmpdir(), 'nianbao-docx-lo-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Printed {
  /** The first run's PDF of each file, by name without .docx. */
  first: Record<string, string>;
  /** What LibreOffice printed in the first run (a damaged file shows up here). */
  output: string;
  /** The second, independent run's PDF of each sample, and what LibreOffice printed in it. */
  again: Record<string, string>;
  againOutput: string;
}

/**
 * The two samples and the Markdown fixture as Word files, printed by LibreOffice in one run, and
 * the two samples once more in a second run of their own (a fresh profile: the page count must not
 * depend on the run). LibreOffice starts once per run.
 */
let printing: Promise<Printed> | undefined;
function printAll(): Promise<Printed> {
  printing ??= (async () => {
    const docx = (name: string, bytes: Uint8Array) => {
      const file = path.join(temp, `${name}.docx`);
      writeFileSync(file, bytes);
      return file;
    };
    const samples = await Promise.all([FAZHI, XINXI].map(async (slug) => docx(slug, (await renderSample(slug)).bytes)));
    const model = loadModel(path.join(FIXTURES, 'markdown'));
    const markdown = docx('markdown', await renderReportDocx(model.reports[0]!, { root: model.root }));
    const byName = (pdfs: string[]) => Object.fromEntries(pdfs.map((p) => [path.basename(p, '.pdf'), p]));
    // The limits only stop a run that hangs (three files on a loaded machine take a while).
    const first = await docxsToPdf([...samples, markdown], path.join(temp, 'first'), { timeoutMs: 600_000 });
    const again = await docxsToPdf(samples, path.join(temp, 'second'), { timeoutMs: 600_000 });
    return { first: byName(first.pdfs), output: first.output, again: byName(again.pdfs), againOutput: again.output };
  })();
  return printing;
}

// The 信息公开 sample has a table on every page but its last: it has no full page of body text.
describe.each([
  { slug: FAZHI, fullPages: 7, fullLines: 50 },
  { slug: XINXI, fullPages: 0, fullLines: 5 },
])('$slug printed by LibreOffice', ({ slug, fullPages, fullLines }) => {
  let conversion: Conversion;
  let pages: PdfPage[];
  let again: PdfPage[];
  let againOutput: string;
  let signature: string;
  beforeAll(async () => {
    signature = sampleReport(slug).report.meta.signature;
    const printed = await printAll();
    conversion = { pdf: printed.first[slug]!, output: printed.output };
    pages = await pdfPages(conversion.pdf);
    again = await pdfPages(printed.again[slug]!);
    againOutput = printed.againOutput;
  });

  it('opens without any complaint, on A4 pages, with the same page count on a second run', () => {
    // The run's output covers all its files: none of them may draw a complaint.
    expect(conversion.output).toMatch(new RegExp(`convert .*/${slug}\\.docx -> .*/${slug}\\.pdf using filter : writer_pdf_Export`));
    expect(conversion.output).not.toMatch(/error|repair|corrupt|recover|fail/i);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(595.3, 0);
      expect(p.height).toBeCloseTo(841.9, 0);
    }
    expect(againOutput).not.toMatch(/error|repair|corrupt|recover|fail/i);
    expect(again.length).toBe(pages.length);
  });

  it('fills every full body page with 22 lines on the 28.95 pt pitch', () => {
    const full = pages.filter((p) => p.number < pages.length && p.images === 0 && p.lines.filter(inTypeArea).every(isBodyLine));
    expect(full.length).toBeGreaterThanOrEqual(fullPages);
    const sorted = (p: PdfPage) => p.lines.filter(inTypeArea).sort((a, b) => a.yMin - b.yMin);
    // The body lines the last page holds above the 署名.
    const lastPage = sorted(pages[pages.length - 1]!);
    const lastParagraphLines = Math.max(0, lastPage.findIndex((l) => l.text.replace(/\s+/g, '').includes(signature.replace(/\s+/g, ''))));
    for (const p of full) {
      const lines = sorted(p);
      // Widow and orphan control: a page ends a line early when otherwise the next page would start
      // with a paragraph's last line alone (it then starts with that paragraph's last two lines), and
      // up to two lines early when a heading would be left with one line of its paragraph.
      const next = pages[p.number] ? sorted(pages[p.number]!) : [];
      const flush = (l: PdfLine | undefined) => l !== undefined && Math.abs(l.xMin - AREA.left) < 1.5;
      const widow = flush(next[0]) && flush(next[1]) && next[1]!.xMax < AREA.right - 8;
      const heading = next[0] !== undefined && /^[（(]?[一二三四五六七八九十]+[、）)]/.test(next[0].text.trim());
      const short = (p.number === 1 ? LINES_PER_PAGE - 1 : LINES_PER_PAGE) - lines.length;
      // The last paragraph is kept with the 署名 (src/docx/keep-closing.ts) and LibreOffice moves it
      // whole: the page before the last may end early by that paragraph's lines.
      const keptWithClosing = p.number === pages.length - 1 && short <= lastParagraphLines;
      expect(short === 0 || (widow && short === 1) || (heading && short <= 2) || keptWithClosing, `page ${p.number}: ${lines.length} lines`).toBe(true);
      // Line boxes of one size sit at the same place on their grid line (faces differ by under 2 pt);
      // the title's 二号 boxes sit higher on theirs.
      const offset = lines[lines.length - 1]!.yMin - AREA.top - (LINES_PER_PAGE - 1 - short) * PITCH;
      const slots = lines.map((l) => (l.yMin - AREA.top - offset) / PITCH);
      slots.forEach((s, i) => {
        if (lines[i]!.yMax - lines[i]!.yMin < 25) expect(Math.abs(s - Math.round(s)), `page ${p.number}`).toBeLessThan(0.08);
      });
      expect(new Set(slots.map(Math.round)).size).toBe(lines.length);
      expect(Math.round(slots[slots.length - 1]!)).toBe(LINES_PER_PAGE - 1 - short);
      // The first page has the title and the blank line under it; every other full page 22 lines of text.
      expect(lines.length, `page ${p.number}`).toBe((p.number === 1 ? LINES_PER_PAGE - 1 : LINES_PER_PAGE) - short);
    }
  });

  it('starts every page on the grid: the lines above the first table sit on the 28.95 pt pitch from the top', () => {
    for (const p of pages) {
      const lines = p.lines.filter(inTypeArea).sort((a, b) => a.yMin - b.yMin);
      const firstTable = lines.findIndex((l) => !isBodyLine(l));
      const top = firstTable === -1 ? lines : lines.slice(0, firstTable);
      for (const l of top) {
        const slot = (l.yMin - AREA.top) / PITCH;
        // Text boxes start 2.5 to 7 pt below the top of their line, by face and size.
        expect(slot - Math.floor(slot), `page ${p.number}: ${l.text}`).toBeLessThan(0.26);
      }
    }
  });

  it('sets no more than 28 characters a line, and a full line of text carries 28 (26 after the indent)', () => {
    // All body lines in reading order, so that the line after a page's last is the next page's first.
    const lines = pages.flatMap((p) =>
      p.lines
        .filter((l) => inTypeArea(l) && isBodyLine(l))
        .sort((a, b) => a.yMin - b.yMin)
        .map((l) => ({ ...l, page: p.number })),
    );
    let full = 0;
    lines.forEach((line, i) => {
      const n = cjkCount(line.text);
      expect(n, line.text).toBeLessThanOrEqual(CHARS_PER_LINE);
      expect(line.xMax, line.text).toBeLessThanOrEqual(AREA.right + 1);
      // A full line: Chinese only, from the margin (or the first-line indent) to the right edge.
      const indented = Math.abs(line.xMin - (AREA.left + 2 * CHAR)) < 2;
      if (hasLatin(line.text) || line.xMax < AREA.right - 2 || (Math.abs(line.xMin - AREA.left) > 1.5 && !indented)) return;
      const expected = indented ? CHARS_PER_LINE - 2 : CHARS_PER_LINE;
      if (movedByLineBreaking(n, expected, lines[i + 1])) return;
      expect(n, `page ${line.page}: ${line.text}`).toBe(expected);
      full++;
    });
    expect(full).toBeGreaterThan(fullLines);
  });

  it('numbers the pages — N — one character in from the right on odd pages and from the left on even pages, 7 mm below the type area', async () => {
    for (const p of pages) {
      const footer = p.lines.filter((l) => l.yMin > AREA.bottom);
      expect(footer.length, `page ${p.number}`).toBe(1);
      const line = footer[0]!;
      expect(line.text.replace(/\s+/g, ' ')).toBe(`— ${p.number} —`);
      if (p.number % 2 === 1) expect(line.xMax).toBeCloseTo(AREA.right - 16, 0);
      else expect(line.xMin).toBeCloseTo(AREA.left + 16, 0);
      // The ink of the leading dash: its top 7 mm (± 1 mm, the standard's tolerance) below the type area.
      const rows = await inkRows(conversion.pdf, p.number, { x: line.xMin, y: AREA.bottom, width: 12, height: 40 });
      expect((rows[0]! - AREA.bottom) / MM).toBeGreaterThan(6);
      expect((rows[0]! - AREA.bottom) / MM).toBeLessThan(8);
    }
  });

  it('ends with the issuer two characters left of the date, the date two characters from the right', () => {
    const last = pages[pages.length - 1]!.lines;
    const name = last.find((l) => l.text === signature)!;
    const date = last[last.indexOf(name) + 1]!;
    expect(date.text).toMatch(/^\d{4} ?年 ?\d{1,2} ?月 ?\d{1,2} ?日$/);
    // The date's box comes from the Latin face of its digits, which sits a little lower.
    expect(Math.abs(date.yMin - name.yMin - PITCH)).toBeLessThan(1.5);
    // Within a third of a character: the date's digits are set in a substitute Latin face here.
    expect((AREA.right - date.xMax) / CHAR).toBeCloseTo(2, 0);
    expect(Math.abs((AREA.right - date.xMax) / CHAR - 2)).toBeLessThan(0.34);
    expect(Math.abs((date.xMin - name.xMin) / CHAR - 2)).toBeLessThan(0.34);
  });
});

describe('every kind of Markdown printed by LibreOffice', () => {
  it('opens without complaint and shows both pictures', async () => {
    const printed = await printAll();
    expect(printed.output).toMatch(/convert .*\/markdown\.docx -> .*\/markdown\.pdf using filter : writer_pdf_Export/);
    expect(printed.output).not.toMatch(/error|repair|corrupt|recover|fail/i);
    const pages = await pdfPages(printed.first.markdown!);
    expect(pages.reduce((n, p) => n + p.images, 0)).toBeGreaterThanOrEqual(2);
    // Compared without white space: pdftotext splits a line at a wide space such as the caption's 　.
    const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');
    const reading = (a: PdfLine, b: PdfLine) => Math.round(a.yMin - b.yMin) || a.xMin - b.xMin;
    const text = squeeze(pages.flatMap((p) => [...p.lines].sort(reading).map((l) => l.text)).join(''));
    for (const words of ['县政府门户网站', '依据《中华人民共和国政府信息公开条例》。', '图1　全县矛盾纠纷调处情况', '（此件公开发布）']) {
      expect(text).toContain(squeeze(words));
    }
  });
});
