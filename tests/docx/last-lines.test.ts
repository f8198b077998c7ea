/**
 * The DOCX's line prediction (line-breaks.ts), its cure for a paragraph ending on one character
 * (last-lines.ts) and its label-column widths (label-width.ts), on text alone. That LibreOffice
 * lays the samples out as predicted is measured in tests/conform/samples.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { avoidLoneLastLines, LIBREOFFICE_LINES, WORD_LINES } from '../../src/docx/last-lines.ts';
import { labelColumnChars } from '../../src/docx/label-width.ts';
import { breakUnits, loneLastLine, predictLines, setChar, type LineModel } from '../../src/docx/line-breaks.ts';

const body = (text: string, tracking = -0.25) => [...text].map((ch) => setChar(ch, 16, tracking));
const lineTexts = (text: string, model: LineModel = LIBREOFFICE_LINES) => {
  const chars = body(text);
  const lines = predictLines(chars, model);
  return lines.map((s, i) => text.slice(s, lines[i + 1]));
};

describe('predictLines', () => {
  it('fills 28 characters a line, 26 after the two-character indent', () => {
    const text = '一'.repeat(26 + 28 + 5);
    expect(lineTexts(text).map((l) => l.length)).toEqual([26, 28, 5]);
  });

  it('starts no line with a closing mark and ends none with an opening one, and keeps numbers whole', () => {
    // 。 would start the second line: the character before it goes down with it.
    expect(lineTexts(`${'一'.repeat(25)}二。`)).toEqual(['一'.repeat(25), '二。']);
    expect(lineTexts(`${'一'.repeat(25)}《二》`)).toEqual(['一'.repeat(25), '《二》']);
    expect(loneLastLine(body('一二。'), [0, 1])).toBe(true);
    expect(breakUnits(body('共2022件')).length).toBe(3);
  });

  it('counts the space word processors put between Chinese and digits', () => {
    // 24 characters and two 4-digit numbers fill a line without it; with LibreOffice's three spaces the last number goes down.
    const text = `${'一'.repeat(12)}2022${'一'.repeat(12)}2022`;
    const unindented = { ...LIBREOFFICE_LINES, firstIndent: 0 };
    expect(lineTexts(text, { ...unindented, autospace: 0 })).toHaveLength(1);
    expect(lineTexts(text, unindented)).toEqual([`${'一'.repeat(12)}2022${'一'.repeat(12)}`, '2022']);
  });
});

const paragraph = (text: string) =>
  `<w:p><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const document = (...ps: string[]) => `<w:document><w:body>${ps.join('')}</w:body></w:document>`;

/** The lines of the paragraphs of document.xml, with the spacing its runs now carry. */
function linesOf(xml: string, model: LineModel = LIBREOFFICE_LINES): string[][] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((p) => {
    const chars = [...p[1]!.matchAll(/<w:spacing w:val="(-?\d+)"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].flatMap((r) => body(r[2]!, Number(r[1]) / 20));
    const lines = predictLines(chars, model);
    return lines.map((s, i) => chars.slice(s, lines[i + 1]).map((c) => c.ch).join(''));
  });
}

describe('avoidLoneLastLines', () => {
  // As in the 信息公开 report: “…继续办理1” fills the line and “件。” is left alone.
  const lone = `本年新收政府信息公开申请42件，上年结转2件；办结43件，其中予以公开23件，部分公开4件；结转下年度继续办理1件。`;

  it('spaces out the line before a lone last line so that its last word moves down, and changes nothing else', () => {
    const before = linesOf(document(paragraph(lone)))[0]!;
    expect(before[before.length - 1]).toBe('件。');
    const xml = avoidLoneLastLines(document(paragraph(lone), paragraph('短段落。')));
    const after = linesOf(xml);
    expect(after[0]).toHaveLength(before.length);
    expect(after[0]![after[0]!.length - 1]).toBe('1件。');
    // The earlier lines keep their characters; the spaced run is a fraction of a point wider.
    expect(after[0]!.slice(0, -2)).toEqual(before.slice(0, -2));
    const spacings = [...xml.matchAll(/<w:spacing w:val="(-?\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(Math.max(...spacings)).toBeGreaterThan(-5);
    expect(Math.max(...spacings)).toBeLessThan(40);
    // The text reads the same.
    expect([...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toBe(`${lone}短段落。`);
    expect(after[1]).toEqual(['短段落。']);
    // Word's slightly wider space between Chinese and digits leaves no lone last line either.
    expect(linesOf(xml, WORD_LINES)[0]!.at(-1)).not.toMatch(/^.。$/);
  });

  it('leaves table cells, centred paragraphs and paragraphs that end well alone', () => {
    const table = `<w:tbl><w:tr><w:tc>${paragraph(lone)}</w:tc></w:tr></w:tbl>`;
    const centred = paragraph(lone).replace('<w:p>', '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>');
    const fine = paragraph('本年因政府信息公开被申请行政复议2件，被提起行政诉讼2件，均已办结。');
    const xml = document(table, centred, fine);
    expect(avoidLoneLastLines(xml)).toBe(xml);
  });
});

describe('labelColumnChars', () => {
  it('is at least as wide as a label’s widest unbreakable word', () => {
    // “（六）” cannot be broken: three characters.
    expect(labelColumnChars(['（六）其他处理', '（七）总计'], 10.5)).toBeGreaterThanOrEqual(3);
    expect(labelColumnChars(['三、本年度办理结果'], 10.5)).toBeGreaterThanOrEqual(2);
  });

  it('leaves no label with a last line of one character when a width nearby avoids it', () => {
    const labels = ['三、本年度办理结果'];
    const w = labelColumnChars(labels, 10.5);
    const chars = [...labels[0]!].map((ch) => setChar(ch, 10.5, 0));
    expect(loneLastLine(chars, predictLines(chars, { width: w * 10.5, firstIndent: 0, autospace: 2 }))).toBe(false);
  });
});
