/**
 * The filing copy (备案件) as Word XML, and the rules behind it: 发文字号 checks, the 版头's
 * geometry, the 版记's rows, the signature of each sealing, where the 版记 goes. No LibreOffice
 * here (tests/docx/filing-libreoffice.e2e.test.ts prints the files).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/content/index.ts';
import { loadContent } from '../../src/content/index.ts';
import { validateYaml } from '../../src/content/schema-diagnostics.ts';
import { parseYamlSource } from '../../src/content/yaml-source.ts';
import { PAGE, TYPE_AREA, chars } from '../../src/docx/official-format.ts';
import { renderReportDocx } from '../../src/docx/render.ts';
import { chineseDate, placeSealed, placeSignature } from '../../src/docx/signature-layout.ts';
import { MARK_TOP, PITCH, copyToLines, headGeometry, tailPlacement, tailRows } from '../../src/official/filing-layout.ts';
import { setWidth, textWidth } from '../../src/official/text-width.ts';
import { parseForms } from '../../src/cli/commands/build.ts';
import { docNumberProblem } from '../../src/schema/filing.ts';
import { ReportMeta } from '../../src/schema/report.ts';
import { copySample, replaceIn } from '../integrity/sample-project.ts';
import { bodyParagraphs, findAll, openDocx, path as xmlPath, styleOf, textOf, type XmlNode } from './ooxml.ts';
import { FAZHI, XINXI, sampleReport } from './samples.ts';

const twips = (pt: number) => Math.round(pt * 20);
const lineOf = (p: XmlNode) => Number(xmlPath(p, 'w:pPr', 'w:spacing')?.attrs['w:line'] ?? NaN);
const color = (r: XmlNode) => xmlPath(r, 'w:rPr', 'w:color')?.attrs['w:val'];
const eastAsia = (r: XmlNode) => xmlPath(r, 'w:rPr', 'w:rFonts')?.attrs['w:eastAsia'];
const size = (r: XmlNode) => Number(xmlPath(r, 'w:rPr', 'w:sz')?.attrs['w:val']);
const textRuns = (p: XmlNode) => findAll(p, 'w:r').filter((r) => textOf(r) !== '');

describe('发文字号 (7.2.5)', () => {
  it('takes 辰政发〔2023〕5号 and tells what is wrong with the usual mistakes, with the number as it should be', () => {
    expect(docNumberProblem('辰政发〔2023〕5号')).toBeUndefined();
    expect(docNumberProblem('辰政发[2023]5号')).toEqual({ problem: 'brackets', fixed: '辰政发〔2023〕5号' });
    expect(docNumberProblem('辰政发（2023）5号')).toEqual({ problem: 'brackets', fixed: '辰政发〔2023〕5号' });
    expect(docNumberProblem('辰政发【2023】5号')).toEqual({ problem: 'brackets', fixed: '辰政发〔2023〕5号' });
    expect(docNumberProblem('辰政发〔2023〕05号')).toEqual({ problem: 'zero', fixed: '辰政发〔2023〕5号' });
    expect(docNumberProblem('辰政发〔2023〕第5号')).toEqual({ problem: 'di', fixed: '辰政发〔2023〕5号' });
    expect(docNumberProblem('辰政发〔23〕5号')?.problem).toBe('year');
    expect(docNumberProblem('五号文件')?.problem).toBe('shape');
  });

  it('is checked in report.yaml with a Chinese message at its line', () => {
    const text = 'title: 标题\nyear: 2022\ntype: fazhi-zhengfu\nissuer: sifaju\nsource: 司法局\nwrittenDate: 2023-01-04\npublishedAt: 2023-01-04 11:30\ntopic: 政务公开\nsignature: 辰溪县司法局\ndocNumber: 辰政发[2023]05号\n';
    const parsed = parseYamlSource(text, 'report.yaml');
    if (!parsed.ok) throw new Error('yaml');
    const result = validateYaml(ReportMeta, parsed.source);
    expect(result.ok).toBe(false);
    const d = !result.ok ? result.diagnostics[0]! : undefined;
    expect(d).toMatchObject({ rule: 'schema.doc-number', line: 10 });
    expect(d!.message).toContain('六角括号');
    expect(d!.hint).toContain('辰政发〔2023〕5号');
  });
});

describe('the 版头 and 版记 as numbers', () => {
  const { report: fazhi } = sampleReport(FAZHI);
  const { report: xinxi } = sampleReport(XINXI);

  it('puts the mark 35 mm below the type area, the 发文字号 two lines below it, the red line 4 mm below that, the title on the grid two lines further', () => {
    for (const r of [fazhi, xinxi]) {
      const g = headGeometry(r.filing);
      expect(g.markTop).toBeCloseTo((35 * 72) / 25.4, 5);
      expect(g.numberLinesTop - (g.markTop + g.mark.height)).toBeCloseTo(2 * PITCH, 5);
      expect(g.ruleTop - g.numberBottom).toBeCloseTo((4 * 72) / 25.4, 5);
      expect(g.titleTop / PITCH).toBe(Math.round(g.titleTop / PITCH));
      expect(g.titleTop - g.ruleTop).toBeGreaterThanOrEqual(2 * PITCH);
    }
    // 辰溪县人民政府文件: nine characters of 初号 (42 pt) fit the 156 mm line.
    expect(headGeometry(fazhi.filing).mark).toMatchObject({ names: ['辰溪县人民政府文件'], size: 42 });
    expect(headGeometry(xinxi.filing).topLines).toEqual([{ kind: 'copyNumber', text: '000001' }]);
  });

  it('shrinks a long mark to the line and stacks joint issuers with 文件 once, on their right', () => {
    const issuer = (name: string) => ({ ...fazhi.filing.issuers[0]!, id: name, name, document: { mark: `${name}文件` } });
    const long = headGeometry({ ...fazhi.filing, issuers: [issuer('辰溪县人民政府办公室关于某某事项的')] });
    expect(long.mark.size * textWidth(long.mark.names[0]!)).toBeLessThanOrEqual(TYPE_AREA.width / 20);
    const joint = headGeometry({ ...fazhi.filing, issuers: [issuer('辰溪县人民政府办公室'), issuer('辰溪县司法局')] });
    expect(joint.mark).toMatchObject({ names: ['辰溪县人民政府办公室', '辰溪县司法局'], suffix: '文件' });
    expect(joint.mark.height).toBeCloseTo(joint.mark.size * 2.2, 5);
  });

  it('writes 抄送 with full-width commas and a full stop, wraps a long one by whole names, and prints the date as 2023年1月4日印发', () => {
    const rows = tailRows(fazhi.filing, chineseDate);
    expect(rows.map((r) => [r.kind, r.text, r.right, r.lines])).toEqual([
      ['copyTo', '抄送：中共辰溪县委办公室，辰溪县人大常委会办公室，辰溪县政协办公室。', undefined, 2],
      ['printed', '辰溪县人民政府办公室', '2023年1月4日印发', 1],
    ]);
    expect(copyToLines(rows[0]!.names!)).toEqual(['抄送：中共辰溪县委办公室，辰溪县人大常委会办公室，', '辰溪县政协办公室。']);
  });

  it('places the 版记 on an even page: below the text, alone on the next page, or after a blank page without page numbers', () => {
    expect(tailPlacement(4, 200, 90)).toEqual({ page: 4, blankBefore: false, numbered: true });
    expect(tailPlacement(3, 600, 90)).toEqual({ page: 4, blankBefore: false, numbered: true });
    expect(tailPlacement(4, 50, 90)).toEqual({ page: 6, blankBefore: true, numbered: false });
  });
});

describe('signatures (7.3.5)', () => {
  it('unsealed: a name at least as long as the date keeps the two-character right space, the date starts two characters in from it', () => {
    // 辰溪县人民政府 (7) and 2023年1月4日 set without extra spaces (6): the name is the longer.
    const p = placeSignature('辰溪县人民政府', '2023年1月4日', 28, textWidth);
    expect(p).toEqual({ nameStart: 19, dateStart: 21, anchor: 'name' });
    // With the quarter spaces Word puts around digits the date (7.25) is the longer: it keeps the right space.
    const q = placeSignature('辰溪县人民政府', '2023年1月4日', 28, setWidth);
    expect(q.anchor).toBe('date');
    expect(q.dateStart + setWidth('2023年1月4日')).toBe(26);
    expect(q.dateStart - q.nameStart).toBe(2);
  });

  it('sealed: the date four characters from the right, the name centred on it', () => {
    expect(placeSealed('辰溪县人民政府', '2023年1月4日', textWidth)).toEqual({ dateRight: 4, nameRight: 3.5 });
    expect(placeSealed('辰溪县司法局', '2023年1月18日', textWidth)).toEqual({ dateRight: 4, nameRight: 4.25 });
  });
});

describe('--form', () => {
  it('takes filing or public; anything else is a usage error in Chinese', () => {
    expect(parseForms(undefined)).toEqual({ ok: true });
    expect(parseForms('filing')).toEqual({ ok: true, forms: ['public', 'filing'] });
    expect(parseForms('public')).toEqual({ ok: true, forms: ['public'] });
    const bad = parseForms('beian');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('filing');
  });
});

describe.each([FAZHI, XINXI])('%s: the filing copy as Word XML', (slug) => {
  let report: ReportModel;
  let paragraphs: XmlNode[];
  let document: XmlNode;
  let publicXml: string;
  beforeAll(async () => {
    const { model, report: r } = sampleReport(slug);
    report = r;
    const docx = await openDocx(await renderReportDocx(r, { root: model.root, form: 'filing' }));
    document = await docx.xml('word/document.xml');
    paragraphs = bodyParagraphs(document);
    publicXml = await (await openDocx(await renderReportDocx(r, { root: model.root }))).text('word/document.xml');
  });

  it('sets the 发文机关标志 in red 小标宋, centred, its em box 35 mm below the type area (exact heights above it)', () => {
    const i = paragraphs.findIndex((p) => textRuns(p).some((r) => color(r) === 'FF0000'));
    const mark = paragraphs[i]!;
    expect(textOf(mark)).toBe(report.filing.issuers[0]!.document!.mark);
    const run = textRuns(mark)[0]!;
    expect(eastAsia(run)).toBe('方正小标宋简体');
    expect(size(run)).toBe(84);
    expect(xmlPath(mark, 'w:pPr', 'w:jc')?.attrs['w:val']).toBe('center');
    expect(lineOf(mark)).toBe(84 * 10);
    // Everything above: exact lines, adding up to 35 mm and the 0.08 em that Word and LibreOffice put above an exact line's em box.
    const above = paragraphs.slice(0, i).reduce((sum, p) => sum + lineOf(p), 0);
    expect(Math.abs(above - twips(MARK_TOP + 0.08 * 42))).toBeLessThanOrEqual(2);
    // The public copy has no 版头, and a 发文字号 or 主送机关 given for the filing copy only stays off it.
    expect(publicXml).not.toContain('FF0000');
    if (report.meta.docNumber !== report.filing.docNumber) expect(publicXml).not.toContain(report.filing.docNumber!);
    expect(publicXml.includes(`${report.filing.mainRecipient}：`)).toBe(report.meta.mainRecipient === report.filing.mainRecipient);
  });

  it('draws the red line as the bottom border of the 发文字号’s paragraph, which has no indent: as wide as the type area', () => {
    const number = paragraphs.find((p) => textOf(p).includes(report.filing.docNumber!))!;
    const border = xmlPath(number, 'w:pPr', 'w:pBdr', 'w:bottom')!;
    expect(border.attrs).toMatchObject({ 'w:val': 'single', 'w:color': 'FF0000', 'w:sz': '8' });
    // The space below the text: 4 mm less what the exact line puts below the em box.
    expect(Number(border.attrs['w:space'])).toBe(Math.round((4 * 72) / 25.4 - 0.08 * 16));
    const ind = xmlPath(number, 'w:pPr', 'w:ind')!.attrs;
    expect([ind['w:left'], ind['w:right']]).toEqual(['0', '0']);
    const sect = findAll(document, 'w:sectPr')[0]!;
    const pgMar = xmlPath(sect, 'w:pgMar')!.attrs;
    expect((PAGE.width - Number(pgMar['w:left']) - Number(pgMar['w:right'])) / ((1440 / 25.4) * 156)).toBeCloseTo(1, 3);
    if (report.filing.signers.length) {
      // 上行文: the number one character in (a tab stop), 签发人 one character from the right (a right tab), names in 楷体.
      const tabs = findAll(number, 'w:tab').filter((t) => t.attrs['w:pos']).map((t) => [t.attrs['w:val'], Number(t.attrs['w:pos'])]);
      expect(tabs).toEqual([['left', 320], ['right', TYPE_AREA.width - 320]]);
      const names = textRuns(number).find((r) => textOf(r) === report.filing.signers.join('\u3000'))!;
      expect(eastAsia(names)).toBe('楷体_GB2312');
      expect(textOf(number)).toContain('签发人：');
    } else expect(xmlPath(number, 'w:pPr', 'w:jc')?.attrs['w:val']).toBe('center');
  });

  it('puts the 主送机关 after the title and a blank line, flush left, ending in a full-width colon', () => {
    const title = paragraphs.findIndex((p) => styleOf(p) === 'Title');
    const recipient = paragraphs.findIndex((p) => styleOf(p) === 'MainRecipient');
    expect(recipient).toBe(title + 2);
    expect(textOf(paragraphs[recipient]!)).toBe(`${report.filing.mainRecipient}：`);
    expect(xmlPath(paragraphs[recipient]!, 'w:pPr', 'w:jc')?.attrs['w:val']).toBe('left');
  });

  it('signs as the document is sealed', () => {
    const name = paragraphs.find((p) => styleOf(p) === 'Signature')!;
    const date = paragraphs.find((p) => styleOf(p) === 'Date')!;
    const right = (p: XmlNode) => Number(xmlPath(p, 'w:pPr', 'w:ind')?.attrs['w:right']);
    if (report.filing.sealing === 'sealed') {
      expect(right(date)).toBe(chars(4));
      expect(right(name)).toBe(chars(placeSealed(report.meta.signature, chineseDate(report.meta.writtenDate)).nameRight));
      // Two blank lines above the name: room for the seal.
      const at = paragraphs.indexOf(name);
      expect(paragraphs.slice(at - 2, at).map(textOf)).toEqual(['', '']);
    } else expect(right(date)).toBe(chars(2));
  });

  it('starts the 版记 on the next even page without page numbers: rules as paragraph borders, 4号 仿宋, its last rule on the bottom edge', () => {
    const sections = findAll(document, 'w:sectPr');
    expect(sections).toHaveLength(2);
    const last = sections[1]!;
    expect(xmlPath(last, 'w:type')?.attrs['w:val']).toBe('evenPage');
    const start = paragraphs.findIndex((p) => xmlPath(p, 'w:pPr', 'w:sectPr'));
    const tail = paragraphs.slice(start + 1);
    const [spacer, ...rows] = tail;
    // Text (w:t) only: the tabs between are w:tab elements.
    expect(rows.map(textOf)).toEqual([...copyToLines(tailRows(report.filing, chineseDate)[0]!.names!), `${report.filing.printedBy}${chineseDate(report.filing.printedDate!)}印发`]);
    for (const r of rows) {
      expect(textRuns(r).every((run) => size(run) === 28 && eastAsia(run) === '仿宋_GB2312')).toBe(true);
      expect(lineOf(r)).toBe(579);
    }
    const borders = rows.map((r) => ['top', 'bottom'].map((side) => xmlPath(r, 'w:pPr', 'w:pBdr', `w:${side}`)?.attrs['w:sz'] ?? '-').join('/'));
    expect(borders[0]!.startsWith('8/')).toBe(true);
    expect(borders.at(-1)!.endsWith('/8')).toBe(true);
    expect(borders.at(-2)!.endsWith('/6')).toBe(true);
    // The spacer, the lines and the rules fill the type area, less a third of a point.
    const rules = (8 + 6 + 8) / 8;
    expect(lineOf(spacer!) / 20 + rows.length * PITCH + rules).toBeCloseTo(TYPE_AREA.height / 20 - 0.3, 0);
    // The 1-character spaces are tab stops; the rules' paragraphs have no indent.
    expect(findAll(rows.at(-1)!, 'w:tab').filter((t) => t.attrs['w:pos']).map((t) => Number(t.attrs['w:pos']))).toEqual([320, TYPE_AREA.width - 320]);
  });
});

describe('a report with joint issuers, a signature seal and an attachment with text', () => {
  const root = copySample('nianbao-filing-');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = 'content/reports/chenxi-sifaju-2022-xinxi-gongkai';
  replaceIn(root, `${dir}/report.yaml`, '  copyNumber: "000001"', '  issuedBy: [sifaju, xianzhengfu]\n  sealing: signed\n  signedBy: { office: 局长, person: ××× }\n  secrecy: 秘密★1年');
  replaceIn(root, `${dir}/report.yaml`, 'validity: 有效', 'validity: 有效\nattachments: [政府信息公开工作年度报表]');
  writeFileSync(path.join(root, dir, 'fujian-1.md'), '本表数据截至2022年12月31日。\n');
  writeFileSync(path.join(root, dir, 'fujian-2.md'), '多出来的附件。\n');

  it('reports the 密级 on a published report and the attachment text without a name as errors', () => {
    const loaded = loadContent(root);
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule).sort()).toEqual(['attachment.unlisted', 'filing.secret-published']);
    expect(loaded.diagnostics.find((d) => d.rule === 'filing.secret-published')!.message).toContain('秘密★1年');
  });

  it('renders the joint mark, the signature seal’s line and the attachment page', async () => {
    replaceIn(root, `${dir}/report.yaml`, '\n  secrecy: 秘密★1年', '');
    rmSync(path.join(root, dir, 'fujian-2.md'));
    const loaded = loadContent(root);
    expect(loaded.ok, JSON.stringify(loaded.diagnostics.filter((d) => d.severity === 'error'))).toBe(true);
    const report = loaded.ok ? loaded.model.reports.find((r) => r.slug === path.basename(dir))! : undefined;
    const docx = await openDocx(await renderReportDocx(report!, { root, form: 'filing' }));
    const document = await docx.xml('word/document.xml');
    const paragraphs = bodyParagraphs(document);
    // Joint issuers: a borderless table, names spread to one width, 文件 in the next cell.
    const table = findAll(document, 'w:tbl').find((t) => findAll(t, 'w:color').some((c) => c.attrs['w:val'] === 'FF0000'))!;
    expect(findAll(table, 'w:p').map(textOf)).toEqual(['辰溪县司法局', '辰溪县人民政府', '文件']);
    expect(findAll(table, 'w:jc').map((j) => j.attrs['w:val'])).toContain('distribute');
    // Signed by a person: office, two spaces, the signer (楷体), four characters from the right; the date a blank line below.
    const signer = paragraphs.find((p) => styleOf(p) === 'Signature')!;
    expect(textOf(signer)).toBe('局长\u3000\u3000×××');
    expect(Number(xmlPath(signer, 'w:pPr', 'w:ind')!.attrs['w:right'])).toBe(chars(4));
    const at = paragraphs.indexOf(signer);
    expect(textOf(paragraphs[at + 1]!)).toBe('');
    expect(styleOf(paragraphs[at + 2]!)).toBe('Date');
    // The attachment: on a new page, 附件 in 黑体, its name as a title on the third line, then its text.
    const label = paragraphs.findIndex((p) => textOf(p) === '附件');
    expect(xmlPath(paragraphs[label]!, 'w:pPr', 'w:pageBreakBefore')).toBeDefined();
    expect(eastAsia(textRuns(paragraphs[label]!)[0]!)).toBe('黑体');
    expect(styleOf(paragraphs[label + 2]!)).toBe('Title');
    expect(textOf(paragraphs[label + 2]!)).toBe('政府信息公开工作年度报表');
    expect(textOf(paragraphs[label + 4]!)).toBe('本表数据截至2022年12月31日。');
  });
});
