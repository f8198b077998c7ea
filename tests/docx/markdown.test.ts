import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { TYPE_AREA, chars } from '../../src/docx/official-format.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import { DocxSettings } from '../../src/schema/docx.ts';
import { bodyParagraphs, child, findAll, openDocx, path as at, styleOf, textOf, type Docx, type XmlNode } from './ooxml.ts';
import { FIXTURES, freshModel, loadModel } from './samples.ts';

const FIXTURE = path.join(FIXTURES, 'markdown');

const eastAsia = (r: XmlNode) => at(r, 'w:rPr', 'w:rFonts')?.attrs['w:eastAsia'];
const para = (paragraphs: XmlNode[], start: string) => {
  const p = paragraphs.find((x) => textOf(x).startsWith(start));
  if (!p) throw new Error(`no paragraph starting “${start}”: ${paragraphs.map(textOf).join(' | ')}`);
  return p;
};
const numId = (p: XmlNode) => at(p, 'w:pPr', 'w:numPr', 'w:numId')?.attrs['w:val'];
const ilvl = (p: XmlNode) => at(p, 'w:pPr', 'w:numPr', 'w:ilvl')?.attrs['w:val'];

async function render(settings?: DocxSettings): Promise<{ report: ReportModel; docx: Docx; document: XmlNode; paragraphs: XmlNode[] }> {
  const model = loadModel(FIXTURE);
  const report = model.reports[0]!;
  const docx = await openDocx(await renderReportDocx(report, { root: model.root, settings }));
  const document = await docx.xml('word/document.xml');
  return { report, docx, document, paragraphs: findAll(document, 'w:p') };
}

