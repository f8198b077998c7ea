/**
 * A chart for paper (the printed PDF and the Word file): one self-contained SVG with its sizes in
 * points (rows of label, bar and value: paper-layout.ts), in black and greys that any printer keeps.
 * Its bars stay shapes and its words stay text, so the PDF holds it as vector paths and glyphs.
 */
import { escapeHtml as esc } from '../html.ts';
import { layoutPaperChart } from './paper-layout.ts';
import type { ChartSpec } from './spec.ts';

export interface PaperChartStyle {
  /** The chart's width in points: the type area's. */
  width: number;
  /** Size of its text in points. */
  fontSize: number;
  /** font-family of its text (the print stylesheet may override it with its own faces). */
  fontFamily: string;
  /** When given, the height grows to whole lines of this pitch, so that text after the chart stays on the grid. */
  pitch?: number;
}

export interface PaperChart {
  svg: string;
  /** Size in points. */
  width: number;
  height: number;
}

/** The bar's grey and the track's: 75 % and 10 % black, distinct on a laser printer and in photocopies. */
const BAR = '#404040';
const TRACK = '#e6e6e6';
/** An earlier year beside the report's own. */
const MUTED = '#999999';

export function paperChartSvg(spec: ChartSpec, style: PaperChartStyle): PaperChart {
  const fs = style.fontSize;
  const layout = layoutPaperChart(spec, style.width / fs);
  const w = round(style.width);
  const drawn = layout.height * fs;
  const height = round(style.pitch ? Math.ceil(drawn / style.pitch - 1e-6) * style.pitch : drawn);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="paper-chart" width="${w}pt" height="${height}pt" viewBox="0 0 ${w} ${height}" role="img" aria-label="${esc(spec.title)}">`,
    `<title>${esc(spec.title)}</title>`,
    `<desc>${esc(spec.description)}</desc>`,
  ];
  // Vertically centred in its whole lines: the space the grid adds is shared above and below.
  out.push(`<g transform="translate(0 ${round((height - drawn) / 2)})">`);
  for (const bar of layout.bars) {
    const y = round(bar.y * fs);
    const h = round(bar.height * fs);
    out.push(`<rect x="${round(bar.x * fs)}" y="${y}" width="${round(bar.track * fs)}" height="${h}" fill="${TRACK}"/>`);
    if (bar.width > 0) out.push(`<rect x="${round(bar.x * fs)}" y="${y}" width="${round(bar.width * fs)}" height="${h}" fill="${bar.muted ? MUTED : BAR}"/>`);
  }
  out.push(`<g font-family="${esc(style.fontFamily)}" font-size="${fs}" fill="#000" letter-spacing="0">`);
  for (const t of layout.texts) out.push(`<text x="${round(t.x * fs)}" y="${round(t.y * fs)}">${esc(t.text)}</text>`);
  out.push('</g></g></svg>');
  return { svg: out.join(''), width: w, height };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The type area's width (156 mm, GB/T 9704-2012) in points: a printed chart is as wide as the text. */
export const TYPE_AREA_WIDTH_PT = (156 / 25.4) * 72;
/** Chart text in 小四 (12 pt), as the Word file's captions and notes. */
export const PAPER_FONT_SIZE = 12;
