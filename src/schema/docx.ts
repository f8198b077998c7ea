import { z } from 'zod';

/**
 * The type faces of the official format. GB/T 9704 names type styles (小标宋, 仿宋, 楷体, 黑体), not
 * font files: the defaults are the names Word users have, and an organisation with licensed faces
 * (方正仿宋_GBK and the like) puts those names here. A DOCX only names its fonts; Word on the
 * reader's machine draws them.
 */
export const DocxFonts = z
  .object({
    xiaobiaosong: z.string().trim().min(1).default('方正小标宋简体').meta({ title: '小标宋（标题）' }),
    fangsong: z.string().trim().min(1).default('仿宋_GB2312').meta({ title: '仿宋（正文、三级和四级标题、表格）' }),
    heiti: z.string().trim().min(1).default('黑体').meta({ title: '黑体（一级标题、表头）' }),
    kaiti: z.string().trim().min(1).default('楷体_GB2312').meta({ title: '楷体（二级标题、引文）' }),
    songti: z.string().trim().min(1).default('宋体').meta({ title: '宋体（页码）' }),
    latin: z.string().trim().min(1).default('Times New Roman').meta({ title: '西文和数字字体' }),
  })
  .strict();

export type DocxFonts = z.infer<typeof DocxFonts>;

/** How the Word file is set. Every field has the standard's value as its default. */
export const DocxSettings = z
  .object({
    fonts: DocxFonts.default(DocxFonts.parse({})).meta({ title: '字体名称' }),
    boldLevel3: z
      .boolean()
      .default(false)
      .meta({ title: '三级标题加粗', description: '“1.”一级标题用仿宋加粗（机关常见做法，标准未规定）' }),
    runInLevels: z
      .array(z.int().min(2).max(4))
      .default([])
      .meta({
        title: '标题与正文同段的层级',
        description: '如 [2, 3]：“（一）标题。正文……”写在同一段里；不写时标题单独成行',
      }),
    charts: z
      .boolean()
      .default(true)
      .meta({ title: '打印版和 Word 附图', description: '在 PDF、OFD 和 Word 文件中，给有“合计 = 各部分之和”核对关系的一节附上构成图（图N，矢量图）；写 false 则只在网页上显示图表' }),
    metricTables: z
      .boolean()
      .default(false)
      .meta({ title: '各节附数据表', description: '在每节末尾附上本节指标的数据表（网页上的“数据”表）；公文原文没有这些表，默认不附' }),
    signaturePage: z
      .enum(['keep-lines', 'note'])
      .default('keep-lines')
      .meta({
        title: '署名不单独成页',
        description:
          'keep-lines（默认）：正文排到页末、署名和成文日期放不下时，正文最后几行随署名移到下一页（GB/T 9704 7.3.5.5），署名页总有正文；note：署名页不带正文，页首印“（此页无正文）”（只用于 PDF：Word 文件的分页由 Word 决定，总是把正文最后几行与署名排在一页）',
      }),
  })
  .strict()
  .meta({ title: 'Word 文件（公文格式）设置' });

export type DocxSettings = z.infer<typeof DocxSettings>;

export const defaultDocxSettings: DocxSettings = DocxSettings.parse({});