describe('Markdown in the Word file', () => {
  let docx: Docx;
  let document: XmlNode;
  let paragraphs: XmlNode[];
  let report: ReportModel;
  beforeAll(async () => {
    ({ docx, document, paragraphs, report } = await render());
  });

  it('gives every run of the body and of the notes its fonts', async () => {
    const notes = await docx.xml('word/footnotes.xml');
    // Word's own note marks (footnoteRef, separators) carry a style only, as Word writes them.
    const own = (r: XmlNode) => !r.children.some((c) => ['w:footnoteRef', 'w:separator', 'w:continuationSeparator'].includes(c.name));
    const all = [...findAll(document, 'w:r'), ...findAll(notes, 'w:r').filter(own)];
    for (const r of all) expect(at(r, 'w:rPr', 'w:rFonts')?.attrs['w:hint'], textOf(r)).toBe('eastAsia');
  });

  it('sets strong text bold, emphasis in 楷体, deletions struck through, and joins soft line breaks', () => {
    const p = para(paragraphs, '正文有');
    expect(textOf(p)).toBe('正文有加粗、强调和删除的文字，引用指标1054件，还有行内代码GB/T 9704。这一行在源文件里另起一行，排版时接在上一行后面。');
    const run = (text: string) => findAll(p, 'w:r').find((r) => textOf(r) === text)!;
    expect(at(run('加粗'), 'w:rPr', 'w:b')).toBeDefined();
    expect(eastAsia(run('强调'))).toBe('楷体_GB2312');
    expect(at(run('删除'), 'w:rPr', 'w:strike')).toBeDefined();
    expect(eastAsia(run('1054件'))).toBe('仿宋_GB2312');
  });

  it('numbers body headings from their place in the outline', () => {
    expect(styleOf(para(paragraphs, '（一）主要做法'))).toBe('Heading2');
    expect(styleOf(para(paragraphs, '1.规范办理程序'))).toBe('Heading3');
    expect(styleOf(para(paragraphs, '（1）细化工作要求'))).toBe('Heading4');
    expect(styleOf(para(paragraphs, '（二）工作特色'))).toBe('Heading2');
    expect(styleOf(para(paragraphs, '二、下一步工作打算'))).toBe('Heading1');
  });

  it('restarts numbering for each list, keeps a list’s own start, and nests bullets one level in', async () => {
    const first = ['第一条', '第二条', '第三条'].map((t) => para(paragraphs, t));
    const again = ['重新编号的第一条', '重新编号的第二条'].map((t) => para(paragraphs, t));
    const fromThree = para(paragraphs, '从三开始的条目');
    const nested = para(paragraphs, '子项甲');
    expect(new Set(first.map(numId)).size).toBe(1);
    expect(new Set(again.map(numId)).size).toBe(1);
    expect(numId(again[0]!)).not.toBe(numId(first[0]!));
    expect(ilvl(nested)).toBe('1');
    const numbering = await docx.xml('word/numbering.xml');
    const num = (id: string | undefined) => findAll(numbering, 'w:num').find((n) => n.attrs['w:numId'] === id)!;
    const startOf = (id: string | undefined) => at(num(id), 'w:lvlOverride', 'w:startOverride')!.attrs['w:val'];
    expect(startOf(numId(first[0]!))).toBe('1');
    expect(startOf(numId(again[0]!))).toBe('1');
    expect(startOf(numId(fromThree))).toBe('3');
    const abstract = (id: string | undefined) => findAll(numbering, 'w:abstractNum').find((a) => a.attrs['w:abstractNumId'] === at(num(id), 'w:abstractNumId')!.attrs['w:val'])!;
    const level0 = findAll(abstract(numId(first[0]!)), 'w:lvl')[0]!;
    expect(at(level0, 'w:numFmt')!.attrs['w:val']).toBe('decimal');
    expect(at(level0, 'w:lvlText')!.attrs['w:val']).toBe('%1.');
    expect(at(findAll(abstract(numId(nested)), 'w:lvl')[1], 'w:numFmt')!.attrs['w:val']).toBe('bullet');
    // Task items show their box instead of a bullet.
    expect(textOf(para(paragraphs, '☑'))).toBe('☑已完成的任务');
    expect(numId(para(paragraphs, '☐'))).toBeUndefined();
  });

  it('sets block quotes in 楷体 in the Quote style', () => {
    const quote = para(paragraphs, '引用的文字');
    expect(styleOf(quote)).toBe('Quote');
    for (const r of findAll(quote, 'w:r')) expect(eastAsia(r)).toBe('楷体_GB2312');
  });

  it('makes a Markdown table a Word table with a repeated 黑体 header and the column alignment', () => {
    const table = findAll(document, 'w:tbl')[0]!;
    const rows = findAll(table, 'w:tr');
    expect(at(rows[0], 'w:trPr', 'w:tblHeader')).toBeDefined();
    expect(findAll(rows[0]!, 'w:r').map(eastAsia)).toEqual(['黑体', '黑体', '黑体']);
    expect(rows.map((r) => r.children.filter((c) => c.name === 'w:tc').map(textOf))).toEqual([
      ['项目', '数量', '说明'],
      ['办理', '1054件', '全年'],
      ['复议', '18件', '全年'],
    ]);
    const amount = findAll(rows[1]!, 'w:tc')[1]!;
    expect(at(findAll(amount, 'w:p')[0], 'w:pPr', 'w:jc')!.attrs['w:val']).toBe('right');
    expect(at(table, 'w:tblPr', 'w:tblW')!.attrs['w:w']).toBe(String(TYPE_AREA.width));
  });

  it('keeps a link’s words in the text and gives its address in a footnote; a bare address is a HYPERLINK field', async () => {
    const p = para(paragraphs, '规范办理程序的正文');
    expect(textOf(p)).toBe('规范办理程序的正文，详见县政府门户网站。网址也可以直接写：https://www.example.gov.cn/。');
    expect(findAll(p, 'w:footnoteReference').map((f) => f.attrs['w:id'])).toEqual(['1', '2']);
    expect(findAll(p, 'w:instrText').map((t) => t.children[0]?.text?.trim())).toEqual(['HYPERLINK "https://www.example.gov.cn/"']);
    const notes = await docx.xml('word/footnotes.xml');
    const note = (id: string) => findAll(notes, 'w:footnote').find((f) => f.attrs['w:id'] === id)!;
    expect(textOf(note('1'))).toBe('依据《中华人民共和国政府信息公开条例》。');
    expect(textOf(note('2'))).toBe('https://www.example.gov.cn/zwgk/');
    expect(findAll(note('2'), 'w:instrText')[0]!.children[0]!.text!.trim()).toBe('HYPERLINK "https://www.example.gov.cn/zwgk/"');
    for (const r of findAll(p, 'w:r').filter((r) => child(r, 'w:footnoteReference'))) {
      expect(at(r, 'w:rPr', 'w:rStyle')!.attrs['w:val']).toBe('FootnoteReference');
    }
  });

  it('embeds pictures with their alt text, an SVG chart with a 300 dpi PNG for older Word, within the type area', async () => {
    const drawings = findAll(document, 'w:drawing');
    expect(drawings.length).toBe(2);
    expect(findAll(document, 'wp:docPr').map((d) => d.attrs['descr'])).toEqual(['全县矛盾纠纷调处情况柱状图', '调解现场照片']);
    const maxEmu = TYPE_AREA.width * 635;
    for (const d of drawings) expect(Number(findAll(d, 'wp:extent')[0]!.attrs['cx'])).toBeLessThanOrEqual(maxEmu);
    expect(docx.files.filter((f) => f.startsWith('word/media/')).sort()).toEqual(['word/media/image1.png', 'word/media/image1.svg', 'word/media/image2.png']);
    expect(findAll(drawings[0]!, 'asvg:svgBlip').length).toBe(1);
    // The fallback PNG: 480 CSS pixels (5 in) at 300 dpi.
    const png = await docx.bytes('word/media/image1.png');
    expect(png.readUInt32BE(16)).toBe(1500);
    expect(textOf(para(paragraphs, '图1'))).toBe('图1　全县矛盾纠纷调处情况');
    expect(styleOf(para(paragraphs, '图1'))).toBe('Caption');
  });

  it('stops with a message in Chinese when a picture is missing or lies outside the project', async () => {
    for (const [url, message] of [
      ['missing.png', '找不到图片文件 content/reports/markdown-coverage/missing.png'],
      ['../../../../../../../../etc/hostname', '在项目文件夹之外'],
    ]) {
      const model = freshModel(FIXTURE);
      const report = model.reports[0]!;
      report.sections[0]!.body.children.push({ type: 'paragraph', children: [{ type: 'image', url: url!, alt: '缺失的图' }] });
      await expect(renderReportDocx(report, { root: model.root })).rejects.toThrow(message!);
    }
  });

  it('prints code blocks line by line without indent', () => {
    expect(styleOf(para(paragraphs, '第一行代码'))).toBe('PlainText');
    expect(styleOf(para(paragraphs, '第二行代码'))).toBe('PlainText');
  });

  it('adds 附件说明 with aligned numbers, then the signature, then 附注 in brackets', () => {
    const body = bodyParagraphs(document);
    const a1 = para(body, '附件：1.');
    const a2 = para(body, '2.2023年度');
    expect(textOf(a1)).toBe(`附件：1.${report.meta.attachments[0]}`);
    const ind = (p: XmlNode) => at(p, 'w:pPr', 'w:ind')!.attrs;
    // Names wrap under their own first character; the second number stands under the first.
    expect(ind(a1)['w:left']).toBe(ind(a2)['w:left']);
    expect(Number(ind(a1)['w:left']) - Number(ind(a1)['w:hanging'])).toBe(640);
    // “2.” starts where “1.” does: two characters and 附件： in.
    expect(Number(ind(a2)['w:left']) - Number(ind(a2)['w:hanging'])).toBe(chars(5));
    expect(textOf(body[body.indexOf(a1) - 1]!)).toBe('');
    const date = body.find((p) => styleOf(p) === 'Date')!;
    expect(textOf(body[body.indexOf(date) + 1]!)).toBe('（此件公开发布）');
    expect(textOf(date)).toBe('2023年2月8日');
  });
});

