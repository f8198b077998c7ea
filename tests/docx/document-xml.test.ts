import type { Paragraph as MdParagraph } from 'mdast';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { formatMetric } from '../../src/metrics/format.ts';
import { FOOTER_DISTANCE, PAGE_NUMBER_INDENT, TYPE_AREA, chars } from '../../src/docx/official-format.ts';
import { joinSoftBreaks } from '../../src/docx/runs.ts';
import { placeSignature } from '../../src/docx/signature-layout.ts';
import { sectionTables, type TableGrid } from '../../src/tables/official-tables.ts';
import { bodyParagraphs, findAll, openDocx, path, styleDef, styleOf, textOf, type Docx, type XmlNode } from './ooxml.ts';
import { FAZHI, XINXI, renderSample } from './samples.ts';

const FONTS = { xiaobiaosong: '方正小标宋简体', fangsong: '仿宋_GB2312', heiti: '黑体', kaiti: '楷体_GB2312', songti: '宋体', latin: 'Times New Roman' };

const eastAsia = (r: XmlNode) => path(r, 'w:rPr', 'w:rFonts')?.attrs['w:eastAsia'];
const size = (r: XmlNode) => Number(path(r, 'w:rPr', 'w:sz')?.attrs['w:val']);
const runs = (p: XmlNode) => findAll(p, 'w:r');
const textRuns = (p: XmlNode) => runs(p).filter((r) => textOf(r) !== '');

/** What a Markdown paragraph reads as: text and metric values, soft breaks joined as in Chinese. */
function expectedText(p: MdParagraph): string {
  let s = '';
  visit(p, (n) => {
    if (n.type === 'text') s += n.value;
    if (n.type === 'metricRef') s += n.text;
  });
  return joinSoftBreaks(s);
}

