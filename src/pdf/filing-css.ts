/**
 * The filing copy's 版头 geometry as a stylesheet of its own for each report (print/<slug>/filing.css):
 * the print pages allow no inline styles (style-src 'self'), and the mark's size and the lines
 * below it depend on the issuer and the report. The numbers are those of the Word file
 * (src/official/filing-layout.ts); the look (faces, colour) is in src/styles/print-report.css.
 */
import type { FilingModel } from '../content/index.ts';
import { HALF_LEADING, PITCH, headGeometry } from '../official/filing-layout.ts';

const pt = (n: number) => `${Math.round(n * 1000) / 1000}pt`;

export function filingStylesheet(filing: FilingModel): string {
  const g = headGeometry(filing);
  const rules = [
    `.filing-head{height:${pt(g.titleTop)}}`,
    ...g.topLines.map((_, i) => `.filing-head .head-line-${i + 1}{top:${pt(i * PITCH)}}`),
    // The em box fills the line (every face is declared with ascent 0.88 and descent 0.12): its top is the line's top.
    `.filing-head .document-mark{top:${pt(g.markTop)};height:${pt(g.mark.height)};font-size:${pt(g.mark.size)};line-height:${pt(g.mark.size)}}`,
    `.filing-head .document-mark .mark-name+.mark-name{margin-top:${pt(g.mark.size * 0.2)}}`,
    ...Array.from({ length: g.numberLines }, (_, i) => `.filing-head .number-line-${i + 1}{top:${pt(g.numberLinesTop + i * PITCH + HALF_LEADING)}}`),
    `.filing-head .red-rule{top:${pt(g.ruleTop)}}`,
  ];
  return `${rules.join('\n')}\n`;
}
