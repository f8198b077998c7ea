import { AlignmentType, Document, DocumentGridType, Footer, Paragraph, SectionType, type FileChild } from 'docx';
import type { Definition, FootnoteDefinition } from 'mdast';
import { visit } from 'unist-util-visit';
import type { ReportModel, SectionModel } from '../content/index.ts';
import { sectionTables } from '../tables/official-tables.ts';
import { blocks, hasImage } from './blocks.ts';
import { chartBlocks, loadPaperCharts } from './charts.ts';
import { closingParagraphs } from './closing.ts';
import { filingHead, filingTail } from './filing.ts';
import { bodyBlock, type RenderContext } from './context.ts';
import { headingParagraph, runInParagraph, wantsRunIn } from './headings.ts';
import { loadReportImages } from './images.ts';
import { phrasingRuns } from './inline.ts';
import { ListNumbering } from './lists.ts';
import { metricTable } from './metric-table.ts';
import { officialGridTable } from './official-table.ts';
import { FOOTER_DISTANCE, HEADER_DISTANCE, LINE_PITCH, PAGE, SIZE, TYPE_AREA } from './official-format.ts';
import { avoidLoneLastLines } from './last-lines.ts';
import { closingMark, keepBodyWithClosing } from './keep-closing.ts';
import { compileParts } from './pack.ts';
import { deterministicZip } from '../store/zip.ts';
import { appPropertiesXml, corePropertiesXml, customPropertiesXml, fontTableXml, settingsXml } from './package-parts.ts';
import { pageNumberFooters } from './page-numbers.ts';
import { textRun } from './runs.ts';
import { defaultDocxSettings, type DocxSettings } from '../schema/docx.ts';
import { STYLE, stylesXml } from './styles-xml.ts';
import { titleLines } from '../official/title-lines.ts';

/** The public copy (as published on the site) or the filing copy (the whole 公文, with 版头 and 版记). */
export type DocumentForm = 'public' | 'filing';

export interface RenderOptions {
  settings?: DocxSettings;
  /** Default the public copy. */
  form?: DocumentForm;
  /** Project root: pictures must lie inside it. */
  root: string;
}

/** One report as an official-format Word file (GB/T 9704-2012), the same bytes for the same content. */
export async function renderReportDocx(report: ReportModel, options: RenderOptions): Promise<Buffer> {
  const settings = options.settings ?? defaultDocxSettings;
  const ctx: RenderContext = {
    settings,
    report,
    footnotes: {},
    nextFootnoteId: 1,
    lists: new ListNumbering(settings),
    images: await loadReportImages(
      report.sections.map((s) => s.body),
      report.dir,
      options.root,
    ),
    nextDrawingId: 1,
    nextFigure: 1,
    footnoteDefinitions: new Map(),
    linkDefinitions: new Map(),
  };

  const charts = settings.charts ? await loadPaperCharts(report, settings) : [];

  const filing = options.form === 'filing';
  const children: FileChild[] = [...(filing ? filingHead(report, settings) : []), ...titleParagraphs(report, ctx), new Paragraph({ children: [] })];
  // 主送机关: one line below the title, flush left, full-width colon (GB/T 9704-2012 7.3.2); then the 导语.
  const recipient = filing ? report.filing.mainRecipient : report.meta.mainRecipient;
  if (recipient) {
    children.push(new Paragraph({ style: STYLE.mainRecipient, alignment: AlignmentType.LEFT, indent: { firstLine: 0, firstLineChars: 0 }, children: [textRun(settings, `${recipient}：`, bodyBlock.run)] }));
  }
  if (report.lead) children.push(...blocks(report.lead.body.children, ctx, bodyBlock));
  for (const section of report.sections) {
    children.push(...sectionBlocks(section, ctx));
    // The section's template tables, laid out as on the web (and in the official formats).
    for (const grid of sectionTables(report, section)) children.push(...officialGridTable(grid, ctx, section.title));
    children.push(...chartBlocks(charts.filter((c) => c.chart.section === section.slug), ctx));
    if (settings.metricTables) children.push(...metricTable(report, section, ctx));
  }
  children.push(closingMark());
  children.push(...(filing ? closingParagraphs(report.meta, ctx, report.filing.sealing, report.filing.signedBy) : closingParagraphs(report.meta, ctx)));
  children.push(...attachmentPages(report, ctx));

  // styles.xml, settings.xml (odd and even footers), the font table and the document properties
  // are nianbao's own (package-parts.ts, styles-xml.ts): the library can't say all they need.
  const page = {
    size: { width: PAGE.width, height: PAGE.height },
    margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
  };
  // A grid of 22 lines; the 28 characters come from tracking the text (see official-format.ts).
  const grid = { type: DocumentGridType.LINES, linePitch: LINE_PITCH };
  // An empty footer in the footer's own style: a body line would not fit below the type area.
  const empty = () => new Footer({ children: [new Paragraph({ style: STYLE.footer, children: [] })] });
  const doc = new Document({
    footnotes: ctx.footnotes,
    numbering: { config: ctx.lists.config },
    sections: [
      { properties: { page, grid }, footers: pageNumberFooters(settings), children },
      // The 版记 on the last page, which must be even (GB/T 9704-2012 7.4): a section that starts on
      // the next even page. When the text ends on an even page, Word and LibreOffice put a blank page
      // before it; the 版记 page carries no page number (7.5), and neither does that blank page.
      // No line grid on that page: its parts have exact heights, and LibreOffice lays out a second
      // section's grid lines from a different origin.
      ...(filing ? [{ properties: { type: SectionType.EVEN_PAGE, page }, footers: { default: empty(), even: empty() }, children: filingTail(report, settings) }] : []),
    ],
  });
  const meta = report.meta;
  const parts = compileParts(doc, [
    { path: 'word/styles.xml', data: stylesXml(settings) },
    { path: 'word/settings.xml', data: settingsXml() },
    { path: 'word/fontTable.xml', data: fontTableXml(settings) },
    {
      path: 'docProps/core.xml',
      data: corePropertiesXml({
        title: meta.title,
        subject: report.template.name,
        creator: report.issuer.name,
        keywords: meta.keywords,
        description: [meta.docNumber && `文号：${meta.docNumber}`, `索引号：${report.indexNumber}`].filter(Boolean).join('；'),
        date: meta.writtenDate,
      }),
    },
    { path: 'docProps/app.xml', data: appPropertiesXml(report.issuer.name) },
    {
      path: 'docProps/custom.xml',
      data: customPropertiesXml([
        ['索引号', report.indexNumber],
        ['发布机构', report.issuer.name],
        ['信息来源', meta.source],
        ['成文日期', meta.writtenDate],
        ['发布日期', meta.publishedAt],
        ['文号', meta.docNumber],
        ['主题分类', meta.topic],
        ['年度', String(meta.year)],
        ['报告类型', `${report.template.id} ${report.template.version}`],
      ]),
    },
  ]);
  // No paragraph ends on a line of one character (last-lines.ts).
  // … and the signature never stands alone on a page (keep-closing.ts).
  parts.set('word/document.xml', keepBodyWithClosing(avoidLoneLastLines(parts.get('word/document.xml') as string)));
  return deterministicZip(parts, meta.writtenDate, '[Content_Types].xml', { stored: isCompressedPicture });
}

