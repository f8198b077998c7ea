import { runFonts } from './fonts.ts';
import { FIRST_LINE_INDENT, LINE_PITCH, PAGE_NUMBER_LINE, SIZE, chars, compactLine, trackingFor } from './official-format.ts';
import { pPr, rPr, type ParagraphProps, type RunProps } from './ooxml-props.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { W_NS, XML_HEADER, el } from './xml.ts';

/** Style ids the renderer uses. Built-in styles keep Word's names, which is how Word recognises them. */
export const STYLE = {
  normal: 'Normal',
  title: 'Title',
  heading: (level: number) => `Heading${level}`,
  runInHeading: (level: number) => `RunInHeading${level}`,
  signature: 'Signature',
  mainRecipient: 'MainRecipient',
  date: 'Date',
  quote: 'Quote',
  listParagraph: 'ListParagraph',
  plainText: 'PlainText',
  figure: 'Figure',
  caption: 'Caption',
  tableText: 'TableText',
  tableTextSmall: 'TableTextSmall',
  tableHeader: 'TableHeader',
  tableHeaderSmall: 'TableHeaderSmall',
  tableNote: 'TableNote',
  footer: 'Footer',
  footnoteText: 'FootnoteText',
  footnoteReference: 'FootnoteReference',
  hyperlink: 'Hyperlink',
  table: 'OfficialTable',
} as const;

/** Body text: 三号, tracked to 28 characters a line, on the 22-line pitch. */
export const BODY_TRACKING = trackingFor(SIZE.三号);

interface StyleDef {
  type: 'paragraph' | 'character' | 'table' | 'numbering';
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  isDefault?: boolean;
  uiPriority?: number;
  quick?: boolean;
  hidden?: boolean;
  p?: ParagraphProps;
  r?: RunProps;
  extra?: string;
}

function style(s: StyleDef): string {
  return el(
    'w:style',
    { 'w:type': s.type, 'w:default': s.isDefault ? '1' : undefined, 'w:styleId': s.id },
    el('w:name', { 'w:val': s.name }),
    s.basedOn ? el('w:basedOn', { 'w:val': s.basedOn }) : '',
    s.next ? el('w:next', { 'w:val': s.next }) : '',
    s.uiPriority !== undefined ? el('w:uiPriority', { 'w:val': s.uiPriority }) : '',
    s.hidden ? el('w:semiHidden') + el('w:unhideWhenUsed') : '',
    s.quick ? el('w:qFormat') : '',
    s.p ? pPr(s.p) : '',
    s.r ? rPr(s.r) : '',
    s.extra ?? '',
  );
}

/** Paragraphs off the body grid: pictures, tables, notes, footers. */
const offGrid = { snapToGrid: false, firstLine: 0 } as const;

/**
 * The document's styles.xml. The formatting lives in styles, as a careful Word user would set it
 * up: a clerk who types a new paragraph gets the official format. Runs repeat fonts and sizes so
 * that text pasted into another document keeps them.
 */
