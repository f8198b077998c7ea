import { Document, DocumentGridType, Paragraph, type FileChild } from 'docx';
import type { Definition, FootnoteDefinition } from 'mdast';
import { visit } from 'unist-util-visit';
import type { ReportModel, SectionModel } from '../content/index.ts';
import { sectionTables } from '../tables/official-tables.ts';
import { blocks, hasImage } from './blocks.ts';
import { closingParagraphs } from './closing.ts';
import { bodyBlock, type RenderContext } from './context.ts';
import { headingParagraph, runInParagraph, wantsRunIn } from './headings.ts';
import { loadReportImages } from './images.ts';
import { phrasingRuns } from './inline.ts';
import { ListNumbering } from './lists.ts';
import { metricTable } from './metric-table.ts';
import { officialGridTable } from './official-table.ts';
import { FOOTER_DISTANCE, HEADER_DISTANCE, LINE_PITCH, PAGE, SIZE, TYPE_AREA } from './official-format.ts';
import { compileParts, deterministicZip } from './pack.ts';
import { appPropertiesXml, corePropertiesXml, customPropertiesXml, fontTableXml, settingsXml } from './package-parts.ts';
import { pageNumberFooters } from './page-numbers.ts';
import { textRun } from './runs.ts';
import { defaultDocxSettings, type DocxSettings } from '../schema/docx.ts';
import { STYLE, stylesXml } from './styles-xml.ts';
import { titleLines } from '../official/title-lines.ts';

export interface RenderOptions {
  settings?: DocxSettings;
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

  const children: FileChild[] = [...titleParagraphs(report, ctx), new Paragraph({ children: [] })];
  for (const section of report.sections) {
    children.push(...sectionBlocks(section, ctx));
    // The section's template tables, laid out as on the web (and in the official formats).
    for (const grid of sectionTables(report, section)) children.push(...officialGridTable(grid, ctx, section.title));
    if (settings.metricTables) children.push(...metricTable(report, section, ctx));
  }
  children.push(...closingParagraphs(report.meta, ctx));

  // styles.xml, settings.xml (odd and even footers), the font table and the document properties
  // are nianbao's own (package-parts.ts, styles-xml.ts): the library can't say all they need.
  const doc = new Document({
    footnotes: ctx.footnotes,
    numbering: { config: ctx.lists.config },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
          },
          // A grid of 22 lines; the 28 characters come from tracking the text (see official-format.ts).
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
        },
        footers: pageNumberFooters(settings),
        children,
      },
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
  return deterministicZip(parts, meta.writtenDate);
}

/** The title in 二号 小标宋, centred, broken into balanced lines when it is longer than one. */
function titleParagraphs(report: ReportModel, ctx: RenderContext): Paragraph[] {
  const maxWidth = Math.floor(TYPE_AREA.width / (SIZE.二号 * 10));
  const lines = titleLines(report.meta.title, maxWidth, [report.issuer.name, report.meta.signature]);
  const run = { face: 'xiaobiaosong', size: SIZE.二号, tracking: 0 } as const;
  return [new Paragraph({ style: STYLE.title, children: lines.map((line, i) => textRun(ctx.settings, line, run, { break: i > 0 })) })];
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
