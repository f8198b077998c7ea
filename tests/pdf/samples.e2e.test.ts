/**
 * The sample reports' PDFs, built once through the real CLI (`nianbao build`) with Debian's
 * Chromium, read back with pdfjs-dist and poppler as a filing clerk's tools would: page size,
 * text, tables, outline, page numbers, the 22 × 28 grid, fonts, tags and metadata.
 */
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument, PDFName } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { plainText } from '../../src/markdown/plain-text.ts';
import { formatMetric } from '../../src/metrics/format.ts';
import { CHARS_PER_LINE, LINES_PER_PAGE, LINE_PITCH, PAGE, TYPE_AREA } from '../../src/pdf/print-layout.ts';
import { sectionTables } from '../../src/tables/official-tables.ts';
import { chineseDate } from '../../src/web/text.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { twoSampleModel } from '../web/sample-model.ts';
import { compact, darkRows, missingGlyphs, openPdf, outlineEntries, pageLines, pageSize, pdfFonts, pdfText, structureRoles, taggedTables, type TextLine } from './pdf-read.ts';

const CHAR = TYPE_AREA.width / CHARS_PER_LINE;
const TYPE_LEFT = PAGE.left;
const TYPE_RIGHT = PAGE.width - PAGE.right;
/** The type area's top and bottom edges, in PDF coordinates (from the page's bottom). */
const TYPE_TOP = PAGE.height - PAGE.top;
const TYPE_BOTTOM = PAGE.bottom;

let out: string;
// The two 辰溪 samples, as the shared build holds them (the county year's PDFs are built by setup.sh).
const reports = twoSampleModel().reports;
const docs = new Map<string, PDFDocumentProxy>();
const fileOf = (report: ReportModel) => path.join(out, 'downloads', `${report.slug}.pdf`);

beforeAll(async () => {
  // The run's shared build of the samples through the CLI (it checks for 构建完成 and exit code 0).
  out = (await sharedBuild('ndbg')).dist;
  for (const r of reports) docs.set(r.slug, await openPdf(fileOf(r)));
});
afterAll(async () => {
  for (const d of docs.values()) await d.loadingTask.destroy();
});

/** The page number line at the foot of a page, and the rest of its lines. */
async function splitPage(doc: PDFDocumentProxy, n: number): Promise<{ body: TextLine[]; folio?: TextLine }> {
  const lines = await pageLines(doc, n);
  const folio = lines.find((l) => l.y < TYPE_BOTTOM);
  return { body: lines.filter((l) => l !== folio), folio };
}

/** Marks Chinese typesetting keeps off the start and the end of a line. */
const NO_LINE_START = '、。，．；：！？）》」』】〕”’…—';
const NO_LINE_END = '（《「『【〔“‘';

const headingText = (report: ReportModel) => report.sections.map((s) => `${s.number}${s.title}`);