/** PNG, JPEG and GIF pictures are deflated or coded already: stored in the package as they are. */
const isCompressedPicture = (name: string): boolean => /^word\/media\/.*\.(png|jpe?g|gif)$/i.test(name);

/** The title in 二号 小标宋, centred, broken into balanced lines when it is longer than one. */
function titleParagraphs(report: ReportModel, ctx: RenderContext, title = report.meta.title): Paragraph[] {
  const maxWidth = Math.floor(TYPE_AREA.width / (SIZE.二号 * 10));
  const lines = titleLines(title, maxWidth, [report.issuer.name, report.meta.signature]);
  const run = { face: 'xiaobiaosong', size: SIZE.二号, tracking: 0 } as const;
  return [new Paragraph({ style: STYLE.title, children: lines.map((line, i) => textRun(ctx.settings, line, run, { break: i > 0 })) })];
}

/**
 * Each attachment with text (fujian-N.md) on pages of its own after the signature (GB/T 9704-2012
 * 7.3.7): `附件` and its number in 3号 黑体 at the top left, the attachment's name as a title
 * centred on the third line, then its text as the body is set.
 */
function attachmentPages(report: ReportModel, ctx: RenderContext): FileChild[] {
  const out: FileChild[] = [];
  const numbered = report.attachments.length > 1;
  for (const a of report.attachments) {
    if (!a.body) continue;
    ctx.footnoteDefinitions = new Map();
    ctx.linkDefinitions = new Map();
    visit(a.body, (node) => {
      if (node.type === 'footnoteDefinition') ctx.footnoteDefinitions.set((node as FootnoteDefinition).identifier, node as FootnoteDefinition);
      if (node.type === 'definition') ctx.linkDefinitions.set((node as Definition).identifier, node as Definition);
    });
    out.push(
      new Paragraph({
        pageBreakBefore: true,
        alignment: AlignmentType.LEFT,
        indent: { firstLine: 0, firstLineChars: 0 },
        children: [textRun(ctx.settings, numbered ? `附件${a.number}` : '附件', { ...bodyBlock.run, face: 'heiti' })],
      }),
      new Paragraph({ children: [] }),
      ...titleParagraphs(report, ctx, a.title),
      new Paragraph({ children: [] }),
      ...blocks(a.body.children, ctx, bodyBlock),
    );
  }
  return out;
}

/** A section: its heading (numbered from its place in the outline), then its Markdown. */
function sectionBlocks(section: SectionModel, ctx: RenderContext): FileChild[] {
  ctx.footnoteDefinitions = new Map();
  ctx.linkDefinitions = new Map();
  visit(section.body, (node) => {
    if (node.type === 'footnoteDefinition') ctx.footnoteDefinitions.set((node as FootnoteDefinition).identifier, node as FootnoteDefinition);
    if (node.type === 'definition') ctx.linkDefinitions.set((node as Definition).identifier, node as Definition);
  });
  const title = [{ type: 'text' as const, value: section.title }];
  const [first, ...rest] = section.body.children;
  if (first?.type === 'paragraph' && wantsRunIn(ctx, section.level) && !hasImage(first)) {
    return [runInParagraph(ctx, section.level, section.number, title, phrasingRuns(first.children, ctx, bodyBlock.run)), ...blocks(rest, ctx, bodyBlock)];
  }
  return [headingParagraph(ctx, section.level, section.number, title), ...blocks(section.body.children, ctx, bodyBlock)];
}
