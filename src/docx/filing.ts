/**
 * The filing copy's 版头 and 版记 (GB/T 9704-2012 7.2, 7.4) as WordprocessingML. They are placed
 * by exact heights, not by the body's grid: empty paragraphs of an exact line height move the next
 * element to where the standard puts it (the 发文机关标志's top 35 mm below the type area's top,
 * the red line 4 mm below the 发文字号, the 版记's last rule on the type area's bottom edge), so
 * the positions do not depend on the fonts a reader's machine has. The numbers come from
 * src/official/filing-layout.ts, which the print page uses too.
 */
import { ImportedXmlComponent, type FileChild } from 'docx';
import type { ReportModel } from '../content/index.ts';
import {
  HALF_LEADING,
  OFFICIAL_RED,
  PITCH,
  RED_RULE,
  RULE_GAP,
  TAIL_SIZE,
  TYPE_AREA_PT,
  headGeometry,
  copyToLines,
  signerLines,
  tailRows,
} from '../official/filing-layout.ts';
import { textWidth } from '../official/text-width.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { runFonts, type Face } from './fonts.ts';
import { PAGE_NUMBER_INDENT, TYPE_AREA } from './official-format.ts';
import { rPr } from './ooxml-props.ts';
import { chineseDate } from './signature-layout.ts';
import { el } from './xml.ts';

const twips = (pt: number) => Math.round(pt * 20);
/**
 * Word and LibreOffice set a line of exact height with 80 % of it above the baseline; a Chinese
 * face's em box reaches 0.88 em above the baseline. So the em box of text in a line exactly as
 * high as the text starts 0.08 em above the line's top.
 */
const EM_ABOVE_EXACT_LINE = 0.88 - 0.8;

/** A raw element among the document's children (the library writes it as it is). */
const raw = (xml: string): FileChild => ImportedXmlComponent.fromXmlString(xml) as unknown as FileChild;

interface RunLook {
  face: Face;
  /** Points. */
  size: number;
  color?: string;
}