describe.each(reports.map((r) => [r.slug, r] as const))('%s.pdf', (_slug, report) => {
  const doc = () => docs.get(report.slug)!;

  it('is A4 on every page', async () => {
    for (let p = 1; p <= doc().numPages; p++) {
      const { width, height } = await pageSize(doc(), p);
      expect(Math.abs(width - 595.28), `page ${p} width ${width}`).toBeLessThan(1);
      expect(Math.abs(height - 841.89), `page ${p} height ${height}`).toBeLessThan(1);
    }
  });

  it('carries the title, every section heading and every paragraph, metric values included', () => {
    const text = compact(pdfText(fileOf(report)));
    expect(text).toContain(compact(report.meta.title));
    for (const heading of headingText(report)) expect(text).toContain(compact(heading));
    for (const section of report.sections) {
      for (const block of section.body.children) {
        if (block.type !== 'paragraph') continue;
        expect(text, `${section.slug}`).toContain(compact(plainText(block)));
      }
    }
    // Every metric written in the prose is printed as formatMetric writes it.
    for (const metric of Object.values(report.metrics).filter((m) => !m.cell)) expect(text, metric.id).toContain(formatMetric(metric));
    expect(text).toContain(compact(report.meta.signature + chineseDate(report.meta.writtenDate)));
  });

  it('prints every official table cell, in its row, and repeats the header rows on each page a table runs over', async () => {
    const grids = report.sections.flatMap((s) => sectionTables(report, s));
    const expected = grids.flatMap((grid) => grid.body.flatMap((row) => row.filter((c) => !c.header).map((c) => c.metric?.shown ?? c.text)));
    const tables = await taggedTables(doc());
    const printed = tables.flatMap((t) => t.rows.flatMap((row) => row.filter((c) => c.role === 'TD').map((c) => c.text)));
    expect(printed).toEqual(expected);
    if (grids.length === 0) return;
    // The tagged tables, a table running on to the next page joined up again: one per grid.
    const pages = await Promise.all(Array.from({ length: doc().numPages }, (_, i) => splitPage(doc(), i + 1)));
    // A page that goes on with a table starts with it in the tagged structure (not with a chart's small text, say).
    const firstRoles = await Promise.all(pages.map(async (_, i) => (await structureRoles(doc(), i + 1)).find((r) => r !== 'Root' && r !== 'Document')));
    const startsWithTable = (p: number) => firstRoles[p - 1] === 'Table';
    const parts: { grid: number; page: number }[] = [];
    let g = -1;
    for (const [i, t] of tables.entries()) {
      const continues = i > 0 && tables[i - 1]!.page === t.page - 1 && tables.filter((x) => x.page === t.page)[0] === t && startsWithTable(t.page);
      if (!continues) g += 1;
      parts.push({ grid: g, page: t.page });
    }
    expect(g + 1).toBe(grids.length);
    // Each part after the first starts its page with the table's header rows.
    let repeated = 0;
    for (const [i, part] of parts.entries()) {
      const grid = grids[part.grid]!;
      if (i === 0 || parts[i - 1]!.grid !== part.grid || grid.head.length === 0) continue;
      const before = pages[part.page - 1]!.body.findIndex((l) => compact(l.text).includes(compact(grid.body[0]![0]!.text).slice(0, 6)));
      // The header: the lines above the first row of data drawn on this page.
      const firstRow = tables.find((t) => t.page === part.page)!.rows[0]!;
      const rowLabel = compact(firstRow.find((c) => c.role === 'TH')?.text ?? firstRow[0]!.text).slice(0, 6);
      const lines = pages[part.page - 1]!.body;
      const header = compact(lines.slice(0, lines.findIndex((l) => compact(l.text).includes(rowLabel))).map((l) => l.text).join(''));
      expect(header.length, `page ${part.page}`).toBeGreaterThan(0);
      // Header cells wrap and interleave in reading order (自/然/人): each cell's characters are there.
      for (const cell of grid.head.flat()) expect([...compact(cell.text)].filter((c) => !header.includes(c)), `page ${part.page}: ${cell.text}`).toEqual([]);
      repeated += 1;
    }
    if (report.meta.type === 'xinxi-gongkai') expect(repeated).toBeGreaterThan(0);
  });

  it('has bookmarks that follow the headings, in order and nested by level', async () => {
    const entries = await outlineEntries(doc());
    expect(entries.map((e) => e.title)).toEqual([report.meta.title, ...headingText(report)]);
    expect(entries.map((e) => e.depth)).toEqual([0, ...report.sections.map((s) => s.level)]);
  });

  it('numbers every page `— N —`, odd pages on the right and even pages on the left, one character in', async () => {
    for (let p = 1; p <= doc().numPages; p++) {
      const { folio } = await splitPage(doc(), p);
      expect(folio?.text.replace(/\s+/g, ' '), `page ${p}`).toBe(`— ${p} —`);
      if (p % 2 === 1) expect(Math.abs(folio!.xEnd - (TYPE_RIGHT - 16)), `page ${p} right edge ${folio!.xEnd}`).toBeLessThan(1.5);
      else expect(Math.abs(folio!.x - (TYPE_LEFT + 16)), `page ${p} left edge ${folio!.x}`).toBeLessThan(1.5);
      expect(folio!.size).toBeCloseTo(14, 1);
      // The 14 pt line straddles the line 7 mm below the type area (the dashes sit on it; measured in pixels below).
      const dashLine = TYPE_BOTTOM - (7 * 72) / 25.4;
      expect(folio!.y).toBeLessThan(dashLine);
      expect(folio!.y).toBeGreaterThan(dashLine - 14);
    }
  });

  it('puts the page number’s dashes 7 mm below the type area (measured in the rendered page)', async () => {
    for (const p of [1, 2]) {
      const { folio } = await splitPage(doc(), p);
      const typeBottom = PAGE.height - PAGE.bottom; // from the page's top
      // The first dash: the glyph box of a 14 pt em dash, below the type area.
      const rows = darkRows(fileOf(report), p, { x: folio!.x, y: typeBottom + 1, width: 14, height: 30 });
      expect(rows.length, `page ${p}`).toBeGreaterThan(0);
      expect(rows.at(-1)! - rows[0]!, 'a thin rule').toBeLessThan(2);
      expect(Math.abs(rows[0]! - (typeBottom + (7 * 72) / 25.4)), `page ${p}: dash at ${rows[0]}`).toBeLessThan(0.75);
    }
  });

  it('sets title, body, headings and signature on the 28.95 pt grid, 22 lines on a full page, no heading left at a page foot', async () => {
    const headings = new Set(headingText(report).map(compact));
    const startsHeading = (l: TextLine) => [...headings].some((h) => h.startsWith(compact(l.text)) || compact(l.text).startsWith(h));
    const pages = await Promise.all(Array.from({ length: doc().numPages }, (_, i) => splitPage(doc(), i + 1)));
    // Lines of 16 pt text down to the first table (whose rows have their own heights).
    const gridLines = pages.map(({ body }) => {
      const table = body.findIndex((l, i) => i > 0 && l.size < 15.5);
      return (table < 0 ? body : body.slice(0, table)).filter((l) => Math.abs(l.size - 16) < 0.5);
    });
    // Where a 16 pt baseline sits in its line box, from pages that start with body text.
    const offsets = pages.slice(1).map(({ body }) => body[0]!).filter((l) => Math.abs(l.size - 16) < 0.5).map((l) => TYPE_TOP - l.y);
    expect(offsets.length).toBeGreaterThan(0);
    const offset = offsets.reduce((a, b) => a + b, 0) / offsets.length;
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(LINE_PITCH);
    const slotOf = (l: TextLine) => (TYPE_TOP - offset - l.y) / LINE_PITCH;

    // The title: lines of 22 pt one pitch apart, then a blank line, then the first heading in slot n + 1.
    const title = pages[0]!.body.filter((l) => l.size > 20);
    for (let i = 1; i < title.length; i++) expect(title[i - 1]!.y - title[i]!.y).toBeCloseTo(LINE_PITCH, 0);
    expect(Math.round(slotOf(gridLines[0]![0]!))).toBe(title.length + 1);

    let fullPages = 0;
    for (const [i, lines] of gridLines.entries()) {
      const p = i + 1;
      for (const l of lines) {
        // Chromium places baselines on whole CSS pixels: within a pixel (0.75 pt) of the grid, anywhere on the page.
        expect(Math.abs(slotOf(l) - Math.round(slotOf(l))) * LINE_PITCH, `page ${p} “${l.text.slice(0, 12)}”`).toBeLessThan(0.75);
        expect(Math.round(slotOf(l)), `page ${p}`).toBeGreaterThanOrEqual(0);
        expect(Math.round(slotOf(l)), `page ${p}`).toBeLessThan(LINES_PER_PAGE);
      }
      if (p === doc().numPages) continue;
      const last = pages[i]!.body.at(-1)!;
      expect(startsHeading(last), `page ${p} ends with the heading “${last.text}”`).toBe(false);
      // A page whose last line runs on into the next page is full: all 22 slots are used.
      const next = pages[i + 1]!.body[0]!;
      const runsOn = lines.at(-1) === last && Math.abs(next.x - TYPE_LEFT) < 1 && Math.abs(last.xEnd - TYPE_RIGHT) < 1;
      if (runsOn) {
        fullPages += 1;
        // All 22 slots are used; 21 where a line moved over so that the paragraph's last line is not alone at the next page's top (widow control).
        const second = pages[i + 1]!.body[1];
        const widow = second !== undefined && Math.abs(second.x - TYPE_LEFT) < 1 && second.xEnd < TYPE_RIGHT - 1;
        const expected = widow ? [LINES_PER_PAGE - 1, LINES_PER_PAGE] : [LINES_PER_PAGE];
        expect(expected, `page ${p} lines`).toContain(Math.round(slotOf(last)) + 1);
        // No drift: on average the lines are 28.95 pt apart.
        if (p > 1) expect((lines[0]!.y - last.y) / Math.round(slotOf(last) - slotOf(lines[0]!))).toBeCloseTo(LINE_PITCH, 1);
        // Page 1: the title's lines and the blank line after it.
        expect(expected, `page ${p} lines`).toContain(lines.length + (p === 1 ? title.length + 1 : 0));
      }
    }
    if (report.meta.type === 'fazhi-zhengfu') expect(fullPages).toBeGreaterThanOrEqual(5);
  });

  it('fills each line with 28 characters, justified, the first line of a paragraph two characters in', async () => {
    let fullLines = 0;
    for (let p = 1; p <= doc().numPages; p++) {
      const { body } = await splitPage(doc(), p);
      for (const [i, l] of body.entries()) {
        if (Math.abs(l.size - 16) > 0.5) continue;
        const indented = Math.abs(l.x - (TYPE_LEFT + 2 * CHAR)) < 1;
        const flush = Math.abs(l.x - TYPE_LEFT) < 1;
        const next = body[i + 1];
        const runsOn = next !== undefined && Math.abs(next.size - 16) < 0.5 && Math.abs(next.x - TYPE_LEFT) < 1;
        if (!indented && !flush) continue; // the signature and the centred title
        if (!runsOn || /[\x21-\x7e]/.test(l.text)) continue;
        // A line that the paragraph runs on from: all 28 cells used, edge to edge.
        expect(Math.abs(l.xEnd - TYPE_RIGHT), `page ${p} “${l.text}”`).toBeLessThan(1);
        // One character fewer where a mark may not start the next line (、。，”…) and its character moved down with it.
        const cells = indented ? CHARS_PER_LINE - 2 : CHARS_PER_LINE;
        const kinsoku = [...next.text].slice(0, 2).some((c) => NO_LINE_START.includes(c)) || NO_LINE_END.includes([...l.text].at(-1)!);
        // Fewer by the first word of a paragraph's last line where that word moved down so that the
        // last line does not hold one character and its stop alone (“提出法律意见 / 11条。”).
        const lastLine = next.xEnd < TYPE_RIGHT - 1;
        const firstWord = /^[0-9A-Za-z.%]+/.exec(next.text)?.[0];
        const moved = firstWord ? Math.ceil(firstWord.length / 2) : 1;
        const short = cells - [...l.text].length;
        const allowed = [0, ...(kinsoku ? [1] : []), ...(lastLine ? [moved, moved + 1] : [])];
        expect(allowed, `page ${p} “${l.text}”: ${[...l.text].length} characters`).toContain(short);
        fullLines += 1;
      }
    }
    expect(fullLines).toBeGreaterThan(report.meta.type === 'fazhi-zhengfu' ? 100 : 3);
  });

  it('signs as an unsealed document: a blank line, the issuer two characters in, the date two characters right of it (7.3.5.2)', async () => {
    const { body } = await splitPage(doc(), doc().numPages);
    const date = body.find((l) => l.text === chineseDate(report.meta.writtenDate))!;
    const name = body.find((l) => l.text === report.meta.signature)!;
    const above = body[body.indexOf(name) - 1]!;
    expect(name.y - date.y).toBeCloseTo(LINE_PITCH, 0);
    expect(Math.round((above.y - name.y) / LINE_PITCH)).toBe(2);
    expect(Math.abs(date.x - name.x - 2 * CHAR)).toBeLessThan(1);
    // The name keeps the two-character right space; only a date longer than the name takes it instead.
    const anchored = date.xEnd - date.x > name.xEnd - name.x ? date : name;
    expect(Math.abs(anchored.xEnd - (TYPE_RIGHT - 2 * CHAR))).toBeLessThan(1);
    // Both cases are printed: 辰溪县人民政府 (7 characters) is longer than “2023年1月4日” (6), 辰溪县司法局 shorter than “2023年1月18日”.
    expect(anchored).toBe(report.meta.signature.length > 6 ? name : date);
  });

  it('embeds every font, draws every character with a real glyph, and sets all text but the title in CID fonts', async () => {
    const fonts = pdfFonts(fileOf(report));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(await missingGlyphs(doc())).toEqual([]);
    for (let p = 2; p <= doc().numPages; p++) expect(pdfFonts(fileOf(report), p).filter((f) => f.type !== 'CID TrueType'), `page ${p}`).toEqual([]);
    // The title's glyphs name the characters written, not look-alike radicals (⼈ for 人, ⺠ for 民).
    const title = (await pageLines(doc(), 1)).filter((l) => l.size > 20).map((l) => l.text).join('');
    expect(title).toBe(report.meta.title);
    // Every character of the report's text is in the PDF's text.
    const text = new Set(compact(pdfText(fileOf(report))));
    const source = compact([report.meta.title, ...headingText(report), ...report.sections.map((s) => plainText(s.body)), report.meta.signature].join(''));
    expect([...new Set(source)].filter((c) => !text.has(c))).toEqual([]);
  });

  it('is tagged, in zh-CN, with headings, paragraphs and tables in its structure', async () => {
    const lib = await PDFDocument.load(readFileSync(fileOf(report)), { updateMetadata: false });
    expect(lib.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    expect(String(lib.catalog.get(PDFName.of('Lang')))).toBe('(zh-CN)');
    const mark = (await doc().getMarkInfo()) as Map<string, boolean> | { Marked?: boolean } | null;
    expect(mark instanceof Map ? mark.get('Marked') : mark?.Marked).toBe(true);
    const roles = (await Promise.all(Array.from({ length: doc().numPages }, (_, i) => structureRoles(doc(), i + 1)))).flat();
    expect(roles.filter((r) => r === 'H1')).toHaveLength(1);
    expect(roles).toEqual(expect.arrayContaining(['H2', 'P']));
    if (report.tables.length) expect(roles).toEqual(expect.arrayContaining(['Table', 'TR', 'TH', 'TD']));
  });

  it('carries the report’s metadata, dated by the 成文日期, not by the build', async () => {
    const { info, metadata } = (await doc().getMetadata()) as { info: Record<string, unknown>; metadata: { get(k: string): unknown } | null };
    const date = `D:${report.meta.writtenDate.replace(/-/g, '')}000000+08'00'`;
    expect(info).toMatchObject({
      Title: report.meta.title,
      Author: report.issuer.name,
      Subject: `${report.meta.year}年度${report.template.name}`,
      Keywords: report.meta.keywords.join('; '),
      Creator: 'nianbao',
      Producer: 'nianbao',
      CreationDate: date,
      ModDate: date,
    });
    expect(metadata?.get('dc:title')).toBe(report.meta.title);
    expect(metadata?.get('dc:creator')).toEqual([report.issuer.name]);
  });
});

describe('the portal after the PDF stage', () => {
  it('links each report’s PDF with its size, and keeps the print pages out of the published site', async () => {
    const { readdirSync, existsSync } = await import('node:fs');
    for (const r of reports) {
      const page = readFileSync(path.join(out, 'reports', r.slug, 'index.html'), 'utf8');
      expect(page).toMatch(new RegExp(`href="/ndbg/downloads/${r.slug}\\.pdf" download>PDF 版（\\d+ KB）`));
    }
    expect(existsSync(path.join(out, 'print'))).toBe(false);
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => /print/.test(f))).toEqual([]);
    expect(readFileSync(path.join(out, 'sitemap.xml'), 'utf8')).not.toContain('/print/');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(reports.map((r) => `downloads/${r.slug}.pdf`)));
  });
});
