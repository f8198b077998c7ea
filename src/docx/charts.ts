/**
 * The report's charts in the Word file, as the print has them (src/components/PaperChartFigure.astro):
 * the wholes with their parts, each an SVG picture as wide as the type area with a PNG for word
 * processors that can't draw SVG, then its caption 图N centred below it in 黑体 小四.
 */
import { ImageRun, Paragraph, type FileChild } from 'docx';
import type { ReportModel } from '../content/index.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { PAPER_FONT_SIZE, paperChartSvg, TYPE_AREA_WIDTH_PT } from '../web/charts/paper-svg.ts';
import { paperCaption, paperCharts, type NumberedChart } from '../web/charts/select.ts';
import type { RenderContext } from './context.ts';
import { runFonts } from './fonts.ts';
import { displaySize, rasterizeSvg, type LoadedImage } from './images.ts';
import { SIZE } from './official-format.ts';
import { textRun } from './runs.ts';
import { STYLE } from './styles-xml.ts';

export interface DocxChart {
  chart: NumberedChart;
  image: LoadedImage;
}

/**
 * The chart's faces: the Word file's 仿宋 by name (Word draws the SVG with it), then faces
 * fontconfig has on a build machine, for the PNG fallback.
 */
export function chartFontFamily(settings: DocxSettings): string {
  return [settings.fonts.fangsong, '仿宋', 'FangSong', 'AR PL UMing CN', 'Noto Serif CJK SC', 'Noto Sans CJK SC', 'serif'].join(', ');
}

/** Every chart of the report drawn and rasterised once, before the document is built. */
export async function loadPaperCharts(report: ReportModel, settings: DocxSettings): Promise<DocxChart[]> {
  const out: DocxChart[] = [];
  for (const chart of paperCharts(report)) {
    const drawn = paperChartSvg(chart.spec, { width: TYPE_AREA_WIDTH_PT, fontSize: PAPER_FONT_SIZE, fontFamily: chartFontFamily(settings) });
    const data = Buffer.from(drawn.svg, 'utf8');
    // CSS pixels, 96 to the inch.
    const width = (drawn.width * 96) / 72;
    const height = (drawn.height * 96) / 72;
    out.push({ chart, image: { type: 'svg', data, fallback: await rasterizeSvg(data, width, paperCaption(chart)), width, height } });
  }
  return out;
}

const captionRun = { face: 'heiti', size: SIZE.小四, tracking: 0 } as const;

/** A chart's picture paragraph (kept with the next) and its caption. */
export function chartBlocks(charts: readonly DocxChart[], ctx: RenderContext): FileChild[] {
  return charts.flatMap(({ chart, image }) => {
    const run = new ImageRun({
      type: 'svg',
      data: image.data,
      fallback: { type: 'png', data: image.fallback! },
      transformation: displaySize(image.width, image.height),
      run: { font: runFonts(ctx.settings.fonts, 'fangsong') },
      altText: { id: String(ctx.nextDrawingId++), name: `图${chart.number}`, description: chart.spec.description, title: chart.spec.title },
    });
    return [
      new Paragraph({ style: STYLE.figure, children: [run] }),
      new Paragraph({ style: STYLE.caption, children: [textRun(ctx.settings, paperCaption(chart), captionRun)] }),
      // One blank line after the caption, as after a table and in the print.
      new Paragraph({ children: [] }),
    ];
  });
}