describe.each([FAZHI, XINXI])('%s: the parts of the DOCX', (slug) => {
  let report: ReportModel;
  let docx: Docx;
  let document: XmlNode;
  let styles: XmlNode;
  beforeAll(async () => {
    const rendered = await renderSample(slug);
    report = rendered.report;
    docx = await openDocx(rendered.bytes);
    document = await docx.xml('word/document.xml');
    styles = await docx.xml('word/styles.xml');
  });

  it('sets an A4 page with the standard margins, the footer 7 mm below the type area and a 22-line grid', () => {
    const sect = path(document, 'w:document', 'w:body', 'w:sectPr')!;
    expect(path(sect, 'w:pgSz')!.attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(path(sect, 'w:pgMar')!.attrs).toMatchObject({ 'w:top': '2098', 'w:right': '1474', 'w:bottom': '1984', 'w:left': '1587', 'w:footer': String(FOOTER_DISTANCE) });
    expect(path(sect, 'w:docGrid')!.attrs).toMatchObject({ 'w:type': 'lines', 'w:linePitch': '579' });
  });

  it('sets the body (Normal) in 三号 仿宋 on exact 579-twip lines, justified, indented two characters, tracked to 28 a line', () => {
    const normal = styleDef(styles, 'Normal')!;
    expect(normal.attrs['w:default']).toBe('1');
    expect(path(normal, 'w:pPr', 'w:spacing')!.attrs).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact', 'w:before': '0', 'w:after': '0' });
    expect(path(normal, 'w:pPr', 'w:ind')!.attrs).toMatchObject({ 'w:firstLineChars': '200', 'w:firstLine': '640' });
    expect(path(normal, 'w:pPr', 'w:jc')!.attrs['w:val']).toBe('both');
    // Widow and orphan control on (the element without w:val).
    expect(path(normal, 'w:pPr', 'w:widowControl')!.attrs['w:val']).toBeUndefined();
    // The automatic space around digits stays on as in Word and LibreOffice alike (the signature
    // block is placed counting it); overflowPunct: see ooxml-props.ts.
    expect(path(normal, 'w:pPr', 'w:autoSpaceDE')).toBeUndefined();
    expect(path(normal, 'w:pPr', 'w:overflowPunct')!.attrs['w:val']).toBe('1');
    expect(path(normal, 'w:rPr', 'w:spacing')!.attrs['w:val']).toBe('-5');
    expect(path(normal, 'w:rPr', 'w:sz')!.attrs['w:val']).toBe('32');
    expect(path(normal, 'w:rPr', 'w:rFonts')!.attrs['w:eastAsia']).toBe(FONTS.fangsong);
    const lang = path(styles, 'w:styles', 'w:docDefaults', 'w:rPrDefault', 'w:rPr', 'w:lang')!;
    expect(lang.attrs['w:eastAsia']).toBe('zh-CN');
    // Body paragraphs take all of that from the style and change none of it.
    const body = bodyParagraphs(document).filter((p) => styleOf(p) === 'Normal' && textOf(p) !== '');
    expect(body.length).toBeGreaterThan(5);
    for (const p of body.slice(0, -1)) {
      expect(path(p, 'w:pPr', 'w:spacing')).toBeUndefined();
      for (const r of textRuns(p)) {
        expect(size(r)).toBe(32);
        // −5 twips, or a fraction of a point more on a line spaced out so that the paragraph does not end on one character (last-lines.ts).
        const tracking = Number(path(r, 'w:rPr', 'w:spacing')?.attrs['w:val']);
        expect(tracking === -5 || (tracking > -5 && tracking <= 30), String(tracking)).toBe(true);
      }
    }
  });

  it('names ascii, hAnsi, eastAsia and cs fonts with the East Asian hint on every run, fields included', async () => {
    const parts = [document, await docx.xml('word/footer1.xml'), await docx.xml('word/footer2.xml')];
    let count = 0;
    for (const part of parts) {
      for (const r of findAll(part, 'w:r')) {
        const f = path(r, 'w:rPr', 'w:rFonts');
        expect(f, `run “${textOf(r)}” has no rFonts`).toBeDefined();
        for (const slot of ['w:ascii', 'w:hAnsi', 'w:eastAsia', 'w:cs']) expect(f!.attrs[slot]).toBeTruthy();
        expect(f!.attrs['w:hint']).toBe('eastAsia');
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it('sets the title in 二号 小标宋, centred, broken into balanced lines', () => {
    const title = bodyParagraphs(document)[0]!;
    expect(styleOf(title)).toBe('Title');
    expect(path(styleDef(styles, 'Title'), 'w:pPr', 'w:jc')!.attrs['w:val']).toBe('center');
    const lines = textRuns(title).map(textOf);
    expect(lines.join('')).toBe(report.meta.title);
    expect(lines.length).toBe(2);
    expect(findAll(title, 'w:br').length).toBe(1);
    for (const r of textRuns(title)) {
      expect(size(r)).toBe(44);
      expect(eastAsia(r)).toBe(FONTS.xiaobiaosong);
    }
  });

  it('numbers the headings from the outline, 一、 in 黑体 and （一） in 楷体, all 三号', () => {
    const headings = bodyParagraphs(document).filter((p) => /^Heading\d$/.test(styleOf(p)));
    expect(headings.map(textOf)).toEqual(report.sections.map((s) => `${s.number}${s.title}`));
    for (const h of headings) {
      const face = { Heading1: FONTS.heiti, Heading2: FONTS.kaiti, Heading3: FONTS.fangsong, Heading4: FONTS.fangsong }[styleOf(h)];
      for (const r of textRuns(h)) {
        expect(eastAsia(r)).toBe(face);
        expect(size(r)).toBe(32);
      }
      expect(path(styleDef(styles, styleOf(h)), 'w:pPr', 'w:keepNext')).toBeDefined();
    }
    expect(path(styleDef(styles, 'Heading1'), 'w:name')!.attrs['w:val']).toBe('heading 1');
    expect(path(styleDef(styles, 'Heading2'), 'w:pPr', 'w:outlineLvl')!.attrs['w:val']).toBe('1');
  });

  it('prints every paragraph with its metric values exactly as the web does (formatMetric)', () => {
    const texts = new Set(bodyParagraphs(document).map(textOf));
    let refs = 0;
    for (const section of report.sections) {
      visit(section.body, 'paragraph', (p: MdParagraph) => {
        expect(texts.has(expectedText(p)), expectedText(p)).toBe(true);
      });
      visit(section.body, 'metricRef', (ref) => {
        expect(ref.text).toBe(formatMetric(report.metrics[ref.id]!));
        refs++;
      });
    }
    expect(refs).toBeGreaterThan(5);
  });

  it('signs an unsealed document: name two characters from the right, date (Arabic numerals) two characters right of it', () => {
    const paragraphs = bodyParagraphs(document);
    const name = paragraphs.find((p) => styleOf(p) === 'Signature')!;
    const date = paragraphs.find((p) => styleOf(p) === 'Date')!;
    expect(textOf(name)).toBe(report.meta.signature);
    expect(textOf(date)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(paragraphs.indexOf(date)).toBe(paragraphs.indexOf(name) + 1);
    // One blank line between the body and the name.
    expect(textOf(paragraphs[paragraphs.indexOf(name) - 1]!)).toBe('');
    // Both samples have a date longer than their name less two characters: the date keeps the right space.
    const place = placeSignature(report.meta.signature, textOf(date));
    expect(place.anchor).toBe('date');
    expect(path(date, 'w:pPr', 'w:jc')!.attrs['w:val']).toBe('right');
    expect(Number(path(date, 'w:pPr', 'w:ind')!.attrs['w:right'])).toBe(chars(2));
    expect(Number(path(name, 'w:pPr', 'w:ind')!.attrs['w:left'])).toBe(chars(place.nameStart));
    expect(place.dateStart - place.nameStart).toBe(2);
  });

  it('puts page numbers in 四号 宋体 footers: odd pages right, even pages left, one character in, with a PAGE field', async () => {
    const sect = path(document, 'w:document', 'w:body', 'w:sectPr')!;
    const refs = findAll(sect, 'w:footerReference').map((f) => f.attrs['w:type']);
    expect(refs.sort()).toEqual(['default', 'even']);
    const rels = await docx.text('word/_rels/document.xml.rels');
    const target = (type: string) => {
      const id = findAll(sect, 'w:footerReference').find((f) => f.attrs['w:type'] === type)!.attrs['r:id'];
      return new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!.slice(1).find(Boolean)!;
    };
    for (const [type, jc, side] of [['default', 'right', 'w:right'], ['even', 'left', 'w:left']] as const) {
      const footer = await docx.xml(`word/${target(type)}`);
      const p = findAll(footer, 'w:p')[0]!;
      expect(path(p, 'w:pPr', 'w:jc')!.attrs['w:val']).toBe(jc);
      expect(Number(path(p, 'w:pPr', 'w:ind')!.attrs[side])).toBe(PAGE_NUMBER_INDENT);
      expect(textOf(p)).toBe('— 1 —');
      expect(findAll(p, 'w:instrText').map((t) => t.children[0]?.text?.trim())).toEqual(['PAGE']);
      expect(findAll(p, 'w:fldChar').map((f) => f.attrs['w:fldCharType'])).toEqual(['begin', 'separate', 'end']);
      for (const r of runs(p)) {
        expect(size(r)).toBe(28);
        expect(path(r, 'w:rPr', 'w:rFonts')!.attrs).toMatchObject({ 'w:ascii': FONTS.songti, 'w:eastAsia': FONTS.songti });
      }
    }
    const settings = await docx.xml('word/settings.xml');
    expect(path(settings, 'w:settings', 'w:evenAndOddHeaders')).toBeDefined();
    expect(path(settings, 'w:settings', 'w:characterSpacingControl')!.attrs['w:val']).toBe('doNotCompress');
    expect(path(settings, 'w:settings', 'w:themeFontLang')!.attrs['w:eastAsia']).toBe('zh-CN');
  });

  it('fills the core properties from the report, dated with its 成文日期, in Chinese', async () => {
    const core = await docx.xml('docProps/core.xml');
    const props = path(core, 'cp:coreProperties')!;
    const value = (name: string) => path(props, name)?.children.map((c) => c.text).join('');
    expect(value('dc:title')).toBe(report.meta.title);
    expect(value('dc:creator')).toBe(report.issuer.name);
    expect(value('dc:subject')).toBe(report.template.name);
    expect(value('cp:keywords')).toBe(report.meta.keywords.join('; '));
    expect(value('dc:language')).toBe('zh-CN');
    expect(value('dcterms:created')).toBe(`${report.meta.writtenDate}T00:00:00Z`);
    expect(value('dcterms:modified')).toBe(`${report.meta.writtenDate}T00:00:00Z`);
  });
});

describe('信息公开 tables as Word tables', () => {
  let report: ReportModel;
  let tables: XmlNode[];
  let grids: TableGrid[];
  let styles: XmlNode;
  beforeAll(async () => {
    const rendered = await renderSample(XINXI);
    report = rendered.report;
    grids = report.sections.flatMap((s) => sectionTables(report, s));
    const docx = await openDocx(rendered.bytes);
    tables = findAll(await docx.xml('word/document.xml'), 'w:tbl');
    styles = await docx.xml('word/styles.xml');
  });

  it('writes each table the web shows (表二 as one table of blocks), as wide as the type area and no wider, in the table style', () => {
    expect(grids.length).toBe(3);
    expect(tables.length).toBe(grids.length);
    expect(styleDef(styles, 'OfficialTable')!.attrs['w:type']).toBe('table');
    for (const t of tables) {
      expect(path(t, 'w:tblPr', 'w:tblStyle')!.attrs['w:val']).toBe('OfficialTable');
      expect(path(t, 'w:tblPr', 'w:tblW')!.attrs).toMatchObject({ 'w:w': String(TYPE_AREA.width), 'w:type': 'dxa' });
      expect(path(t, 'w:tblPr', 'w:tblLayout')!.attrs['w:type']).toBe('fixed');
      const grid = findAll(t, 'w:gridCol').map((g) => Number(g.attrs['w:w']));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(TYPE_AREA.width);
      for (const tc of findAll(t, 'w:tcW')) expect(Number(tc.attrs['w:w'])).toBeLessThanOrEqual(TYPE_AREA.width);
      for (const r of findAll(t, 'w:r')) expect(size(r)).toBeLessThanOrEqual(28);
      // Every row covers the whole grid: spans and merged cells add up.
      for (const tr of findAll(t, 'w:tr')) {
        const spans = tr.children.filter((c) => c.name === 'w:tc').map((tc) => Number(path(tc, 'w:tcPr', 'w:gridSpan')?.attrs['w:val'] ?? 1));
        expect(spans.reduce((a, b) => a + b, 0)).toBe(grid.length);
      }
    }
  });

  it('repeats the header rows on every page and keeps rows whole', () => {
    tables.forEach((t, i) => {
      const rows = findAll(t, 'w:tr');
      const headerRows = rows.filter((r) => path(r, 'w:trPr', 'w:tblHeader'));
      expect(headerRows.length).toBe(grids[i]!.head.length);
      expect(rows.slice(0, headerRows.length)).toEqual(headerRows);
      for (const r of rows) expect(path(r, 'w:trPr', 'w:cantSplit')).toBeDefined();
    });
  });

  it('fills the cells with the metric values and lays group rows out as merged cells', () => {
    const shenqing = tables[grids.findIndex((g) => g.id === 't-shenqing')]!;
    const rows = findAll(shenqing, 'w:tr');
    const cellsText = (tr: XmlNode) => tr.children.filter((c) => c.name === 'w:tc').map(textOf);
    const xinshou = rows.find((r) => cellsText(r)[0] === '一、本年新收政府信息公开申请数量')!;
    const ids = report.tables.find((t) => t.table.id === 'shenqing')!.cells['xinshou']!;
    expect(cellsText(xinshou).slice(1)).toEqual(ids.map((id) => formatMetric({ ...report.metrics[id]!, unit: '' })));
    // 三、本年度办理结果 starts a cell merged down beside the rows it groups; 1.属于国家秘密 sits two levels in.
    const group = findAll(shenqing, 'w:tc').find((tc) => textOf(tc) === '三、本年度办理结果')!;
    expect(path(group, 'w:tcPr', 'w:vMerge')!.attrs['w:val']).toBe('restart');
    const mimi = rows.find((r) => cellsText(r).includes('1.属于国家秘密'))!;
    expect(cellsText(mimi).indexOf('1.属于国家秘密')).toBe(2);
    expect(findAll(shenqing, 'w:vMerge').filter((v) => v.attrs['w:val'] !== 'restart').length).toBeGreaterThan(20);
    // The header bands of the official form: 申请人情况 over all columns, 法人或其他组织 over five.
    const head = rows.filter((r) => path(r, 'w:trPr', 'w:tblHeader'));
    expect(head.flatMap(cellsText)).toEqual(expect.arrayContaining(['申请人情况', '法人或其他组织', '商业企业', '总计']));
  });
});