export function stylesXml(settings: DocxSettings): string {
  const f = settings.fonts;
  const body = { fonts: runFonts(f, 'fangsong'), tracking: BODY_TRACKING, size: SIZE.三号 };
  const headingFaces = { 1: 'heiti', 2: 'kaiti', 3: 'fangsong', 4: 'fangsong' } as const;
  const styles: StyleDef[] = [
    {
      type: 'paragraph',
      id: STYLE.normal,
      name: 'Normal',
      isDefault: true,
      quick: true,
      // Widow and orphan control: no paragraph's first or last line alone at a page foot or top.
      p: { widowControl: true, overflowPunct: true, line: LINE_PITCH, firstLine: FIRST_LINE_INDENT, firstLineChars: 200, jc: 'both' },
      r: body,
    },
    {
      type: 'paragraph',
      id: STYLE.title,
      name: 'Title',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      quick: true,
      uiPriority: 10,
      p: { snapToGrid: false, firstLine: 0, jc: 'center' },
      r: { fonts: runFonts(f, 'xiaobiaosong'), tracking: 0, size: SIZE.二号 },
    },
    ...[1, 2, 3, 4].map(
      (level): StyleDef => ({
        type: 'paragraph',
        id: STYLE.heading(level),
        name: `heading ${level}`,
        basedOn: STYLE.normal,
        next: STYLE.normal,
        quick: true,
        uiPriority: 9,
        p: { keepNext: true, outlineLevel: level - 1 },
        r: { fonts: runFonts(f, headingFaces[level as 1 | 2 | 3 | 4]), bold: level === 3 && settings.boldLevel3 ? true : undefined },
      }),
    ),
    ...[2, 3, 4].map(
      (level): StyleDef => ({
        type: 'character',
        id: STYLE.runInHeading(level),
        name: `段内标题 ${level}`,
        basedOn: 'DefaultParagraphFont',
        uiPriority: 9,
        r: { fonts: runFonts(f, headingFaces[level as 2 | 3 | 4]), bold: level === 3 && settings.boldLevel3 ? true : undefined },
      }),
    ),
    { type: 'paragraph', id: STYLE.signature, name: 'Signature', basedOn: STYLE.normal, p: { firstLine: 0, jc: 'left' } },
    { type: 'paragraph', id: STYLE.mainRecipient, name: '主送机关', basedOn: STYLE.normal, next: STYLE.normal, p: { firstLine: 0, jc: 'left' } },
    { type: 'paragraph', id: STYLE.date, name: 'Date', basedOn: STYLE.normal, next: STYLE.normal, p: { firstLine: 0, jc: 'left' } },
    { type: 'paragraph', id: STYLE.quote, name: 'Quote', basedOn: STYLE.normal, next: STYLE.normal, quick: true, p: { left: chars(2) }, r: { fonts: runFonts(f, 'kaiti') } },
    { type: 'paragraph', id: STYLE.listParagraph, name: 'List Paragraph', basedOn: STYLE.normal, quick: true },
    { type: 'paragraph', id: STYLE.plainText, name: 'Plain Text', basedOn: STYLE.normal, p: { firstLine: 0, jc: 'left' } },
    { type: 'paragraph', id: STYLE.figure, name: '图片', basedOn: STYLE.normal, next: STYLE.caption, p: { ...offGrid, keepNext: true, line: 'auto', jc: 'center' } },
    {
      type: 'paragraph',
      id: STYLE.caption,
      name: 'caption',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      quick: true,
      p: { ...offGrid, line: compactLine(SIZE.小四), jc: 'center' },
      r: { tracking: 0, size: SIZE.小四 },
    },
    ...tableStyles(settings),
    {
      type: 'paragraph',
      id: STYLE.footer,
      name: 'footer',
      basedOn: STYLE.normal,
      p: { ...offGrid, line: PAGE_NUMBER_LINE },
      r: { fonts: runFonts(f, 'songti'), tracking: 0, size: SIZE.四号 },
    },
    {
      type: 'paragraph',
      id: STYLE.footnoteText,
      name: 'footnote text',
      basedOn: STYLE.normal,
      hidden: true,
      p: { ...offGrid, line: compactLine(SIZE.小四) },
      r: { tracking: 0, size: SIZE.小四 },
    },
    { type: 'character', id: STYLE.footnoteReference, name: 'footnote reference', basedOn: 'DefaultParagraphFont', hidden: true, r: { superscript: true } },
    { type: 'character', id: STYLE.hyperlink, name: 'Hyperlink', basedOn: 'DefaultParagraphFont', hidden: true },
    { type: 'character', id: 'DefaultParagraphFont', name: 'Default Paragraph Font', isDefault: true, hidden: true, uiPriority: 1 },
    {
      type: 'table',
      id: 'TableNormal',
      name: 'Normal Table',
      isDefault: true,
      hidden: true,
      uiPriority: 99,
      extra: el('w:tblPr', {}, el('w:tblInd', { 'w:w': 0, 'w:type': 'dxa' }), cellMargins()),
    },
    {
      type: 'table',
      id: STYLE.table,
      name: '公文表格',
      basedOn: 'TableNormal',
      uiPriority: 59,
      extra:
        el(
          'w:tblPr',
          {},
          el(
            'w:tblBorders',
            {},
            ...['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => el(`w:${side}`, { 'w:val': 'single', 'w:sz': 4, 'w:space': 0, 'w:color': '000000' })),
          ),
          cellMargins(),
        ) + el('w:tcPr', {}, el('w:vAlign', { 'w:val': 'center' })),
    },
    { type: 'numbering', id: 'NoList', name: 'No List', isDefault: true, hidden: true, uiPriority: 99 },
  ];

  const defaults = el(
    'w:docDefaults',
    {},
    el('w:rPrDefault', {}, rPr({ fonts: runFonts(f, 'fangsong'), size: SIZE.三号, lang: true })),
    el('w:pPrDefault', {}, el('w:pPr')),
  );
  return `${XML_HEADER}${el('w:styles', { 'xmlns:w': W_NS }, defaults, ...styles.map(style))}`;
}

/** Cell text: 小四, or 五号 in wide tables; headers in 黑体; off the body grid, no tracking. */
function tableStyles(settings: DocxSettings): StyleDef[] {
  const f = settings.fonts;
  const text = (id: string, name: string, size: number): StyleDef => ({
    type: 'paragraph',
    id,
    name,
    basedOn: STYLE.normal,
    p: { ...offGrid, line: compactLine(size), jc: 'center' },
    r: { tracking: 0, size },
  });
  return [
    text(STYLE.tableText, '表格文字', SIZE.小四),
    text(STYLE.tableTextSmall, '表格文字（小）', SIZE.五号),
    { type: 'paragraph', id: STYLE.tableHeader, name: '表头', basedOn: STYLE.tableText, r: { fonts: runFonts(f, 'heiti') } },
    { type: 'paragraph', id: STYLE.tableHeaderSmall, name: '表头（小）', basedOn: STYLE.tableTextSmall, r: { fonts: runFonts(f, 'heiti') } },
    { type: 'paragraph', id: STYLE.tableNote, name: '表注', basedOn: STYLE.tableText, p: { jc: 'both' } },
  ];
}

function cellMargins(): string {
  return el(
    'w:tblCellMar',
    {},
    el('w:top', { 'w:w': 28, 'w:type': 'dxa' }),
    el('w:left', { 'w:w': 85, 'w:type': 'dxa' }),
    el('w:bottom', { 'w:w': 28, 'w:type': 'dxa' }),
    el('w:right', { 'w:w': 85, 'w:type': 'dxa' }),
  );
}