describe('DOCX settings', () => {
  it('runs headings of the chosen levels into their paragraph, with a full stop and the heading face', async () => {
    const { paragraphs } = await render(DocxSettings.parse({ runInLevels: [2, 3], boldLevel3: true }));
    const tese = para(paragraphs, '（二）工作特色');
    expect(textOf(tese)).toBe('（二）工作特色。工作特色的正文紧接在标题后面。');
    expect(styleOf(tese)).toBe('Normal');
    const first = findAll(tese, 'w:r')[0]!;
    expect(at(first, 'w:rPr', 'w:rStyle')!.attrs['w:val']).toBe('RunInHeading2');
    expect(eastAsia(first)).toBe('楷体_GB2312');
    const level3 = para(paragraphs, '1.规范办理程序');
    expect(textOf(level3).startsWith('1.规范办理程序。规范办理程序的正文')).toBe(true);
    expect(at(findAll(level3, 'w:r')[0], 'w:rPr', 'w:b')).toBeDefined();
    // A heading followed by another heading stays on its own line.
    expect(styleOf(para(paragraphs, '（一）主要做法'))).toBe('Heading2');
  });

  it('adds each section’s data table when asked, as the web shows it', async () => {
    const without = await render();
    expect(findAll(without.document, 'w:tbl').length).toBe(1);
    const { document, paragraphs } = await render(DocxSettings.parse({ metricTables: true }));
    const tables = findAll(document, 'w:tbl');
    expect(tables.length).toBe(2);
    const caption = para(paragraphs, '一、工作开展情况：数据');
    expect(styleOf(caption)).toBe('Caption');
    const rows = findAll(tables[1]!, 'w:tr').map((tr) => tr.children.filter((c) => c.name === 'w:tc').map(textOf));
    expect(rows).toEqual([
      ['指标', '2022年'],
      ['办理件数', '1054件'],
      ['复议件数', '18件'],
    ]);
    expect(at(findAll(tables[1]!, 'w:tr')[0], 'w:trPr', 'w:tblHeader')).toBeDefined();
  });

  it('writes the organisation’s font names into styles, runs and the font table', async () => {
    const settings = DocxSettings.parse({ fonts: { fangsong: '方正仿宋_GBK', latin: 'Arial' } });
    const { docx, paragraphs } = await render(settings);
    const styles = await docx.text('word/styles.xml');
    expect(styles).toContain('w:eastAsia="方正仿宋_GBK"');
    const run = findAll(para(paragraphs, '正文有'), 'w:r')[0]!;
    expect(at(run, 'w:rPr', 'w:rFonts')!.attrs).toMatchObject({ 'w:eastAsia': '方正仿宋_GBK', 'w:ascii': 'Arial', 'w:hAnsi': 'Arial' });
    const fonts = await docx.xml('word/fontTable.xml');
    const font = findAll(fonts, 'w:font').find((f) => f.attrs['w:name'] === '方正仿宋_GBK')!;
    expect(at(font, 'w:altName')!.attrs['w:val']).toBe('仿宋');
    expect(at(font, 'w:charset')!.attrs['w:val']).toBe('86');
  });

  it('has the standard’s faces as defaults and refuses what it does not know', () => {
    expect(DocxSettings.parse({}).fonts).toEqual({ xiaobiaosong: '方正小标宋简体', fangsong: '仿宋_GB2312', heiti: '黑体', kaiti: '楷体_GB2312', songti: '宋体', latin: 'Times New Roman' });
    expect(DocxSettings.parse({}).boldLevel3).toBe(false);
    expect(DocxSettings.safeParse({ runInLevels: [1] }).success).toBe(false);
    expect(DocxSettings.safeParse({ fonts: { fangsong: '' } }).success).toBe(false);
    expect(DocxSettings.safeParse({ font: {} }).success).toBe(false);
  });
});