function run(settings: DocxSettings, text: string, look: RunLook): string {
  const parts = text.split('\t');
  const texts = parts.map((t, i) => (i > 0 ? el('w:tab') : '') + (t ? el('w:t', { 'xml:space': 'preserve' }, escape(t)) : '')).join('');
  return el('w:r', {}, rPr({ fonts: runFonts(settings.fonts, look.face), snapToGrid: false, ...(look.color ? { color: look.color } : {}), tracking: 0, size: look.size * 2 }), texts);
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface ParagraphLook {
  /** Exact line height, points. */
  line: number;
  jc?: 'left' | 'center' | 'right' | 'distribute';
  /** Twips. */
  left?: number;
  right?: number;
  hanging?: number;
  tabs?: { val: 'left' | 'right'; pos: number }[];
  border?: string;
  pageBreakBefore?: boolean;
  keepNext?: boolean;
}

function paragraph(look: ParagraphLook, runs = '', markSize = 2): string {
  const ind = el('w:ind', { 'w:left': look.left ?? 0, 'w:right': look.right ?? 0, ...(look.hanging ? { 'w:hanging': look.hanging } : { 'w:firstLine': 0 }), 'w:firstLineChars': 0 });
  const pPr = el(
    'w:pPr',
    {},
    look.keepNext ? el('w:keepNext') : '',
    look.pageBreakBefore ? el('w:pageBreakBefore') : '',
    el('w:widowControl', { 'w:val': '0' }),
    look.border ?? '',
    look.tabs ? el('w:tabs', {}, ...look.tabs.map((t) => el('w:tab', { 'w:val': t.val, 'w:pos': t.pos }))) : '',
    el('w:snapToGrid', { 'w:val': '0' }),
    el('w:spacing', { 'w:before': 0, 'w:after': 0, 'w:line': Math.max(1, twips(look.line)), 'w:lineRule': 'exact' }),
    ind,
    el('w:jc', { 'w:val': look.jc ?? 'left' }),
    // The paragraph mark of an empty spacer is tiny, so that it never needs more than its line.
    el('w:rPr', {}, el('w:sz', { 'w:val': markSize }), el('w:szCs', { 'w:val': markSize })),
  );
  return el('w:p', {}, pPr, runs);
}

/** An empty paragraph exactly `height` points high: moves what follows down by that much. */
const spacer = (height: number, keepNext = true) => paragraph({ line: height, keepNext });

/**
 * The 版头: 份号, 密级 and 紧急程度 at the top left; the 发文机关标志 in red 小标宋, centred, its top
 * 35 mm below the type area's top; two lines below it the 发文字号 (centred, or one character in
 * from the left with the 签发人 one character in from the right for a report to a higher level);
 * 4 mm below that the red line as wide as the type area; the title two lines below the line.
 */
export function filingHead(report: ReportModel, settings: DocxSettings): FileChild[] {
  const { filing } = report;
  const g = headGeometry(filing);
  const out: string[] = [];
  let y = 0;
  const body = (face: Face, text: string) => {
    out.push(paragraph({ line: PITCH, keepNext: true }, run(settings, text, { face, size: 16 })));
    y += PITCH;
  };
  for (const line of g.topLines) body(line.kind === 'copyNumber' ? 'fangsong' : 'heiti', line.text);

  const mark = g.mark;
  if (mark.names.length) {
    const lift = EM_ABOVE_EXACT_LINE * mark.size;
    out.push(spacer(g.markTop - y + lift));
    const look = { face: 'xiaobiaosong' as const, size: mark.size, color: OFFICIAL_RED };
    if (!mark.suffix) out.push(paragraph({ line: mark.size, jc: 'center', keepNext: true }, run(settings, mark.names[0]!, look), mark.size * 2));
    else out.push(jointMark(settings, mark.names, mark.suffix, mark.size, mark.height));
    y = g.markTop + lift + mark.height;
  }

  // The 签发人 lines above the last, then the last line: 发文字号 (and 签发人) with the red line below.
  const signers = signerLines(filing.signers);
  out.push(spacer(g.numberLinesTop - y));
  y = g.numberLinesTop;
  const signerText = (names: string[], first: boolean) => [first ? run(settings, '签发人：', { face: 'fangsong', size: 16 }) : run(settings, '\u3000\u3000\u3000\u3000', { face: 'fangsong', size: 16 }), run(settings, names.join('\u3000'), { face: 'kaiti', size: 16 })].join('');
  const area = TYPE_AREA.width;
  for (const [i, names] of signers.slice(0, -1).entries()) {
    out.push(paragraph({ line: PITCH, jc: 'right', right: PAGE_NUMBER_INDENT, keepNext: true }, signerText(names, i === 0)));
    y += PITCH;
  }
  const lift = EM_ABOVE_EXACT_LINE * 16;
  out.push(spacer(g.numberTop - y + lift));
  // The red line: the bottom border of the 发文字号's paragraph, as wide as the paragraph (the type area).
  const border = el(
    'w:pBdr',
    {},
    el('w:bottom', { 'w:val': 'single', 'w:sz': Math.round(RED_RULE * 8), 'w:space': Math.round(RULE_GAP - lift), 'w:color': OFFICIAL_RED }),
  );
  const number = filing.docNumber ?? '';
  if (signers.length) {
    const last = signers[signers.length - 1]!;
    out.push(
      paragraph(
        { line: 16, border, tabs: [{ val: 'left', pos: PAGE_NUMBER_INDENT }, { val: 'right', pos: area - PAGE_NUMBER_INDENT }], keepNext: true },
        run(settings, `\t${number}\t`, { face: 'fangsong', size: 16 }) + signerText(last, signers.length === 1),
        32,
      ),
    );
  } else {
    out.push(paragraph({ line: 16, border, jc: 'center', keepNext: true }, run(settings, number, { face: 'fangsong', size: 16 }), 32));
  }
  y = g.numberTop + lift + 16 + Math.round(RULE_GAP - lift) + RED_RULE;
  out.push(spacer(g.titleTop - y));
  return out.map(raw);
}

/** Joint issuers (7.2.4): the names one above the other, spread to one width, 文件 to their right, centred on them. */
function jointMark(settings: DocxSettings, names: string[], suffix: string, size: number, height: number): string {
  const look = { face: 'xiaobiaosong' as const, size, color: OFFICIAL_RED };
  const namesWidth = Math.ceil(Math.max(...names.map(textWidth)) * size * 20);
  const suffixWidth = Math.ceil((textWidth(suffix) + 1) * size * 20);
  const none = (side: string) => el(`w:${side}`, { 'w:val': 'nil' });
  const cell = (width: number, content: string) =>
    el('w:tc', {}, el('w:tcPr', {}, el('w:tcW', { 'w:w': width, 'w:type': 'dxa' }), el('w:vAlign', { 'w:val': 'center' })), content);
  const lines = names.map((n, i) => paragraph({ line: i < names.length - 1 ? size * 1.2 : size, jc: 'distribute' }, run(settings, n, look), size * 2)).join('');
  return el(
    'w:tbl',
    {},
    el(
      'w:tblPr',
      {},
      el('w:tblW', { 'w:w': namesWidth + suffixWidth, 'w:type': 'dxa' }),
      el('w:jc', { 'w:val': 'center' }),
      el('w:tblBorders', {}, ...['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(none)),
      el('w:tblLayout', { 'w:type': 'fixed' }),
      el('w:tblCellMar', {}, ...['top', 'left', 'bottom', 'right'].map((s) => el(`w:${s}`, { 'w:w': 0, 'w:type': 'dxa' }))),
    ),
    el('w:tblGrid', {}, el('w:gridCol', { 'w:w': namesWidth }), el('w:gridCol', { 'w:w': suffixWidth })),
    el(
      'w:tr',
      {},
      el('w:trPr', {}, el('w:cantSplit'), el('w:trHeight', { 'w:val': twips(height), 'w:hRule': 'exact' })),
      cell(namesWidth, lines),
      cell(suffixWidth, paragraph({ line: size, jc: 'right' }, run(settings, suffix, look), size * 2)),
    ),
  );
}

/** Border sizes in eighths of a point: 0.35 mm → 1 pt, 0.25 mm → ¾ pt (the nearest Word allows). */
const THICK = 8;
const THIN = 6;

/**
 * The 版记 (7.4), for the section that starts on the next even page: an empty paragraph pushes it
 * down so that its last rule lies on the type area's bottom edge. 抄送 (4号 仿宋, one character in
 * on each side, wrapped lines under the first name), then 印发机关 (one character in) and 印发日期
 * (one character in from the right); rules as wide as the type area, the first and the last
 * 0.35 mm, those between 0.25 mm. The rules are paragraph borders of paragraphs without indents
 * (a table would need a paragraph after it, below the last rule); the one-character spaces are tab
 * stops, and a long 抄送 is broken into lines here.
 */
export function filingTail(report: ReportModel, settings: DocxSettings): FileChild[] {
  const rows = tailRows(report.filing, chineseDate);
  if (rows.length === 0) return [raw(paragraph({ line: PITCH }))];
  const width = TYPE_AREA.width;
  const indent = PAGE_NUMBER_INDENT;
  const look = { face: 'fangsong' as const, size: TAIL_SIZE };
  const lines: { text: string; tabs: ParagraphLook['tabs'] }[] = [];
  for (const row of rows) {
    if (row.kind === 'copyTo') {
      const hang = indent + 3 * TAIL_SIZE * 20;
      for (const [i, text] of copyToLines(row.names ?? []).entries()) {
        lines.push({ text: `\t${text}`, tabs: [{ val: 'left', pos: i === 0 ? indent : hang }] });
      }
    } else {
      lines.push({ text: `\t${row.text}${row.right ? `\t${row.right}` : ''}`, tabs: [{ val: 'left', pos: indent }, { val: 'right', pos: width - indent }] });
    }
  }
  const copyLines = lines.length - (rows.some((r) => r.kind === 'printed') ? 1 : 0);
  const side = (sz: number) => ({ 'w:val': 'single', 'w:sz': sz, 'w:space': 0, 'w:color': '000000' });
  const rules: number[] = [];
  const xml = lines.map((line, i) => {
    const top = i === 0 ? THICK : undefined;
    const bottom = i === lines.length - 1 ? THICK : i === copyLines - 1 ? THIN : undefined;
    rules.push(...[top, bottom].filter((b): b is number => b !== undefined));
    const border = top || bottom ? el('w:pBdr', {}, top ? el('w:top', side(top)) : '', bottom ? el('w:bottom', side(bottom)) : '') : undefined;
    return paragraph({ line: PITCH, tabs: line.tabs, ...(border ? { border } : {}), jc: 'left', keepNext: i < lines.length - 1 }, run(settings, line.text, look), TAIL_SIZE * 2);
  });
  // Word and LibreOffice add the rules' widths to the lines' exact heights; a little room is left for rounding.
  const height = lines.length * PITCH + rules.reduce((a, b) => a + b, 0) / 8 + 0.3;
  return [raw(paragraph({ line: TYPE_AREA_PT.height - height, keepNext: true })), ...xml.map(raw)];
}
